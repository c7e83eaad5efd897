/**
 * 2. Event throughput: consumer messages per second fully processed by
 *    - the core (createAgentSession: parse, validate, apply to state, emit 'message'), bundled as main ships it,
 *    - a bare `ws` client that only JSON.parses each frame (the ceiling),
 *    - LivePerson's official node-agent-sdk from npm (the peer, bench/peer/).
 * Same simulator (TLS on: the peer needs wss), same stream, each client in its own process and
 * logged in as its own agent (so a flood reaches one client only), all three alive the whole case.
 * Stream: N pre-built `.ams.ms.OnlineEventDistribution` frames (consumer ContentEvents of the
 * conversation the core accepted, consecutive sequences) pushed with sim.faults.sendRaw. To measure
 * the client and not the sender, the client blocks its event loop while the simulator writes the
 * whole flood (flagged when the write took longer than the block), then the clock runs from
 * unblocking to the N-th processed message.
 * Rounds are INTERLEAVED: one warm-up round per client (not counted), then R rounds, each running
 * core, ceiling and peer back to back (the order rotates per round), so the two figures of a ratio
 * are taken in the same seconds. The figure is the MEDIAN of the R side-by-side ratios; the note
 * gives their spread (min–max), not the best round.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSimulator, type Simulator } from '../../src-main/simulator/index';
import { spawnChild, type BenchChild } from '../lib/child';
import { buildCoreBundle, type CoreBundle } from '../lib/core-bundle';
import { loadCreateAgentSession, projectRoot } from '../lib/core';
import { consumerFlood } from '../lib/frames';
import { formatTop, mainThreadProfile, topSelfTime } from '../lib/profile';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';
import { login, socketUrl } from '../lib/sim-client';
import { median } from '../lib/stats';
import { ensurePeer } from '../peer/ensure';

const CEIL = { case: 'throughput', figure: 'core msgs/s vs bare ws JSON.parse (ceiling)', goal: '≥ 0.9× ceiling', goalValue: 0.9, direction: 'min', unit: '×' } as const;
const PEER = { case: 'throughput', figure: 'core msgs/s vs node-agent-sdk (peer)', goal: '≥ 1.5× peer', goalValue: 1.5, direction: 'min', unit: '×' } as const;

/**
 * `BENCH_CPU_PROF=<dir>`: the core's and the ceiling's children write V8 CPU profiles there
 * (node --cpu-prof, in <dir>/core and <dir>/ceiling), for the flame graph and a side-by-side top.
 */
function profileArgs(who: 'core' | 'ceiling'): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', join(dir, who)] : [];
}

