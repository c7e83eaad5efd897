/**
 * BENCH_RENDERER_TRACE=<dir> for the app ring case (ring-app.ts): a Chrome trace of the renderer over
 * the first launch's rings (CDP Tracing, as cases/flood.ts), written to ring-renderer-trace.json, and
 * ring-renderer-frames.txt: for each ring, from the row's insertion (a `performance.mark` the observer
 * sets only while tracing) to the painted stamp, when the animation frame began and the renderer main
 * thread's self time by trace event name in between; medians over the rings at the top.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { formatTop, topSelfTime, type CpuProfile } from '../lib/profile';
import { summarize } from '../lib/stats';
import { endTracing, rendererMainThread, selfTimeByName, startTracing, type TraceEvent } from '../lib/trace';

export interface RingTrace { cdp: CDPSession; page: Page; events: TraceEvent[]; profiling: boolean }

const CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'blink', 'blink.user_timing', 'toplevel', 'cc', 'viz', 'disabled-by-default-devtools.timeline', 'benchmark', 'input'];

export async function startRingTrace(page: Page): Promise<RingTrace | null> {
  if (!process.env.BENCH_RENDERER_TRACE) return null;
  const cdp = await page.context().newCDPSession(page);
  // BENCH_RENDERER_PROF=1 as well: a sampling CPU profile (100 µs) of the page over the same rings.
  const profiling = Boolean(process.env.BENCH_RENDERER_PROF);
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  const events = await startTracing(cdp, CATEGORIES);
  await page.evaluate('window.__benchTrace = true');
  return { cdp, page, events, profiling };
}

async function writeProfile(t: RingTrace, dir: string): Promise<void> {
  const { profile } = await t.cdp.send('Profiler.stop');
  writeFileSync(join(dir, 'ring-renderer.cpuprofile'), JSON.stringify(profile));
  writeFileSync(join(dir, 'ring-renderer-prof-top.txt'), formatTop(topSelfTime(profile as unknown as CpuProfile, 60)));
}

export async function stopRingTrace(t: RingTrace, log: (l: string) => void): Promise<void> {
  const dir = process.env.BENCH_RENDERER_TRACE ?? '';
  await t.page.evaluate('window.__benchTrace = false').catch(() => undefined);
  mkdirSync(dir, { recursive: true });
  if (t.profiling) await writeProfile(t, dir);
  await endTracing(t.cdp);
  const events = t.events;
  writeFileSync(join(dir, 'ring-renderer-trace.json'), JSON.stringify({ traceEvents: events }));
  const main = rendererMainThread(events);
  const mainX = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const marks = (name: string): number[] => events.filter((e) => e.name === name && `${e.pid}:${e.tid}` === main).map((e) => e.ts).sort((a, b) => a - b);
  const inserted = marks('bench-ring-inserted');
  const painted = marks('bench-ring-painted');
  const lines: string[] = [];
  const totals = new Map<string, number[]>();
  const gaps: number[] = [];
  const toFrame: number[] = [];
  const rings: Array<{ ins: number; self: Map<string, number> }> = [];
  for (const ins of inserted) {
    const p = painted.find((x) => x > ins);
    if (p === undefined) continue;
    // Events that END after the insertion and START before the paint, clipped to the window
    // (the insertion's own task is counted from the insertion on).
    const inside = mainX.filter((e) => e.ts + (e.dur ?? 0) > ins && e.ts < p).map((e) => {
      const ts = Math.max(e.ts, ins);
      return { ...e, ts, dur: Math.min(e.ts + (e.dur ?? 0), p) - ts };
    });
    const self = selfTimeByName(inside);
    rings.push({ ins, self });
    const frame = mainX.find((e) => e.ts >= ins && e.ts < p && (e.name === 'BeginMainThreadFrame' || e.name === 'FireAnimationFrame' || e.name === 'ProxyMain::BeginMainFrame'));
    gaps.push((p - ins) / 1000);
    if (frame) toFrame.push((frame.ts - ins) / 1000);
    for (const [name, ms] of self) totals.set(name, [...(totals.get(name) ?? []), ms]);
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    lines.push(`ring at ${(ins / 1000).toFixed(1)}: inserted → painted ${((p - ins) / 1000).toFixed(2)} ms, frame began +${frame ? ((frame.ts - ins) / 1000).toFixed(2) : '?'} (${frame?.name ?? '-'}); ${top.map(([n, ms]) => `${n} ${ms.toFixed(2)}`).join(', ')}`);
  }
  const n = rings.length;
  const mean = [...totals.entries()].map(([name, xs]) => ({ name, mean: xs.reduce((a, b) => a + b, 0) / n, n: xs.length })).sort((a, b) => b.mean - a.mean).slice(0, 40);
  const head = [
    `${n} rings; inserted → painted median ${summarize(gaps).p50.toFixed(2)} ms; insertion → frame began median ${summarize(toFrame).p50.toFixed(2)} ms`,
    'main-thread self time between insertion and paint, mean per ring (ms), rings with the event:',
    ...mean.map((m) => `${m.mean.toFixed(3).padStart(8)}  ${String(m.n).padStart(4)}  ${m.name}`),
    '',
  ];
  writeFileSync(join(dir, 'ring-renderer-frames.txt'), `${[...head, ...lines].join('\n')}\n`);
  log(`ring-latency (app): renderer trace → ${dir}/ring-renderer-trace.json, per-ring frames → ring-renderer-frames.txt`);
}
