/**
 * Chrome traces of the app's renderer (CDP Tracing), shared by the flood and ring cases
 * (BENCH_RENDERER_TRACE): collecting the events, finding the renderer's main thread, and the self
 * time by event name of a span of its properly nested complete events.
 */
import type { CDPSession } from 'playwright-core';

/** One trace event; `dur` is wall time, `tdur` the thread's time on a CPU within it (µs). */
export interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; cat?: string; args?: { name?: string; data?: { type?: string } } }

/** Starts tracing with these categories; the returned array fills as the trace arrives. */
export async function startTracing(cdp: CDPSession, categories: readonly string[]): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => { events.push(...(e.value as unknown as TraceEvent[])); });
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: [...categories] } });
  return events;
}

/** Ends tracing and waits until every event has arrived. */
export async function endTracing(cdp: CDPSession): Promise<void> {
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await complete;
}

/** The renderer's main thread (`pid:tid`): the thread named CrRendererMain with the most complete events. */
export function rendererMainThread(events: readonly TraceEvent[]): string | undefined {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && mains.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Self time (ms) by event name of one thread's ts-sorted, properly nested complete events. */
export function selfTimeByName(events: readonly TraceEvent[]): Map<string, number> {
  const self = new Map<string, number>();
  const stack: Array<{ e: TraceEvent; end: number; child: number }> = [];
  const pop = (): void => {
    const top = stack.pop()!;
    self.set(top.e.name, (self.get(top.e.name) ?? 0) + ((top.e.dur ?? 0) - top.child) / 1000);
    const parent = stack[stack.length - 1];
    if (parent) parent.child += top.e.dur ?? 0;
  };
  for (const e of events) {
    while (stack.length && e.ts >= stack[stack.length - 1]!.end) pop();
    stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
  }
  while (stack.length) pop();
  return self;
}