/** A child's top self-time functions, from its main-thread profile → bench/results/throughput-<who>-profile.txt. */
function writeProfileTop(dir: string, who: 'core' | 'ceiling', raw: Record<string, unknown>, log: (l: string) => void): void {
  const profile = mainThreadProfile(join(dir, who));
  if (!profile) return;
  const top = topSelfTime(profile, 30);
  const file = join(projectRoot, 'bench', 'results', `throughput-${who}-profile.txt`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${who === 'core' ? 'Core' : 'Ceiling (bare ws + JSON.parse)'} child (throughput case), top self time; profile in ${join(dir, who)}\n${formatTop(top)}`);
  raw[`${who}ProfileTop`] = top.slice(0, 12);
  log(`throughput: ${who} profile top self time → ${file}`);
}

/** cpuUsPerMsg: the client's CPU time per message over the round (less sensitive to a loaded machine than the wall-time rate). */
/** gcMs/gcs/majorGcs: garbage collection during the round (perf_hooks 'gc' pauses); heapUsedMB and oldSpaceMB (old generation) at its end (retention across rounds). */
interface RoundResult {
  n: number; ms: number; rate: number; cpuUsPerMsg: number | null; senderMs: number; senderBound: boolean;
  gcMs: number | null; gcs: number | null; majorGcs: number | null; heapUsedMB: number | null; oldSpaceMB: number | null;
  /** Core only: messages of the flooded conversation the core keeps after the round (its bounded window). */
  keptMessages: number | null;
  /**
   * Where the round's wall time went (lib/thread-time.ts): the event loop idle (waiting for the
   * sender), the main thread on a core, and runnable but waiting for one; and the machine's steal
   * time during the round (all CPUs). Linux; else null.
   */
  idleMs: number | null; mainCpuMs: number | null; runQueueMs: number | null; stealMs: number | null;
}

type Who = 'core' | 'ceiling' | 'peer';
/**
 * One measured client: its child, the agent it is logged in as, its rounds, and the next sequence of
 * ITS stream. Each lane's stream is contiguous, as LivePerson's sequences of one conversation are:
 * with one counter shared by the three lanes, the core saw a gap of 2 × n sequences before each of
 * its rounds (the others' floods), could never move its synced watermark past the first one and so
 * never let a message go (README "Messages kept in main"): it kept all 255,000 and paid for them in
 * garbage collection, which no real session does.
 */
interface Lane { who: Who; child: BenchChild; username: string; rounds: RoundResult[]; warmup?: RoundResult; nextSeq: number }

/** The simulator's agents: one per client, so that a flood sent to one username reaches one socket. */
const AGENTS: Record<Who, { username: string; password: string; userId: string }> = {
  core: { username: 'bench-core', password: 'bench-core-password', userId: '3000001' },
  ceiling: { username: 'bench-ceiling', password: 'bench-ceiling-password', userId: '3000002' },
  peer: { username: 'bench-peer', password: 'bench-peer-password', userId: '3000003' },
};

/** One round of `n` messages to one client (ready, idle). */
async function floodRound(sim: Simulator, lane: Lane, dialog: { id: string; consumerId: string }, n: number): Promise<RoundResult> {
  const frames = consumerFlood(dialog.id, dialog.consumerId, lane.nextSeq, n);
  const blockMs = Math.max(500, Math.round(n * 0.03));
  lane.child.send({ t: 'go', n, fromSeq: lane.nextSeq, blockMs });
  lane.nextSeq += n;
  await lane.child.next('blocking', 10_000);
  const s0 = performance.now();
  for (const f of frames) if (sim.faults.sendRaw(f, { username: lane.username }) !== 1) throw new Error(`the ${lane.who} client's socket is gone`);
  const senderMs = performance.now() - s0;
  const done = await lane.child.next('done', 60_000);
  const ms = Number(done.ms);
  const cpuMs = Number(done.cpuMs); // the peer's child does not report it (nor GC and heap)
  const num = (x: unknown, digits: number): number | null => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);
  return {
    keptMessages: num(done.keptMessages, 0), stealMs: num(done.stealMs, 0), idleMs: num(done.idleMs, 1), mainCpuMs: num(done.mainCpuMs, 1), runQueueMs: num(done.runQueueMs, 1), gcMs: num(done.gcMs, 1), gcs: num(done.gcs, 0), majorGcs: num(done.majorGcs, 0), heapUsedMB: num(done.heapUsedMB, 1), oldSpaceMB: num(done.oldSpaceMB, 1),
    n,
    ms: Math.round(ms * 10) / 10,
    rate: Math.round(n / (ms / 1000)),
    cpuUsPerMsg: Number.isFinite(cpuMs) ? Math.round(((cpuMs * 1000) / n) * 100) / 100 : null,
    senderMs: Math.round(senderMs),
    senderBound: senderMs > blockMs * 0.9,
  };
}

/** A positive whole number from the environment, else undefined. */
function envInt(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

/** The side-by-side ratios a/b of each round both lanes completed: median, spread, each round's. */
interface RatioSummary { median: number; min: number; max: number; perRound: number[] }
function sideBySide(a: readonly RoundResult[], b: readonly RoundResult[]): RatioSummary | null {
  const perRound: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && y.rate > 0) perRound.push(Math.round((x.rate / y.rate) * 1000) / 1000);
  }
  if (perRound.length === 0) return null;
  return { median: median(perRound), min: Math.min(...perRound), max: Math.max(...perRound), perRound };
}

