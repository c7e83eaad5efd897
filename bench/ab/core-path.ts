/**
 * One-process A/B of the core's per-message path, for changes too small for the throughput case to
 * resolve (its side-by-side rounds move ±0.1× from run to run on this VM; a change of 0.1 µs per
 * message is ~2 %). Each tree given is loaded as its own module graph in THIS process, logged in to
 * one in-process simulator as its own agent, and holds one accepted conversation. Then, per round,
 * every tree's session takes n consumer frames straight from its transport's `text` callback (socket
 * → connection → session → 'message', counted as the throughput case's core client counts) and the
 * ceiling JSON.parses n equally fresh strings; the order rotates per round and a GC runs before each
 * step (with --expose-gc), so all figures of a round share the same seconds of the machine. Frames
 * come in bursts of READ_FRAMES with a microtask turn between (what ws does per 64 KB socket read of
 * ~600-byte frames), so once-per-burst work (the clock read, the conversation's upsert) counts as it does live.
 * Printed: medians over the rounds of ns per message, of each tree over the ceiling, and of each
 * tree minus the first (paired by round: the figure to compare two trees with).
 *
 *   node --expose-gc --import tsx bench/ab/core-path.ts <rounds> <n> <treeA> [treeB ...]
 * A tree given as `bundled:<tree>` runs its core bundled as main ships it (lib/core-bundle.ts), e.g.
 *   node --expose-gc --import tsx bench/ab/core-path.ts 120 5000 . bundled:.
 *   e.g. node --expose-gc --import tsx bench/ab/core-path.ts 120 5000 /work/main /work/wt-b
 *
 * TLS, ws framing and the kernel are not in it (the same for core and ceiling in the real case).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type * as LpIndex from '../../src-main/lp/index';
import type { SocketListener, Transport } from '../../src-main/lp/index';
import type * as SimIndex from '../../src-main/simulator/index';
import type * as Frames from '../lib/frames';
import { buildCoreBundle, type CoreBundle } from '../lib/core-bundle';
import { median } from '../lib/stats';

interface Lane {
  name: string;
  text: (s: string) => void;
  cid: string;
  consumerId: string;
  next: number;
  fromSeq: number;
  seen: Uint8Array;
  count: number;
  ns: number[];
}

const BUNDLED = 'bundled:';
const rounds = Number(process.argv[2]);
const n = Number(process.argv[3]);
// A tree given as `bundled:<tree>` runs that tree's core bundled as main ships it (lib/core-bundle.ts).
const trees = process.argv.slice(4).map((arg) => {
  const bundled = arg.startsWith(BUNDLED);
  return { root: resolve(bundled ? arg.slice(BUNDLED.length) : arg), bundled }; // (relative to the working directory)
});
const roots = trees.map((t) => t.root);
if (!(rounds > 0) || !(n > 0) || roots.length === 0) {
  console.error('usage: node --expose-gc --import tsx bench/ab/core-path.ts <rounds> <n> <treeA> [treeB ...] (a tree as bundled:<tree>: its core bundled)');
  process.exit(2);
}
/** Frames per burst: ~64 KB socket read ÷ ~600-byte frame. */
const READ_FRAMES = 100;
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const load = async <T>(root: string, rel: string): Promise<T> => (await import(pathToFileURL(`${root}/${rel}`).href)) as T;

const first = roots[0] ?? '';
const { startSimulator } = await load<typeof SimIndex>(first, 'src-main/simulator/index.ts');
const frames = await load<typeof Frames>(first, 'bench/lib/frames.ts');
const agents = roots.map((_, i) => ({ username: `ab${i}`, password: `ab${i}-password`, userId: `300010${i}` }));
const sim = await startSimulator({ ringExpirationMs: 60_000, reRingDelayMs: 600_000, idleTimeoutMs: 600_000, agents });

async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 20));
}

const bundles: CoreBundle[] = [];

