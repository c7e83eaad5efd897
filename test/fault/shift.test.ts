/**
 * A scripted agent shift against the simulator over real loopback sockets, with at least
 * LPAD_FAULT_DROPS (default 200) socket drops injected at seeded random points: mid-request,
 * mid-publish, during reconnect, during resubscribe, plus refresh 401/5xx, refused logins, close
 * codes 4401/1011/1006/1000, responses delayed past their timeout, lost responses, server down/up,
 * and once the server gone for a minute (LPAD_FAULT_OUTAGE_MS, default 60000) while the shift goes on.
 *
 * At the end: every agent message reached the simulator exactly once and in order per
 * conversation; every consumer message is shown exactly once; every ring offered while online was
 * shown (or ended while the session was offline); the session is online and was never signed out.
 * Seed: LPAD_FAULT_SEED (default 1; `random` picks one; printed on failure).
 */
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import type { SimConsumer } from '../../src-main/simulator/api';
import type { ConnectionState } from '../../src-main/lp/index';
import { agentTexts, consumerMessages, envInt, makeAgent, prng, heldForTest } from './harness';

const DROPS = envInt('LPAD_FAULT_DROPS', 200);
/** Once per shift the server goes away for this long (the "a minute"); the shift goes on meanwhile. */
const OUTAGE_MS = envInt('LPAD_FAULT_OUTAGE_MS', 60_000);
const OUTAGE_STEP = 40;
// Fixed by default (CI runs one schedule); LPAD_FAULT_SEED=<n> replays a run, LPAD_FAULT_SEED=random explores.
const SEED = process.env.LPAD_FAULT_SEED === 'random' ? Date.now() % 1_000_000 : envInt('LPAD_FAULT_SEED', 1);
const REQUEST_TIMEOUT_MS = 1_000;

const FAULTS = ['drop', 'mid-publish', 'mid-subscribe', 'mid-request', 'during-reconnect', 'close-4401', 'close-1011', 'close-1000',
  'refuse-logins', 'refuse-upgrades', 'refresh-401', 'refresh-5xx', 'delay-response', 'lost-response', 'down-up'] as const;
/**
 * 'delay-all': every response delayed past the timeout while the socket comes back (slow: ~2 s each,
 * so every 50th step only). 'away-a-minute': the server gone for OUTAGE_MS, once.
 */
type Fault = typeof FAULTS[number] | 'delay-all' | 'away-a-minute';

const held = heldForTest();

describe(`agent shift under faults (${DROPS} drops, seed ${SEED})`, () => {
  it('loses no word, duplicates none, misses no ring, ends online', async () => {
    const log: string[] = [];
    try {
      await shift(log);
    } catch (err) {
      // the seed and the tail of the schedule, so the run can be replayed: LPAD_FAULT_SEED=<seed>
      throw new Error(`fault shift failed with LPAD_FAULT_SEED=${SEED} LPAD_FAULT_DROPS=${DROPS}\nlast steps:\n${log.slice(-25).join('\n')}\n${String(err instanceof Error ? err.stack : err)}`, { cause: err });
    }
  }, 60_000 + DROPS * 600 + OUTAGE_MS);
});