const round3 = (x: number): string => x.toFixed(2);
const spreadText = (r: RatioSummary): string => `median of ${r.perRound.length} side-by-side rounds; spread ${round3(r.min)}–${round3(r.max)} (${r.perRound.map(round3).join(', ')})`;

export const throughput: BenchCase = {
  name: 'throughput',
  title: 'messaging notifications/s: core vs bare ws (ceiling) vs node-agent-sdk (peer), interleaved',
  async run({ quick, log }): Promise<CaseResult> {
    // BENCH_THROUGHPUT_ROUNDS / BENCH_THROUGHPUT_N: other round counts and sizes (to study the method's spread).
    const n = envInt('BENCH_THROUGHPUT_N') ?? (quick ? 2000 : 50_000);
    const rounds = envInt('BENCH_THROUGHPUT_ROUNDS') ?? (quick ? 1 : 5);
    const warmup = quick ? 500 : 5000;
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { messagesPerRound: n, rounds, warmupMessages: warmup, interleaved: true };
    const script = (p: string): string => join(projectRoot, p);

    const sim = await startSimulator({
      tls: true, ringExpirationMs: 60_000, reRingDelayMs: 600_000, idleTimeoutMs: 600_000,
      agents: [AGENTS.core, AGENTS.ceiling, AGENTS.peer],
    });
    const dir = mkdtempSync(join(tmpdir(), 'lp-bench-'));
    const certFile = join(dir, 'sim-cert.pem');
    writeFileSync(certFile, sim.tls?.cert ?? '');
    const envFor = (who: Who): Record<string, string> => ({
      BENCH_ACCOUNT: sim.accountId, BENCH_USER: AGENTS[who].username, BENCH_PASS: AGENTS[who].password,
      BENCH_CA_FILE: certFile, BENCH_CSDS: sim.csdsUrl, BENCH_CSDS_DOMAIN: sim.host,
    });
    const dialog = { id: '', consumerId: '', nextSeq: 0 };
    const why: Record<Who, string> = { core: '', ceiling: '', peer: '' };
    const lanes: Lane[] = [];
    let bundle: CoreBundle | null = null;
    try {
      // The core first: it accepts the ring of the stream's conversation (the core drops messages of
      // conversations it does not hold, lp-protocol.md §7 #80). The other two count any messaging event.
      // The sources must load (a precise reason if not); the child runs them bundled as main ships them.
      const core = await loadCreateAgentSession();
      if (core.ok) bundle = await buildCoreBundle().catch((err: unknown) => { why.core = `the core does not bundle: ${errorText(err)}`; return null; });
      else why.core = core.reason;
      if (bundle) {
        const child = spawnChild(script('bench/clients/throughput-client.ts'), { env: { ...envFor('core'), BENCH_MODE: 'core', BENCH_CORE_BUNDLE: bundle.file }, nodeArgs: profileArgs('core') });
        lanes.push({ who: 'core', child, username: AGENTS.core.username, rounds: [], nextSeq: 0 });
        try {
          await child.next('online', 20_000);
          const consumer = await sim.consumers.open({ skillId: sim.skills[0]?.id ?? '11', text: 'throughput bench' });
          dialog.id = consumer.conversationId;
          dialog.consumerId = consumer.consumerId;
          await child.next('ready', 10_000);
          dialog.nextSeq = (consumer.messages().at(-1)?.sequence ?? 0) + 1;
        } catch (err) {
          why.core = `core did not start: ${errorText(err)}`;
          lanes.pop();
          await child.kill();
        }
      }
      if (!dialog.id) {
        const consumer = await sim.consumers.open({ skillId: sim.skills[0]?.id ?? '11', text: 'throughput bench' });
        dialog.id = consumer.conversationId;
        dialog.consumerId = consumer.consumerId;
        dialog.nextSeq = (consumer.messages().at(-1)?.sequence ?? 0) + 1;
      }
      try {
        const bearer = await login(sim.baseUrl, sim.accountId, AGENTS.ceiling.username, AGENTS.ceiling.password, sim.tls?.cert);
        const child = spawnChild(script('bench/clients/throughput-client.ts'), { env: { ...envFor('ceiling'), BENCH_MODE: 'bare', BENCH_WS_URL: socketUrl(sim.host, sim.accountId, bearer, true) }, nodeArgs: profileArgs('ceiling') });
        lanes.push({ who: 'ceiling', child, username: AGENTS.ceiling.username, rounds: [], nextSeq: 0 });
        await child.next('ready', 20_000);
      } catch (err) {
        why.ceiling = `bare ws did not start: ${errorText(err)}`;
        await lanes.pop()?.child.kill();
      }
      try {
        // node-agent-sdk in a child that trusts the simulator's certificate from process start.
        const version = await ensurePeer(log);
        raw.peerVersion = version;
        const child = spawnChild(script('bench/peer/peer-client.ts'), { env: { ...envFor('peer'), NODE_EXTRA_CA_CERTS: certFile } });
        lanes.push({ who: 'peer', child, username: AGENTS.peer.username, rounds: [], nextSeq: 0 });
        await child.next('ready', 30_000);
      } catch (err) {
        why.peer = `node-agent-sdk: ${errorText(err)}`;
        if (lanes.at(-1)?.who === 'peer') await lanes.pop()?.child.kill();
      }

      // Warm-up (both sides JIT-compile their hot paths), then the interleaved rounds. A lane that
      // fails drops out with its reason; the others go on.
      for (const lane of lanes) lane.nextSeq = dialog.nextSeq;
      const live = (): Lane[] => lanes.filter((l) => !why[l.who]);
      for (const lane of live()) {
        try {
          lane.warmup = await floodRound(sim, lane, dialog, warmup);
        } catch (err) {
          why[lane.who] = `${lane.who} warm-up failed: ${errorText(err)}`;
        }
      }
      for (let r = 0; r < rounds; r++) {
        const order = live();
        const k = order.length ? r % order.length : 0;
        for (const lane of [...order.slice(k), ...order.slice(0, k)]) {
          try {
            lane.rounds.push(await floodRound(sim, lane, dialog, n));
          } catch (err) {
            why[lane.who] = `${lane.who} round ${r + 1} failed: ${errorText(err)}`;
          }
        }
      }
    } finally {
      for (const lane of lanes) await lane.child.kill();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
      bundle?.remove();
    }
    const dirProf = process.env.BENCH_CPU_PROF;
    if (dirProf) for (const who of ['core', 'ceiling'] as const) if (lanes.some((l) => l.who === who)) writeProfileTop(dirProf, who, raw, log);

    const lane = (who: Who): Lane | undefined => lanes.find((l) => l.who === who && !why[l.who] && l.rounds.length > 0);
    const c = lane('core');
    const b = lane('ceiling');
    const p = lane('peer');
    for (const l of [c, b, p]) {
      if (!l) continue;
      const cpus = l.rounds.map((x) => x.cpuUsPerMsg).filter((x): x is number => x !== null);
      raw[l.who] = { medianRate: median(l.rounds.map((x) => x.rate)), medianCpuUsPerMsg: cpus.length ? median(cpus) : null, rounds: l.rounds, warmup: l.warmup };
      log(`throughput: ${l.who} ${l.rounds.map((x) => Math.round(x.rate).toLocaleString('en-US')).join(' / ')} msgs/s${cpus.length ? ` (CPU ${cpus.join(' / ')} µs/msg)` : ''}`);
      if (l.rounds.some((x) => x.mainCpuMs !== null)) log(`throughput: ${l.who} wall ms ≈ main thread on a core + waiting for one + event loop idle (the last two may overlap), by round: ${l.rounds.map((x) => `${x.ms} ≈ ${x.mainCpuMs} + ${x.runQueueMs} + ${x.idleMs}${x.stealMs ? ` (steal ${x.stealMs})` : ''}`).join(', ')}`);
      if (l.rounds.some((x) => x.gcMs !== null)) log(`throughput: ${l.who} GC ms (count, major) / heap (old) MB by round: ${l.rounds.map((x) => `${x.gcMs} (${x.gcs}, ${x.majorGcs}) / ${x.heapUsedMB} (${x.oldSpaceMB})${x.keptMessages !== null ? ` kept ${x.keptMessages}` : ''}`).join(', ')}`);
    }
    const vsCeil = c && b ? sideBySide(c.rounds, b.rounds) : null;
    const vsPeer = c && p ? sideBySide(c.rounds, p.rounds) : null;
    // The bound of the peer goal: the ceiling against the peer in the same rounds. A client that parses
    // every frame cannot pass the ceiling, so where this is under the goal, no such client reaches it.
    const ceilVsPeer = b && p ? sideBySide(b.rounds, p.rounds) : null;
    raw.ratios = { vsCeiling: vsCeil, vsPeer, ceilingVsPeer: ceilVsPeer };
    if (ceilVsPeer) log(`throughput: the ceiling vs the peer (the peer goal's bound) ${round3(ceilVsPeer.median)}×, by round ${ceilVsPeer.perRound.map(round3).join(', ')}`);
    const rate = (l: Lane | undefined): string => (l ? String(Math.round(median(l.rounds.map((x) => x.rate)))) : '—');
    const cpuMedian = (l: Lane | undefined): number | null => {
      const cpus = l?.rounds.map((x) => x.cpuUsPerMsg).filter((x): x is number => x !== null) ?? [];
      return cpus.length ? median(cpus) : null;
    };
    const cc = cpuMedian(c);
    const bc = cpuMedian(b);
    const cpuNote = cc && bc ? `; median CPU µs/msg core ${cc}, ceiling ${bc} (ceiling/core ${(bc / cc).toFixed(2)})` : '';
    // Whether the rounds measured the clients: the largest share of a core or ceiling round spent idle
    // (waiting for the sender) or waiting for a core (the machine busy); the rest is the main thread's own work.
    const shares = [c, b].flatMap((l) => l?.rounds ?? []).filter((x) => x.idleMs !== null && x.ms > 0);
    const maxShare = (f: (x: RoundResult) => number | null): string => `${Math.round(Math.max(0, ...shares.map((x) => ((f(x) ?? 0) / x.ms) * 100)))} %`;
    const boundNote = shares.length ? `; largest share of a round idle ${maxShare((x) => x.idleMs)}, waiting for a core ${shares.some((x) => x.runQueueMs !== null) ? maxShare((x) => x.runQueueMs) : 'not known here'}` : '';
    const rates = `median msgs/s core ${rate(c)}, ceiling ${rate(b)}, peer ${rate(p)}; n=${n}${cpuNote}${boundNote}`;
    const whyNot = (who: Who): string => why[who] || `${who} did not run`;
    if (!c) rows.push(notMeasuredRow(CEIL, whyNot('core')));
    else if (!vsCeil) rows.push(notMeasuredRow(CEIL, whyNot('ceiling')));
    else rows.push(measuredRow({ ...CEIL, measured: vsCeil.median, note: `${spreadText(vsCeil)}; ${rates}` }));
    if (!c) rows.push(notMeasuredRow(PEER, whyNot('core')));
    else if (!vsPeer) rows.push(notMeasuredRow(PEER, whyNot('peer')));
    else {
      const bound = ceilVsPeer ? `; the ceiling itself ${round3(ceilVsPeer.median)}× the peer in the same rounds (${ceilVsPeer.perRound.map(round3).join(', ')}): the most a client that parses every frame reaches here` : '';
      rows.push(measuredRow({ ...PEER, measured: vsPeer.median, note: `${spreadText(vsPeer)}${bound}; ${rates}` }));
    }
    for (const who of ['core', 'ceiling', 'peer'] as const) if (why[who]) raw[`why${who[0]?.toUpperCase()}${who.slice(1)}NotMeasured`] = why[who];
    return { rows, raw };
  },
};