async function openLane(root: string, bundled: boolean, i: number): Promise<Lane> {
  let lp: typeof LpIndex;
  if (bundled) {
    const bundle = await buildCoreBundle(root);
    bundles.push(bundle);
    lp = (await import(pathToFileURL(bundle.file).href)) as typeof LpIndex;
  } else lp = await load<typeof LpIndex>(root, 'src-main/lp/index.ts');
  const base = lp.createNodeTransport();
  let listener: SocketListener | undefined;
  const transport: Transport = { request: base.request, openSocket: (url, o, l) => { listener = l; return base.openSocket(url, o, l); } };
  const agent = agents[i] ?? { username: '', password: '' };
  const session = lp.createAgentSession({ account: { accountId: sim.accountId, csdsUrl: sim.csdsUrl }, credentials: { kind: 'password', username: agent.username, password: agent.password }, transport });
  const lane: Lane = { name: `${String.fromCharCode(65 + i)} ${bundled ? BUNDLED : ''}${root}`, text: () => undefined, cid: '', consumerId: '', next: 0, fromSeq: 0, seen: new Uint8Array(0), count: 0, ns: [] };
  // Every tree's session is online when the next one's consumer opens: only a lane still waiting takes a ring.
  session.on('ring/offered', (r) => { if (!lane.cid) session.acceptRing(r.ringId).catch(() => undefined); });
  session.on('conversation/upsert', (c) => { if (c.mine && !lane.cid) lane.cid = c.conversationId; });
  let histories = 0;
  session.on('history', () => { histories += 1; });
  session.on('message', (msg) => {
    if (msg.conversationId !== lane.cid || msg.sequence === undefined) return;
    const k = msg.sequence - lane.fromSeq;
    if (k < 0 || k >= lane.seen.length || lane.seen[k] === 1) return;
    lane.seen[k] = 1;
    lane.count += 1;
  });
  await session.start();
  await until(() => session.snapshot().connection.phase === 'online');
  const consumer = await sim.consumers.open({ skillId: sim.skills[0]?.id ?? '11', text: `ab ${i}` });
  await until(() => lane.cid !== '' && histories > 0); // accepted, first history answered
  if (!listener) throw new Error(`${root}: no socket`);
  const l = listener;
  lane.text = (s) => l.text(s);
  lane.consumerId = consumer.consumerId;
  lane.next = (consumer.messages().at(-1)?.sequence ?? 0) + 1;
  return lane;
}

const lanes: Lane[] = [];
for (const [i, tree] of trees.entries()) lanes.push(await openLane(tree.root, tree.bundled, i));
const ceiling: number[] = [];
let parsed = 0;

async function coreStep(lane: Lane, k: number): Promise<void> {
  const bufs = frames.consumerFlood(lane.cid, lane.consumerId, lane.next, k).map((x) => Buffer.from(x));
  lane.fromSeq = lane.next;
  lane.seen = new Uint8Array(k);
  lane.count = 0;
  lane.next += k;
  gc();
  const t0 = performance.now();
  for (let i = 0; i < k; i += READ_FRAMES) {
    const end = Math.min(k, i + READ_FRAMES);
    for (let j = i; j < end; j++) lane.text((bufs[j] as Buffer).toString()); // a fresh string per frame, as ws hands over
    await Promise.resolve(); // the end of one read
  }
  const ms = performance.now() - t0;
  if (lane.count !== k) throw new Error(`${lane.name}: ${lane.count} of ${k} messages came out`);
  lane.ns.push((ms * 1e6) / k);
}

async function ceilingStep(k: number): Promise<void> {
  const lane = lanes[0];
  if (!lane) return;
  const bufs = frames.consumerFlood(lane.cid, lane.consumerId, 1, k).map((x) => Buffer.from(x));
  gc();
  const t0 = performance.now();
  for (let i = 0; i < k; i += READ_FRAMES) {
    const end = Math.min(k, i + READ_FRAMES);
    for (let j = i; j < end; j++) {
      const f = JSON.parse((bufs[j] as Buffer).toString()) as { type?: unknown };
      if (f.type === frames.ONLINE_EVENT) parsed += 1;
    }
    await Promise.resolve();
  }
  ceiling.push(((performance.now() - t0) * 1e6) / k);
}

const steps: Array<(k: number) => Promise<void>> = [...lanes.map((lane) => (k: number) => coreStep(lane, k)), ceilingStep];
for (let w = 0; w < 4; w++) for (const s of steps) await s(5000); // warm-up, not counted
for (const lane of lanes) lane.ns = [];
ceiling.length = 0;
parsed = 0;
for (let r = 0; r < rounds; r++) {
  const k = r % steps.length;
  for (const s of [...steps.slice(k), ...steps.slice(0, k)]) await s(n);
  await new Promise((res) => setImmediate(res)); // the session's once-per-burst work (touch) runs, as between socket reads
}
if (parsed !== rounds * n) throw new Error(`ceiling parsed ${parsed} of ${rounds * n}`);

const lane0 = lanes[0];
console.log(`core-path A/B: ${rounds} rounds × ${n} messages, ${new Date().toISOString()}, load ${loadavg()[0]?.toFixed(2)}`);
console.log(`  ceiling (JSON.parse) ${Math.round(median(ceiling))} ns/msg`);
for (const lane of lanes) {
  const over = median(lane.ns.map((x, i) => x - (ceiling[i] ?? NaN)));
  const vsA = lane === lane0 || !lane0 ? '' : `; minus A, paired by round: ${Math.round(median(lane.ns.map((x, i) => x - (lane0.ns[i] ?? NaN))))} ns`;
  console.log(`  ${lane.name}: ${Math.round(median(lane.ns))} ns/msg; over the ceiling ${Math.round(over)} ns${vsA}`);
}
await sim.close();
for (const b of bundles) b.remove();
process.exit(0);
