/**
 * 2. Event throughput: consumer messages per second fully processed by
 *    - the core (createAgentSession: parse, validate, apply to state, emit 'message'),
 *    - a bare `ws` client that only JSON.parses each frame (the ceiling),
 *    - LivePerson's official node-agent-sdk from npm (the peer, bench/peer/).
 * Same simulator (TLS on: the peer needs wss), same stream, each client alone in its own process.
 * Stream: N pre-built `.ams.ms.OnlineEventDistribution` frames (consumer ContentEvents of the
 * conversation the core accepted, consecutive sequences) pushed with sim.faults.sendRaw. To measure
 * the client and not the sender, the client blocks its event loop while the simulator writes the
 * whole flood (flagged when the write took longer than the block), then the clock runs from
 * unblocking to the N-th processed message. One warm-up round (not counted), then best of R rounds
 * per client.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSimulator, type Simulator } from '../../src-main/simulator/index';
import { spawnChild, type BenchChild } from '../lib/child';
import { loadCreateAgentSession, projectRoot } from '../lib/core';
import { consumerFlood } from '../lib/frames';
import { formatTop, mainThreadProfile, topSelfTime } from '../lib/profile';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';
import { login, socketUrl } from '../lib/sim-client';
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
interface RoundResult { n: number; ms: number; rate: number; cpuUsPerMsg: number | null; senderMs: number; senderBound: boolean }
interface ClientRun { rate: number; cpuUsPerMsg: number | null; rounds: RoundResult[]; warmup?: RoundResult }

/** Runs R rounds of N messages against a ready child; returns the best rate. */
async function flood(sim: Simulator, child: BenchChild, username: string, dialog: { id: string; consumerId: string; nextSeq: number }, count: number, rounds: number, warmup: number): Promise<ClientRun> {
  const out: ClientRun = { rate: 0, cpuUsPerMsg: null, rounds: [] };
  // Round 0 (warmup messages, not counted in `rate`): both sides JIT-compile their hot paths.
  for (let r = warmup > 0 ? -1 : 0; r < rounds; r++) {
    const n = r < 0 ? warmup : count;
    const frames = consumerFlood(dialog.id, dialog.consumerId, dialog.nextSeq, n);
    const blockMs = Math.max(500, Math.round(n * 0.03));
    child.send({ t: 'go', n, fromSeq: dialog.nextSeq, blockMs });
    dialog.nextSeq += n;
    await child.next('blocking', 10_000);
    const s0 = performance.now();
    for (const f of frames) if (sim.faults.sendRaw(f, { username }) !== 1) throw new Error('the client socket is gone');
    const senderMs = performance.now() - s0;
    const done = await child.next('done', 60_000);
    const ms = Number(done.ms);
    const rate = n / (ms / 1000);
    const cpuMs = Number(done.cpuMs); // the peer's child does not report it
    const cpuUsPerMsg = Number.isFinite(cpuMs) ? Math.round(((cpuMs * 1000) / n) * 100) / 100 : null;
    const entry = { n, ms: Math.round(ms * 10) / 10, rate: Math.round(rate), cpuUsPerMsg, senderMs: Math.round(senderMs), senderBound: senderMs > blockMs * 0.9 };
    if (r < 0) { out.warmup = entry; continue; }
    out.rounds.push(entry);
    out.rate = Math.max(out.rate, rate);
    if (cpuUsPerMsg !== null && (out.cpuUsPerMsg === null || cpuUsPerMsg < out.cpuUsPerMsg)) out.cpuUsPerMsg = cpuUsPerMsg;
  }
  return out;
}

