/**
 * Top self-time functions of a V8 CPU profile (`node --cpu-prof` .cpuprofile, or CDP Profiler.stop):
 * each sample's time delta is charged to the node it hit, nodes are grouped by function + place.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime { name: string; where: string; selfMs: number; selfPct: number }

export function topSelfTime(profile: CpuProfile, n: number): SelfTime[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalUs = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    // A sample's delta is the time since the previous one: charged to this sample (as DevTools does, near enough).
    const us = Math.max(0, deltas[i] ?? 0);
    totalUs += us;
    if (!node) continue;
    const f = node.callFrame;
    const file = f.url.split('/').pop() ?? f.url;
    const where = f.url ? `${file}:${f.lineNumber + 1}` : '';
    const name = f.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const entry = self.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    self.set(key, entry);
  }
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, n)
    .map((e) => ({ name: e.name, where: e.where, selfMs: Math.round(e.us / 100) / 10, selfPct: totalUs ? Math.round((1000 * e.us) / totalUs) / 10 : 0 }));
}

/**
 * The part of a profile between two instants `[fromUs, toUs]` of its own clock (µs; V8 stamps
 * samples with base::TimeTicks, CLOCK_MONOTONIC on Linux, so `process.hrtime` of any process
 * on the machine names the same instants).
 */
export function profileWindow(profile: CpuProfile, fromUs: number, toUs: number): CpuProfile {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let t = profile.startTime;
  let last = fromUs;
  (profile.samples ?? []).forEach((id, i) => {
    t += profile.timeDeltas?.[i] ?? 0;
    if (t < fromUs || t > toUs) return;
    samples.push(id);
    timeDeltas.push(t - last);
    last = t;
  });
  return { nodes: profile.nodes, samples, timeDeltas, startTime: fromUs, endTime: toUs };
}

/**
 * The main thread's profile of the newest process in `dir`, parsed, or null. `node --cpu-prof` writes
 * one file per thread (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; the tsx loader runs in a
 * worker thread): the largest file of the newest pid is the main thread's.
 */
export function mainThreadProfile(dir: string): CpuProfile | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => ({ f, size: statSync(join(dir, f)).size, mtime: statSync(join(dir, f)).mtimeMs, pid: f.split('.')[3] ?? '' }));
  const newest = files.sort((a, b) => b.mtime - a.mtime)[0];
  if (!newest) return null;
  const main = files.filter((x) => x.pid === newest.pid).sort((a, b) => b.size - a.size)[0]!;
  return JSON.parse(readFileSync(join(dir, main.f), 'utf8')) as CpuProfile;
}

/** Lines for a text report. */
export function formatTop(top: readonly SelfTime[]): string {
  return `${top.map((t) => `${t.selfPct.toFixed(1).padStart(5)}%  ${t.selfMs.toFixed(0).padStart(6)} ms  ${t.name}  ${t.where}`).join('\n')}\n`;
}