async function shift(log: string[]): Promise<void> {
  const rand = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const s = held.sim = await startSimulator({ reRingDelayMs: 50, ringExpirationMs: 5_000 });
  const seed = s.agents[0]!;
  const legacyId = `${s.accountId}.${seed.userId}`;
  const a = held.agent = makeAgent(s, {
    timing: { backoffBaseMs: 25, backoffMaxMs: 300, requestTimeoutMs: REQUEST_TIMEOUT_MS, pingIntervalMs: 250, refreshIntervalMs: 400 },
    tuning: { snapshotWindowMs: 100, retryDelayMs: 50 },
  });

  // --- bookkeeping -------------------------------------------------------------------------
  let drops = 0;
  const username = seed.username;
  s.on('socketClose', (e) => { if (e.username === username) drops += 1; });
  const phases: Array<{ at: number; phase: ConnectionState['phase'] }> = [];
  a.session.on('connection', (c) => phases.push({ at: Date.now(), phase: c.phase }));
  const simRings = new Map<string, { offeredAt: number; endedAt?: number; end?: string }>();
  s.on('ring', (r) => {
    if (r.agentUserId !== legacyId) return;
    const known = simRings.get(r.ringId);
    if (r.ringState === 'WAITING') { if (!known) simRings.set(r.ringId, { offeredAt: Date.now() }); } else if (known && known.endedAt === undefined) {
      known.endedAt = Date.now();
      known.end = r.ringState;
    }
  });
  const accepting = new Set<string>();
  const tryAccept = (ringId: string): void => {
    if (accepting.has(ringId)) return;
    accepting.add(ringId);
    a.session.acceptRing(ringId).catch(() => undefined).finally(() => accepting.delete(ringId));
  };
  a.session.on('ring/offered', (r) => tryAccept(r.ringId));

  const consumers: SimConsumer[] = [];
  const sent = new Map<string, string[]>(); // agent texts per conversation, in sendText order
  let counter = 0;
  const mine = (): string[] => a.session.snapshot().conversations.filter((c) => c.mine && c.state === 'OPEN').map((c) => c.conversationId);
  const agentSays = (cid?: string): void => {
    const target = cid ?? (mine().length > 0 ? pick(mine()) : undefined);
    if (!target) return;
    const text = `agent#${counter += 1} to ${target.slice(0, 8)}`;
    a.session.sendText(target, text);
    sent.set(target, [...(sent.get(target) ?? []), text]);
  };
  const consumerSays = async (): Promise<void> => {
    if (consumers.length === 0) return;
    await pick(consumers).send(`consumer#${counter += 1}`);
  };
  const openConsumer = async (): Promise<void> => {
    consumers.push(await s.consumers.open({ text: `hello #${consumers.length + 1}`, firstName: `C${consumers.length + 1}` }));
  };
  const online = async (what: string): Promise<void> => {
    await a.until(() => a.session.snapshot().connection.phase === 'online' && s.inspect.sockets().some((x) => x.username === username), 15_000, `online after ${what}`);
  };
  /** Installs a one-shot hook that drops the agent's sockets right after a matching request arrives. */
  const dropOn = (match: (type: string) => boolean): { fired: Promise<boolean>; off: () => void } => {
    let off = (): void => undefined;
    const fired = new Promise<boolean>((resolve) => {
      const t = setTimeout(() => { off(); resolve(false); }, 3_000);
      off = s.on('request', (r) => {
        if (r.username !== username || !match(r.type)) return;
        off();
        clearTimeout(t);
        s.faults.dropSockets({ username });
        resolve(true);
      });
    });
    return { fired, off: () => off() };
  };

  // --- start of shift ----------------------------------------------------------------------
  await a.session.start();
  await online('start');
  for (let i = 0; i < 3; i += 1) await openConsumer();
  await a.until(() => mine().length === 3, 10_000, 'three accepted conversations');

  let step = 0;
  const spent = new Map<Fault, number>();
  while (drops < DROPS) {
    step += 1;
    const fault: Fault = step === OUTAGE_STEP && OUTAGE_MS > 0 ? 'away-a-minute' : step % 50 === 25 ? 'delay-all' : pick(FAULTS);
    const t0 = Date.now();
    log.push(`step ${step} drops ${drops}: ${fault}`);
    if (step % 30 === 0 && consumers.length < 8) await openConsumer();
    for (const r of a.session.snapshot().rings) if (r.state === 'WAITING') tryAccept(r.ringId);
    agentSays();
    await consumerSays();
    a.mark();
    switch (fault) {
      case 'drop':
        s.faults.dropSockets({ username });
        break;
      case 'mid-publish': {
        const h = dropOn((t) => t.endsWith('PublishEvent'));
        agentSays();
        if (!(await h.fired)) s.faults.dropSockets({ username });
        break;
      }
      case 'mid-request': {
        // any request at all (SetAgentState, GetClock, query, publish, ...)
        const h = dropOn(() => true);
        agentSays();
        if (!(await h.fired)) s.faults.dropSockets({ username });
        break;
      }
      case 'mid-subscribe': {
        const h = dropOn((t) => t.endsWith('SubscribeExConversations') || t.endsWith('subscribeExConversations'));
        s.faults.closeSockets(1011, 'internal error', { username });
        if (!(await h.fired)) s.faults.dropSockets({ username });
        break;
      }
      case 'during-reconnect': {
        const opened = s.waitFor('socketOpen', (e) => e.username === username, 10_000);
        s.faults.dropSockets({ username });
        await opened;
        s.faults.dropSockets({ username }); // the fresh socket, before or while it is set up
        break;
      }
      case 'close-4401':
        // token expired on the server (bearer invalid), or just the close code with the bearer still good
        if (rand() < 0.5) s.faults.expireTokens({ username, closeCode: 4401 });
        else s.faults.closeSockets(4401, 'Token expired', { username });
        break;
      case 'close-1011':
        s.faults.closeSockets(1011, 'internal error', { username });
        break;
      case 'close-1000':
        s.faults.closeSockets(1000, 'bye', { username });
        break;
      case 'refuse-logins':
        s.faults.refuseLogins(1 + Math.floor(rand() * 2), 503);
        s.faults.expireTokens({ username, closeCode: 4401 });
        break;
      case 'refuse-upgrades':
        s.faults.refuseUpgrades(1 + Math.floor(rand() * 2), pick([502, 503]));
        s.faults.dropSockets({ username });
        break;
      case 'refresh-401':
      case 'refresh-5xx': {
        // refreshes run every 400 ms: the next one fails, then the socket drops
        const before = s.inspect.refreshCount(username);
        s.faults.failRefresh(1, fault === 'refresh-401' ? 401 : pick([500, 503] as const));
        await a.until(() => s.inspect.refreshCount(username) > before || s.inspect.loginCount(username) > 0 && a.session.snapshot().connection.phase !== 'online', 5_000, 'a refresh');
        await online(fault);
        s.faults.dropSockets({ username });
        break;
      }
      case 'delay-response': {
        s.faults.delayResponses(REQUEST_TIMEOUT_MS + 300, (t) => t.endsWith('PublishEvent'));
        const target = mine()[0];
        agentSays(target);
        const text = target ? sent.get(target)?.at(-1) : undefined;
        if (target && text) {
          // applied at once, answered late: the client times out, reconciles, never sends it twice
          await a.until(() => (a.session.snapshot().messages[target] ?? []).some((m) => m.text === text && m.delivery === 'sent'), 10_000, 'a delayed publish to settle');
        }
        s.faults.delayResponses(0);
        s.faults.dropSockets({ username });
        break;
      }
      case 'lost-response': {
        s.faults.dropResponses(1, (t) => t.endsWith('PublishEvent'));
        const target = mine()[0];
        agentSays(target);
        const text = target ? sent.get(target)?.at(-1) : undefined;
        if (target && text) {
          await a.until(() => (a.session.snapshot().messages[target] ?? []).some((m) => m.text === text && m.delivery === 'sent'), 10_000, 'a lost publish response to settle');
        }
        s.faults.reset();
        s.faults.dropSockets({ username });
        break;
      }
      case 'delay-all': {
        // SetAgentState, subscriptions, history queries of the new socket all answer after their timeout
        s.faults.delayResponses(REQUEST_TIMEOUT_MS + 200);
        const sub = s.waitFor('request', (r) => r.username === username && r.type.endsWith('SubscribeExConversations'), 10_000);
        agentSays();
        s.faults.dropSockets({ username });
        await sub;
        s.faults.delayResponses(0);
        break;
      }
      case 'away-a-minute': {
        // The length of the outage IS the fault, so here (only) time is waited for: the shift goes
        // on through it — the agent writes (queued), consumers write (stored, shown after), a new
        // consumer arrives (its ring cannot reach the agent until the server is back), rings expire.
        s.faults.down();
        await a.wait('connection', (c) => c.phase === 'reconnecting');
        const back = Date.now() + OUTAGE_MS;
        await openConsumer();
        for (let left = back - Date.now(); left > 0; left = back - Date.now()) {
          agentSays();
          await consumerSays();
          await new Promise<void>((resolve) => setTimeout(resolve, Math.min(left, OUTAGE_MS / 6)));
        }
        expect(a.session.snapshot().connection.phase, 'still trying, not signed out, after the outage').toBe('reconnecting');
        log.push(`  away for ${OUTAGE_MS} ms: ${a.session.snapshot().connection.attempt ?? 0} attempts`);
        s.faults.up();
        break;
      }
      case 'down-up': {
        // "the server goes away": a short real outage (several failed attempts), not a minute
        s.faults.down();
        await a.wait('connection', (c) => c.phase === 'reconnecting' && (c.attempt ?? 0) >= 3, 10_000);
        agentSays();
        agentSays();
        await consumerSays();
        s.faults.up();
        break;
      }
    }
    await online(fault);
    spent.set(fault, (spent.get(fault) ?? 0) + Date.now() - t0);
  }

  // --- end of shift: everything settles -------------------------------------------------------
  s.faults.reset();
  log.push(`settling after ${step} steps, ${drops} drops`);
  const settled = (): boolean => {
    const snap = a.session.snapshot();
    for (const [cid, texts] of sent) {
      if (agentTexts(s, cid).length < texts.length) return false;
      const own = (snap.messages[cid] ?? []).filter((m) => m.own);
      if (own.length !== texts.length || own.some((m) => m.delivery !== 'sent' && m.delivery !== 'read')) return false;
    }
    for (const c of consumers) {
      const seqs = new Set((snap.messages[c.conversationId] ?? []).map((m) => m.sequence));
      if (!consumerMessages(s, c.conversationId).every((m) => seqs.has(m.sequence))) return false;
    }
    return snap.connection.phase === 'online';
  };
  const unsettled = (): string => {
    const snap = a.session.snapshot();
    return JSON.stringify({
      phase: snap.connection.phase,
      agent: [...sent].map(([cid, t]) => [cid.slice(0, 8), t.length, agentTexts(s, cid).length,
        (snap.messages[cid] ?? []).filter((m) => m.own).map((m) => `${m.text.slice(0, 9)}:${m.delivery}:${m.sequence}`).filter((x) => !x.includes(':sent:'))]),
      consumer: consumers.map((c) => {
        const seqs = new Set((snap.messages[c.conversationId] ?? []).map((m) => m.sequence));
        return [c.conversationId.slice(0, 8), consumerMessages(s, c.conversationId).filter((m) => !seqs.has(m.sequence))];
      }),
      mine: snap.conversations.map((c) => [c.conversationId.slice(0, 8), c.mine, c.state]),
      rings: snap.rings,
    });
  };
  await a.until(settled, 20_000, () => `the shift to settle: ${unsettled()}`);

  // agent messages: exactly once, in order, per conversation
  for (const [cid, texts] of sent) {
    expect(agentTexts(s, cid), `agent messages in ${cid}`).toEqual(texts);
    const own = (a.session.snapshot().messages[cid] ?? []).filter((m) => m.own);
    expect(own.map((m) => m.text)).toEqual(texts);
  }
  // consumer messages: shown exactly once (by sequence), with their text
  for (const c of consumers) {
    const cid = c.conversationId;
    const shown = (a.session.snapshot().messages[cid] ?? []).filter((m) => m.role === 'CONSUMER');
    const expected = consumerMessages(s, cid);
    expect(shown.map((m) => [m.sequence, m.text]), `consumer messages in ${cid}`).toEqual(expected.map((m) => [m.sequence, m.text]));
    // every message event about a consumer line names a sequence the simulator has
    const seqs = new Set(expected.map((m) => m.sequence));
    const emitted = a.of('message').filter((m) => m.conversationId === cid && m.role === 'CONSUMER').map((m) => m.sequence ?? -1);
    for (const seq of emitted) expect(seqs.has(seq)).toBe(true);
    expect(new Set(emitted).size, `a consumer message of ${cid} was announced twice`).toBe(emitted.length);
  }
  // rings: every ring the simulator offered was shown, or ended while the session was not online
  const shown = new Set(a.of('ring/offered').map((r) => r.ringId));
  const phaseAt = (t: number): ConnectionState['phase'] | undefined => phases.filter((p) => p.at <= t).at(-1)?.phase;
  for (const [ringId, r] of simRings) {
    if (shown.has(ringId)) continue;
    expect(r.endedAt, `ring ${ringId} never shown and never ended`).toBeDefined();
    expect(phaseAt(r.endedAt!), `ring ${ringId} ended (${r.end}) unseen while online`).not.toBe('online');
  }
  // never signed out; ends online; everything offered was accepted
  expect(phases.filter((p) => p.phase === 'auth-failed' || p.phase === 'offline')).toEqual([]);
  expect(a.session.snapshot().connection.phase).toBe('online');
  expect(drops).toBeGreaterThanOrEqual(DROPS);
  expect(a.warnings.filter((w) => w.includes('malformed'))).toEqual([]);
  log.push(`done: ${step} steps, ${drops} drops, ${counter} messages`);
  console.log(`fault shift: seed ${SEED}, ${step} steps, ${drops} drops, ${[...sent.values()].flat().length} agent + ${consumers.reduce((n, c) => n + consumerMessages(s, c.conversationId).length, 0)} consumer messages, ${simRings.size} rings; ms per fault kind ${JSON.stringify(Object.fromEntries(spent))}`);
}