export const throughput: BenchCase = {
  name: 'throughput',
  title: 'messaging notifications/s: core vs bare ws (ceiling) vs node-agent-sdk (peer)',
  async run({ quick, log }): Promise<CaseResult> {
    const n = quick ? 2000 : 50_000;
    const rounds = quick ? 1 : 3;
    const warmup = quick ? 500 : 5000;
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { messagesPerRound: n, rounds, warmupMessages: warmup };
    const script = (p: string): string => join(projectRoot, p);

    const sim = await startSimulator({ tls: true, ringExpirationMs: 60_000, reRingDelayMs: 600_000, idleTimeoutMs: 600_000 });
    const dir = mkdtempSync(join(tmpdir(), 'lp-bench-'));
    const certFile = join(dir, 'sim-cert.pem');
    writeFileSync(certFile, sim.tls?.cert ?? '');
    const agent = sim.agents[0];
    const username = agent?.username ?? 'agent1';
    const password = agent?.password ?? '';
    const env = { BENCH_ACCOUNT: sim.accountId, BENCH_USER: username, BENCH_PASS: password, BENCH_CA_FILE: certFile, BENCH_CSDS: sim.csdsUrl, BENCH_CSDS_DOMAIN: sim.host };
    const dialog = { id: '', consumerId: '', nextSeq: 0 };
    let coreRate: number | null = null;
    let coreWhy = '';
    let ceilRate: number | null = null;
    let ceilWhy = '';
    let peerRate: number | null = null;
    let peerWhy = '';
    try {
      // A conversation for the stream: opened by a simulated consumer. The core accepts its ring
      // (the core drops messages of conversations it does not hold, lp-protocol.md §7 #80).
      const core = await loadCreateAgentSession();
      if (!core.ok) coreWhy = core.reason;
      let child: BenchChild | null = null;
      try {
        if (core.ok) {
          child = spawnChild(script('bench/clients/throughput-client.ts'), { env: { ...env, BENCH_MODE: 'core' }, nodeArgs: profileArgs('core') });
          await child.next('online', 20_000);
        }
        const consumer = await sim.consumers.open({ skillId: sim.skills[0]?.id ?? '11', text: 'throughput bench' });
        dialog.id = consumer.conversationId;
        dialog.consumerId = consumer.consumerId;
        if (child) {
          await child.next('ready', 10_000);
          dialog.nextSeq = (consumer.messages().at(-1)?.sequence ?? 0) + 1;
          const run = await flood(sim, child, username, dialog, n, rounds, warmup);
          coreRate = run.rate;
          raw.core = run;
          log(`throughput: core ${Math.round(run.rate).toLocaleString('en-US')} msgs/s (best round CPU ${run.cpuUsPerMsg} µs/msg)`);
        }
      } catch (err) {
        coreWhy = `core run failed: ${errorText(err)}`;
      } finally {
        await child?.kill();
      }
      if (child && process.env.BENCH_CPU_PROF) writeProfileTop(process.env.BENCH_CPU_PROF, 'core', raw, log);
      if (!dialog.nextSeq) dialog.nextSeq = 1;

      // Ceiling: bare ws + JSON.parse on the same stream.
      const bare = await (async () => {
        const bearer = await login(sim.baseUrl, sim.accountId, username, password, sim.tls?.cert);
        return spawnChild(script('bench/clients/throughput-client.ts'), { env: { ...env, BENCH_MODE: 'bare', BENCH_WS_URL: socketUrl(sim.host, sim.accountId, bearer, true) }, nodeArgs: profileArgs('ceiling') });
      })();
      try {
        await bare.next('ready', 20_000);
        const run = await flood(sim, bare, username, dialog, n, rounds, warmup);
        ceilRate = run.rate;
        raw.ceiling = run;
        log(`throughput: bare ws ${Math.round(run.rate).toLocaleString('en-US')} msgs/s (best round CPU ${run.cpuUsPerMsg} µs/msg)`);
      } catch (err) {
        ceilWhy = `bare ws run failed: ${errorText(err)}`;
      } finally {
        await bare.kill();
      }
      if (process.env.BENCH_CPU_PROF) writeProfileTop(process.env.BENCH_CPU_PROF, 'ceiling', raw, log);

      // Peer: node-agent-sdk in a child that trusts the simulator's certificate from process start.
      let peerChild: BenchChild | null = null;
      try {
        const version = await ensurePeer(log);
        raw.peerVersion = version;
        peerChild = spawnChild(script('bench/peer/peer-client.ts'), { env: { ...env, NODE_EXTRA_CA_CERTS: certFile } });
        await peerChild.next('ready', 30_000);
        const run = await flood(sim, peerChild, username, dialog, n, rounds, warmup);
        peerRate = run.rate;
        raw.peer = run;
        log(`throughput: node-agent-sdk ${version} ${Math.round(run.rate).toLocaleString('en-US')} msgs/s`);
      } catch (err) {
        peerWhy = `node-agent-sdk: ${errorText(err)}`;
      } finally {
        await peerChild?.kill();
      }
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }

    const cpu = raw.core && raw.ceiling ? { core: (raw.core as ClientRun).cpuUsPerMsg, ceiling: (raw.ceiling as ClientRun).cpuUsPerMsg } : undefined;
    const cpuNote = cpu?.core && cpu.ceiling ? `; CPU µs/msg core ${cpu.core}, ceiling ${cpu.ceiling} (ceiling/core ${(cpu.ceiling / cpu.core).toFixed(2)})` : '';
    const rates = `core ${coreRate ? Math.round(coreRate) : '—'}, ceiling ${ceilRate ? Math.round(ceilRate) : '—'}, peer ${peerRate ? Math.round(peerRate) : '—'} msgs/s; n=${n}${cpuNote}`;
    raw.rates = { core: coreRate, ceiling: ceilRate, peer: peerRate };
    if (coreRate === null) rows.push(notMeasuredRow(CEIL, coreWhy || 'core did not run'));
    else if (ceilRate === null) rows.push(notMeasuredRow(CEIL, ceilWhy));
    else rows.push(measuredRow({ ...CEIL, measured: coreRate / ceilRate, note: rates }));
    if (coreRate === null) rows.push(notMeasuredRow(PEER, coreWhy || 'core did not run'));
    else if (peerRate === null) rows.push(notMeasuredRow(PEER, peerWhy));
    else rows.push(measuredRow({ ...PEER, measured: coreRate / peerRate, note: rates }));
    if (coreRate === null) raw.whyCoreNotMeasured = coreWhy;
    if (peerRate === null) raw.whyPeerNotMeasured = peerWhy;
    if (ceilRate === null) raw.whyCeilingNotMeasured = ceilWhy;
    return { rows, raw };
  },
};
