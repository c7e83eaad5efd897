/**
 * Child process for the throughput case (bench/cases/throughput.ts). Mode from env BENCH_MODE:
 * - bare: a `ws` client that only JSON.parses every frame and counts OnlineEventDistribution ones (the ceiling);
 * - core: the real core (createAgentSession), bundled as main ships it (BENCH_CORE_BUNDLE, lib/core-bundle.ts), logged in to the simulator; counts distinct sequences of
 *   'message' events of the accepted conversation (fully processed: parsed, validated, applied, emitted).
 * Protocol: → ready | parent 'go' {n, fromSeq, blockMs} → 'blocking' (then the event loop is blocked
 * blockMs so the flood piles up in the socket) → 'done' {ms, cpuMs}: from unblocking to the n-th message
 * (wall time, this process's CPU time over the same span, and where the main thread's time went:
 * event-loop idle, on a core, waiting for one: lib/thread-time.ts).
 */
import { readFileSync } from 'node:fs';
import { constants as perfConstants, performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import WebSocket from 'ws';
import { blockFor, fromParent, toParent, type ChildMsg } from '../lib/child';
import { loadCreateAgentSession } from '../lib/core';
import { roundClockSince, startRoundClock, type RoundClock } from '../lib/thread-time';

const mode = process.env.BENCH_MODE;
const ca = process.env.BENCH_CA_FILE ? readFileSync(process.env.BENCH_CA_FILE, 'utf8') : undefined;

interface Round { n: number; count: number; t0: number; cpu0: NodeJS.CpuUsage; clock0: RoundClock | null; active: boolean }
const round: Round = { n: 0, count: 0, t0: 0, cpu0: { user: 0, system: 0 }, clock0: null, active: false };

// Garbage collection during the measured span (pauses on the main thread, as perf_hooks reports
// them): whether a client's rounds get dearer because its heap grows (retention), same for both modes.
interface Gc { start: number; ms: number; major: boolean }
let gcs: Gc[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration, major: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR });
}).observe({ entryTypes: ['gc'] });

/** Extra figures for the 'done' message, read after the measured span (core: messages it keeps). */
let extra: () => Record<string, unknown> = () => ({});
let snapshots = 0;

function processed(): void {
  if (!round.active) return;
  round.count++;
  if (round.count === round.n) {
    round.active = false;
    const ms = performance.now() - round.t0;
    // CPU time of this process over the same span (user + system): on a loaded machine wall time
    // also counts time the process waited for a core; CPU time does not.
    const cpu = process.cpuUsage(round.cpu0);
    const where = round.clock0 ? roundClockSince(round.clock0) : null;
    const spaces = getHeapSpaceStatistics();
    const used = (name?: string): number => spaces.reduce((a, sp) => a + (name === undefined || sp.space_name === name ? sp.space_used_size : 0), 0) / 2 ** 20;
    const t0 = round.t0;
    // The gc entries of the round's last collections arrive after this task: read them a tick later.
    setImmediate(() => {
      // BENCH_THROUGHPUT_SNAPSHOTS=<dir>: a heap snapshot after every round (what a client keeps across rounds).
      const snapDir = process.env.BENCH_THROUGHPUT_SNAPSHOTS;
      if (snapDir) writeHeapSnapshot(join(snapDir, `${mode}-${++snapshots}.heapsnapshot`));
      const inRound = gcs.filter((g) => g.start >= t0 && g.start <= t0 + ms);
      void toParent({
        t: 'done', ms, count: round.count, cpuMs: (cpu.user + cpu.system) / 1000,
        gcMs: inRound.reduce((a, g) => a + g.ms, 0), gcs: inRound.length, majorGcs: inRound.filter((g) => g.major).length,
        heapUsedMB: used(), oldSpaceMB: used('old_space'), ...where, ...extra(),
      });
    });
  }
}

function onGo(m: ChildMsg, reset: () => void): void {
  if (m.t !== 'go') return;
  round.n = Number(m.n);
  round.count = 0;
  gcs = [];
  reset();
  void toParent({ t: 'blocking' }).then(() => {
    blockFor(Number(m.blockMs));
    round.cpu0 = process.cpuUsage();
    round.clock0 = startRoundClock();
    round.t0 = performance.now();
    round.active = true;
  });
}

async function bare(): Promise<void> {
  const ws = new WebSocket(String(process.env.BENCH_WS_URL), ca ? { ca } : {});
  ws.on('message', (data) => {
    const frame: unknown = JSON.parse(String(data));
    if (typeof frame === 'object' && frame !== null && (frame as { type?: unknown }).type === '.ams.ms.OnlineEventDistribution') processed();
  });
  ws.on('error', (e) => void toParent({ t: 'error', message: `bare ws: ${e.message}` }));
  await new Promise<void>((res) => ws.once('open', () => res()));
  fromParent((m) => onGo(m, () => undefined));
  await toParent({ t: 'ready' });
}

async function core(): Promise<void> {
  // BENCH_CORE_BUNDLE: the core bundled as main ships it (lib/core-bundle.ts); else its sources.
  const bundle = process.env.BENCH_CORE_BUNDLE;
  const loaded = await (bundle ? loadCreateAgentSession(bundle) : loadCreateAgentSession());
  if (!loaded.ok) { await toParent({ t: 'error', message: loaded.reason }); return; }
  const session = loaded.value({
    account: { accountId: String(process.env.BENCH_ACCOUNT), csdsUrl: String(process.env.BENCH_CSDS), ...(ca ? { trustedCa: [ca] } : {}) },
    credentials: { kind: 'password', username: String(process.env.BENCH_USER), password: String(process.env.BENCH_PASS) },
  });
  let conversationId: string | null = null;
  let fromSeq = 0;
  // Distinct sequences of this round, one byte each (a Set of 50,000 numbers cost the core ~7% of
  // its measured time in the profile: harness work the bare client does not do).
  let seen = new Uint8Array(0);
  session.on('ring/offered', (r) => {
    session.acceptRing(r.ringId).catch((e: unknown) => void toParent({ t: 'error', message: `acceptRing: ${String(e)}` }));
  });
  session.on('conversation/upsert', (c) => {
    if (c.mine && conversationId === null) {
      conversationId = c.conversationId;
      void toParent({ t: 'ready', conversationId });
    }
  });
  session.on('message', (msg) => {
    if (msg.conversationId !== conversationId || msg.sequence === undefined) return;
    const i = msg.sequence - fromSeq;
    if (i < 0 || i >= seen.length || seen[i] === 1) return;
    seen[i] = 1;
    processed();
  });
  let online = false;
  session.on('connection', (c) => {
    if (c.phase === 'online' && !online) { online = true; void toParent({ t: 'online' }); }
  });
  extra = () => ({ keptMessages: conversationId === null ? 0 : session.snapshot().messages[conversationId]?.length ?? 0 });
  fromParent((m) => onGo(m, () => { fromSeq = Number(m.fromSeq); seen = new Uint8Array(Number(m.n)); }));
  await session.start();
  if (!online && session.snapshot().connection.phase === 'online') { online = true; await toParent({ t: 'online' }); }
}

(mode === 'bare' ? bare() : mode === 'core' ? core() : Promise.reject(new Error(`unknown BENCH_MODE ${mode}`)))
  .catch((e: unknown) => void toParent({ t: 'error', message: e instanceof Error ? e.message : String(e) }));
