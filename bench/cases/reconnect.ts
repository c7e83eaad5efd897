/**
 * 3. Reconnect: the server drops the socket without a close frame (sim.faults.dropSockets → the
 * client sees 1006); time from the drop until BOTH the session reports connection phase 'online'
 * again AND the simulator has received a new SubscribeExConversations (either type alias) after
 * the drop. Simulator in-process on loopback. p50/p95 over D drops, one at a time.
 *
 * Each drop is an ISOLATED outage, as a user meets it: the core only resets its backoff once a socket
 * has stayed up for `timing.pingIntervalMs` (connection.ts, so clients kicking each other out slow
 * down), so drops in quick succession would measure the backoff growing (2nd drop: 1–2 s, 3rd:
 * 2–4 s…), not a reconnect. To get isolated drops in minutes instead of 100 × 30 s, the bench runs
 * the core with pingIntervalMs = 400 ms (every other timing default: backoff base 1 s, equal
 * jitter) and waits for the socket to have been up 500 ms before the next drop. The chosen retry
 * delay (nextRetryAt − drop) is summarized in the JSON (raw.retryDelay) to explain the figure.
 */
import { performance } from 'node:perf_hooks';
import { startSimulator, type Simulator } from '../../src-main/simulator/index';
import { loadCreateAgentSession, waitSession, type CreateAgentSession } from '../lib/core';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';
import { rounded, summarize } from '../lib/stats';

const ROW = { case: 'reconnect', figure: 'server drop → online + resubscribed, p95', goal: '≤ 1.5 s', goalValue: 1500, direction: 'max', unit: 'ms' } as const;
const PING_MS = 400;
const STABLE_MS = 500;
const SUBSCRIBE = /^(\.ams\.)?(aam|cqm)\.SubscribeExConversations$/;

/** Independent sessions, each its own agent and socket, dropping in turn: 4 × 25 drops in a quarter of the time of 100 in a row. */
const LANES = 4;

type Session = ReturnType<CreateAgentSession>;
interface Samples { total: number[]; toOnline: number[]; toSubscribed: number[]; retryDelay: number[] }

/** `drops` isolated drops of one agent's socket, one at a time, each timed until online AND resubscribed. */
async function dropLoop(sim: Simulator, session: Session, username: string, drops: number, out: Samples): Promise<void> {
  const subscribedAgain = (): Promise<void> => sim.waitFor('request', (r) => r.username === username && SUBSCRIBE.test(r.type), 30_000).then(() => undefined);
  const first = waitSession(session, 'connection', (c) => c.phase === 'online', 30_000, `${username} online`);
  const firstSub = subscribedAgain().catch(() => undefined);
  await session.start();
  if (session.snapshot().connection.phase !== 'online') await first;
  else void first.catch(() => undefined);
  await firstSub;
  for (let i = 0; i < drops; i++) {
    // The socket must have been up longer than the core's stability window: an isolated drop.
    await new Promise((r) => setTimeout(r, STABLE_MS));
    let tOnline = 0;
    let tSub = 0;
    const wentDown = waitSession(session, 'connection', (c) => c.phase !== 'online', 5000, 'connection lost');
    const dropWall = Date.now();
    void wentDown.then((c) => { if (c.nextRetryAt !== undefined) out.retryDelay.push(c.nextRetryAt - dropWall); }, () => undefined);
    const online = wentDown.then(() => waitSession(session, 'connection', (c) => c.phase === 'online', 30_000, `${username} online again after drop ${i + 1}`)).then(() => { tOnline = performance.now(); });
    const subscribed = subscribedAgain().then(() => { tSub = performance.now(); });
    const t0 = performance.now();
    if (sim.faults.dropSockets({ username }) !== 1) throw new Error(`${username} drop ${i + 1}: no open socket to drop`);
    await Promise.all([online, subscribed]);
    out.toOnline.push(tOnline - t0);
    out.toSubscribed.push(tSub - t0);
    out.total.push(Math.max(tOnline, tSub) - t0);
  }
}

export const reconnect: BenchCase = {
  name: 'reconnect',
  title: 'socket dropped by the server → online and resubscribed',
  async run({ quick, log }): Promise<CaseResult> {
    const drops = quick ? 3 : 100;
    const lanes = quick ? 1 : LANES;
    const rows: Row[] = [];
    const raw: Record<string, unknown> = {};
    const create = await loadCreateAgentSession();
    if (!create.ok) return { rows: [notMeasuredRow(ROW, create.reason)], raw };
    const agents = Array.from({ length: lanes }, (_, i) => ({ username: `bench-agent${i + 1}`, password: `bench-password-${i + 1}`, userId: String(2_000_001 + i) }));
    const sim = await startSimulator({ idleTimeoutMs: 600_000, agents });
    const sessions = agents.map((a) => create.value({
      account: { accountId: sim.accountId, csdsUrl: sim.csdsUrl },
      credentials: { kind: 'password', username: a.username, password: a.password },
      timing: { pingIntervalMs: PING_MS },
    }));
    const samples: Samples = { total: [], toOnline: [], toSubscribed: [], retryDelay: [] };
    try {
      // Lanes start a fraction of a cycle apart, so their drops and reconnects rarely coincide.
      const cycleMs = STABLE_MS + 750;
      await Promise.all(sessions.map(async (session, i) => {
        await new Promise((r) => setTimeout(r, (i * cycleMs) / lanes));
        await dropLoop(sim, session, agents[i]!.username, Math.ceil(drops / lanes), samples);
      }));
      const s = summarize(samples.total);
      raw.total = rounded(s);
      raw.toOnline = rounded(summarize(samples.toOnline));
      raw.toSubscribed = rounded(summarize(samples.toSubscribed));
      raw.retryDelay = rounded(summarize(samples.retryDelay));
      raw.timing = { pingIntervalMs: PING_MS, stableBeforeDropMs: STABLE_MS, lanes };
      log(`reconnect: ${s.n} drops over ${lanes} sessions, p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`);
      rows.push(measuredRow({ ...ROW, measured: s.p95, note: `n=${s.n}, p50 ${s.p50.toFixed(0)} ms; isolated drops (ping interval 400 ms), ${lanes} sessions side by side` }));
    } catch (err) {
      rows.push(notMeasuredRow(ROW, `core run failed after ${samples.total.length} drops: ${errorText(err)}`));
    } finally {
      await Promise.all(sessions.map((s) => s.stop({ logout: false }).catch(() => undefined)));
      await sim.close();
    }
    return { rows, raw };
  },
};
