/**
 * Responsiveness under a flood (issue #15.5), in the RUNNING APP (built main + preload + renderer on
 * the Electron stand-in, Chromium), signed in (live mode) to the bench's simulator in its own process
 * (bench/clients/sim-host.ts):
 *  - C conversations are opened and accepted in the app, the first one is on screen, the window focused;
 *  - the simulator sends N consumer messages over D seconds, round-robin over the C conversations,
 *    while the agent types in the composer (Playwright keyboard, one key every KEY_EVERY_MS);
 *  key press → painted = wall clock just before the bench sends the key (CDP Input.dispatchKeyEvent)
 *    → the frame after the composer's `input` event was handled (rAF + posted task, stamped in the page
 *    and read once after the typing: the harness sends the page nothing but keys while it types);
 *  heap after the flood = the page's JS heap after two forced GCs (CDP HeapProfiler.collectGarbage,
 *    Runtime.getHeapUsage), once every message has arrived;
 *  shown in order = every conversation got its messages in order through the contract (the page's own
 *    onMessageUpsert listener), and each thread, opened in turn, shows its last message as its last row
 *    with the rows above it consecutive (same order, the virtualized list's data-index matching): a
 *    conversation that does not is counted out and named in the note.
 * Goals: key → painted p99 ≤ 50 ms; heap ≤ 80 MB; all N shown in order.
 * BENCH_RENDERER_PROF=<dir>: the renderer's CPU profile during the flood (CDP Profiler) is written
 * there (flood-renderer.cpuprofile) with its top self-time functions (flood-renderer-top.txt).
 * BENCH_RENDERER_TRACE=<dir>: a Chrome trace of the renderer during the flood (CDP Tracing,
 * devtools.timeline + v8) is written there (flood-renderer-trace.json, open in DevTools' Performance
 * panel or ui.perfetto.dev) with the renderer main thread's time per trace event name
 * (flood-renderer-trace-top.txt: what the "(program)" share of the CPU profile is: script compile,
 * style, layout, paint…). Names nest, so the rows overlap; RunTask is the whole busy time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { appPrerequisites, launchAppOnSim, type SignedInApp } from '../lib/app-launch';
import { conversationRowSelector, mb, MB, openAndAccept, pageCounts } from '../lib/app-session';
import { formatTop, mainThreadProfile, profileWindow, topSelfTime, type CpuProfile } from '../lib/profile';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';
import { endTracing, rendererMainThread, selfTimeByName, startTracing, type TraceEvent } from '../lib/trace';
import { censusDelta, cpuCensus } from '../lib/proc';
import { rounded, summarize } from '../lib/stats';

const KEYS = { case: 'flood', figure: 'key press → painted while flooded, p99', goal: '≤ 50 ms', goalValue: 50, direction: 'max', unit: 'ms' } as const;
const HEAP = { case: 'flood', figure: 'renderer heap after the flood + GC', goal: '≤ 80 MB', goalValue: 80, direction: 'max', unit: 'MB' } as const;
const shownRow = (total: number) => ({ case: 'flood', figure: `messages shown, in order (of ${total})`, goal: `= ${total}`, goalValue: total, direction: 'min', unit: '' } as const);

const TAG = 'flood';
/** An agent typing steadily: ~8 keys a second. */
const KEY_EVERY_MS = 125;

/** In the page: per conversation, the flood indices in arrival order; the composer's input → painted times. */
const PAGE_PROBE = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const probe = window.__flood = { byConv: {}, total: 0, painted: [] };
  window.lp.onMessageUpsert((m) => {
    const hit = /^${TAG} (\\d+) (\\d+)$/.exec(m.text || '');
    if (!hit || m.role !== 'CONSUMER') return;
    (probe.byConv[hit[1]] ||= []).push(Number(hit[2]));
    probe.total += 1;
  });
  document.addEventListener('input', (e) => {
    if (!(e.target instanceof HTMLTextAreaElement) || !e.target.classList.contains('composer-input')) return;
    const i = probe.painted.length;
    probe.painted.push(0);
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { probe.painted[i] = now(); };
      ch.port2.postMessage(0);
    });
  }, true);
})()`;

/**
 * In the page: the paint times of the first `n` inputs, once all are painted (or rejects after `ms`).
 * Read once, after the typing: nothing is asked of the page while a key is in flight (bench/README.md).
 */
const paintedJs = (n: number, ms: number): string => `new Promise((resolve, reject) => {
  const t0 = performance.now();
  const check = () => {
    const p = window.__flood.painted;
    if (p.length >= ${n} && p.slice(0, ${n}).every((t) => t > 0)) resolve(p.slice(0, ${n}));
    else if (performance.now() - t0 > ${ms}) reject(new Error(p.length + ' input events, ' + p.filter((t) => t > 0).length + ' painted, for ${n} keys sent'));
    else setTimeout(check, 50);
  };
  check();
})`;

/** In the page: resolves once `n` flood messages have arrived (or rejects after `ms`). */
const arrivedJs = (n: number, ms: number): string => `new Promise((resolve, reject) => {
  const t0 = performance.now();
  const check = () => {
    if (window.__flood.total >= ${n}) resolve(window.__flood.total);
    else if (performance.now() - t0 > ${ms}) reject(new Error('only ' + window.__flood.total + ' of ${n} flood messages arrived within ${ms} ms'));
    else setTimeout(check, 50);
  };
  check();
})`;

/**
 * In the page: the thread on screen, once its last row is the expected message: the rows' flood
 * indices for conversation `c` with their list positions (data-index of the virtualized list).
 */
const threadTailJs = (c: number, last: number, ms: number): string => `new Promise((resolve) => {
  const t0 = performance.now();
  const read = () => [...document.querySelectorAll('.thread [data-index]')].map((el) => {
    const hit = /${TAG} (\\d+) (\\d+)/.exec(el.textContent || '');
    return { index: Number(el.getAttribute('data-index')), conv: hit ? Number(hit[1]) : -1, k: hit ? Number(hit[2]) : -1, path: [el.parentElement, el.parentElement && el.parentElement.parentElement].map((p) => p ? p.tagName + '.' + p.className + '[' + (p.getAttribute('style') || '').slice(0, 60) + ']' : '-').join(' < ') };
  }).sort((a, b) => a.index - b.index);
  const check = () => {
    const rows = read();
    const tail = rows[rows.length - 1];
    if ((tail && tail.conv === ${c} && tail.k === ${last}) || performance.now() - t0 > ${ms}) resolve(rows);
    else setTimeout(check, 50);
  };
  check();
})`;

interface TailRow { index: number; conv: number; k: number; path: string }

/** Why conversation `c`'s display is wrong, or null: last row = last message, rows above consecutive. */
function tailProblem(c: number, rows: TailRow[], expected: number): string | null {
  const tail = rows[rows.length - 1];
  if (!tail || tail.conv !== c || tail.k !== expected - 1) return `last row is ${tail ? `${tail.conv}/${tail.k}` : 'missing'}, expected ${c}/${expected - 1}`;
  const flood = rows.filter((r) => r.conv === c);
  for (let i = 1; i < flood.length; i++) {
    const a = flood[i - 1]!;
    const b = flood[i]!;
    if (b.k !== a.k + 1 || b.index !== a.index + 1) return `rows out of order or missing: ${a.k}@${a.index} then ${b.k}@${b.index}`;
  }
  const foreign = rows.find((r) => r.conv !== -1 && r.conv !== c);
  if (foreign) return `a row of conversation ${foreign.conv} (${foreign.k}@${foreign.index}) in the thread: ${foreign.path} vs ${rows[rows.length - 1]!.path}`;
  return null;
}

/** CLOCK_MONOTONIC in µs: the clock of Chromium's trace timestamps on Linux (base::TimeTicks). */
const monoUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * Types one key every KEY_EVERY_MS until `done()`, and only types: the paint times are stamped in the
 * page (PAGE_PROBE) and read once afterwards (paintedJs), so no command of the harness reaches the
 * page's main thread between a key and its paint (a per-key read was a script evaluated there, in the
 * window being measured). `sentAt`: wall clock just before each key is sent; `sentAtUs`: the same on
 * CLOCK_MONOTONIC (for the trace).
 */
async function typeWhile(page: Page, done: () => boolean, sentAt: number[], sentAtUs: number[]): Promise<void> {
  let i = 0;
  const start = performance.now();
  while (!done()) {
    const key = i % 6 === 5 ? ' ' : 'abcdefghij'[i % 10]!;
    sentAt.push(performance.timeOrigin + performance.now());
    sentAtUs.push(monoUs());
    await page.keyboard.press(key);
    i++;
    const next = start + i * KEY_EVERY_MS;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait)); // the typing cadence itself, not a wait for an event
  }
}

/**
 * BENCH_MAIN_PROF=<dir>: main (the stand-in's Node process: the app's main and the stand-in's own
 * plumbing) ran with --cpu-prof; its profile, written when it exited, covers its whole life (launch,
 * 16 conversations opened, the flood, the checks). Its top self-time functions during the flood itself
 * (`window`, CLOCK_MONOTONIC µs: profileWindow) and over its whole life → flood-main-top.txt.
 */
function writeMainTop(dir: string, window: [number, number] | undefined, raw: Record<string, unknown>, log: (l: string) => void): void {
  const profile = mainThreadProfile(dir);
  if (!profile) { log(`flood: no main profile in ${dir} (main did not exit cleanly?)`); return; }
  const whole = topSelfTime(profile, 40);
  const flood = window ? topSelfTime(profileWindow(profile, window[0], window[1]), 40) : null;
  writeFileSync(join(dir, 'flood-main-top.txt'), [
    ...(flood ? ['Main (stand-in Node process) during the flood itself (from the flood\'s start to its last message), top self time', formatTop(flood)] : []),
    'Main over its whole life in the flood case (launch, conversations opened, the flood, the checks), top self time', formatTop(whole),
  ].join('\n'));
  raw.mainProfileTop = (flood ?? whole).slice(0, 12);
  log(`flood: main profile → ${dir}, top self time → flood-main-top.txt`);
}

async function startProfile(cdp: CDPSession): Promise<boolean> {
  if (!process.env.BENCH_RENDERER_PROF) return false;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return true;
}

async function stopProfile(cdp: CDPSession, raw: Record<string, unknown>, log: (l: string) => void): Promise<void> {
  const dir = process.env.BENCH_RENDERER_PROF ?? '';
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'flood-renderer.cpuprofile'), JSON.stringify(profile));
  const top = topSelfTime(profile as unknown as CpuProfile, 25);
  writeFileSync(join(dir, 'flood-renderer-top.txt'), formatTop(top));
  raw.rendererProfileTop = top.slice(0, 10);
  log(`flood: renderer profile → ${dir}/flood-renderer.cpuprofile, top → flood-renderer-top.txt`);
}

/** The main thread's top-level tasks (outermost RunTask events), ts-sorted. */
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * For the slowest keys: the renderer main thread's tasks between the key's send and its paint
 * (start relative to the send, length, and the task's top self times by event name), and when the
 * page dispatched the keydown: what a slow key waited behind.
 */
function slowKeysReport(mainEvents: readonly TraceEvent[], keys: readonly number[], sentAtUs: readonly number[], n: number): string {
  const tasks: TraceEvent[] = [];
  let lastEnd = -Infinity;
  for (const e of mainEvents) {
    if (!TASK_NAMES.has(e.name) || e.ts < lastEnd) continue;
    tasks.push(e);
    lastEnd = e.ts + (e.dur ?? 0);
  }
  const keydowns = mainEvents.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').map((e) => e.ts);
  const order = keys.map((ms, i) => ({ ms, i })).sort((a, b) => b.ms - a.ms).slice(0, n);
  const out: string[] = [];
  for (const { ms, i } of order) {
    const sent = sentAtUs[i]!;
    const painted = sent + ms * 1000;
    const kd = keydowns.find((ts) => ts >= sent);
    out.push(`key ${i}: ${ms.toFixed(1)} ms; keydown dispatched at +${kd !== undefined && kd < painted ? ((kd - sent) / 1000).toFixed(1) : '?'} ms`);
    for (const task of tasks) {
      const end = task.ts + (task.dur ?? 0);
      if (end <= sent || task.ts >= painted || (task.dur ?? 0) < 1000) continue;
      const inside = mainEvents.filter((e) => e.ts >= task.ts && e.ts < end);
      const top = [...selfTimeByName(inside).entries()].filter(([name]) => !TASK_NAMES.has(name)).sort((a, b) => b[1] - a[1]).slice(0, 4);
      out.push(`  task at +${((task.ts - sent) / 1000).toFixed(1)} ms, ${((task.dur ?? 0) / 1000).toFixed(1)} ms: ${top.map(([name, t]) => `${name} ${t.toFixed(1)}`).join(', ')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

async function startTrace(cdp: CDPSession): Promise<TraceEvent[] | null> {
  if (!process.env.BENCH_RENDERER_TRACE) return null;
  return startTracing(cdp, ['devtools.timeline', 'v8', 'v8.execute', 'blink', 'toplevel', 'disabled-by-default-devtools.timeline']);
}

/** The renderer main thread's complete events, in time order (an enclosing event before what it holds). */
function rendererMainEvents(events: readonly TraceEvent[], main: string | undefined): TraceEvent[] {
  return events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
}

async function stopTrace(cdp: CDPSession, events: TraceEvent[], keys: { ms: readonly number[]; sentAtUs: readonly number[] }, raw: Record<string, unknown>, log: (l: string) => void): Promise<void> {
  const dir = process.env.BENCH_RENDERER_TRACE ?? '';
  await endTracing(cdp);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'flood-renderer-trace.json'), JSON.stringify({ traceEvents: events }));
  const mainEvents = rendererMainEvents(events, rendererMainThread(events));
  const byName = new Map<string, { ms: number; cpuMs: number; n: number }>();
  for (const e of mainEvents) {
    const x = byName.get(e.name) ?? { ms: 0, cpuMs: 0, n: 0 };
    x.ms += (e.dur ?? 0) / 1000;
    x.cpuMs += (e.tdur ?? 0) / 1000;
    x.n += 1;
    byName.set(e.name, x);
  }
  const top = [...byName.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30).map(([name, x]) => ({ name, ms: Math.round(x.ms), cpuMs: Math.round(x.cpuMs), n: x.n }));
  // Wall time, and of it the thread's time on a CPU (trace `tdur`): the rest it waited for a core.
  const longest = mainEvents.filter((e) => e.name === 'LocalFrameView::performLayout').sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 8);
  writeFileSync(join(dir, 'flood-renderer-trace-top.txt'), [
    'wall ms   on a CPU  count  event (renderer main thread)',
    ...top.map((t) => `${String(t.ms).padStart(7)}  ${String(t.cpuMs).padStart(7)}  ${String(t.n).padStart(7)}×  ${t.name}`),
    '',
    `longest layouts, wall / on a CPU (ms): ${longest.map((e) => `${((e.dur ?? 0) / 1000).toFixed(1)} / ${((e.tdur ?? 0) / 1000).toFixed(1)}`).join(', ')}`,
  ].join('\n') + '\n');
  raw.rendererTraceTop = top.slice(0, 12);
  writeFileSync(join(dir, 'flood-renderer-trace-slow-keys.txt'), slowKeysReport(mainEvents, keys.ms, keys.sentAtUs, 8));
  log(`flood: renderer trace → ${dir}/flood-renderer-trace.json, main thread time per event → flood-renderer-trace-top.txt`);
}

export const flood: BenchCase = {
  name: 'flood',
  title: 'typing while 5,000 consumer messages arrive over ~10 s in 16 conversations: key → painted, heap, all shown in order',
  async run({ quick, log }): Promise<CaseResult> {
    const conversations = quick ? 4 : 16;
    const total = quick ? 400 : 5000;
    const durationMs = quick ? 2000 : 10_000;
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { conversations, total, durationMs, keyEveryMs: KEY_EVERY_MS };
    const missing = appPrerequisites();
    if (missing) return { rows: [notMeasuredRow(KEYS, missing), notMeasuredRow(HEAP, missing), notMeasuredRow(shownRow(total), missing)], raw };
    let launched: SignedInApp | null = null;
    try {
      const mainProf = process.env.BENCH_MAIN_PROF;
      if (mainProf) mkdirSync(mainProf, { recursive: true });
      // The stand-in pushes its recorded state to the harness at most every 20 ms (one push per tick
      // was ~2,000 pushes in the flood's 10 s, each a serialisation and a pipe write in main's process:
      // plumbing Electron does not have; test/electron-standin/electron/record.ts).
      launched = await launchAppOnSim({ quick, standinEnv: { STANDIN_STATE_PUSH_GAP_MS: '20' }, ...(mainProf ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${mainProf}`] } : {}) });
      const { app, page, host } = launched;
      await app.setWindowFocused(true); // the agent is working in the window
      const ids: string[] = [];
      for (let i = 0; i < conversations; i++) ids.push(await openAndAccept(host, page));
      await page.locator(conversationRowSelector(ids[0]!)).click();
      await page.locator('.composer-input').focus();
      await page.evaluate(PAGE_PROBE);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const before = await pageCounts(cdp);
      const profiling = await startProfile(cdp);
      const tracing = await startTrace(cdp);

      // The stand-in records every IPC message (each push carries only the changes, state-feed.ts): its
      // history is dropped every second, so the harness's own bookkeeping does not grow with the flood.
      await app.forgetHistory();
      if (process.env.BENCH_STANDIN_TRAFFIC) app.countStateTraffic();
      const standin = app;
      const forgetting = setInterval(() => void standin.forgetHistory().catch(() => undefined), 1000);
      const sentAt: number[] = [];
      const sentAtUs: number[] = [];
      let sent;
      // CPU by process over the flood: what the renderer's main thread shares the cores with.
      const pids = { sim: host.child.pid ?? 0, main: app.child.pid ?? 0 };
      const census0 = cpuCensus(pids);
      const osCalls0 = await app.osCalls();
      const wall0 = performance.now();
      const mono0 = monoUs();
      try {
        host.send({ t: 'flood', conversationIds: ids, total, durationMs, tag: TAG });
        let flooded = false;
        const floodDone = host.next('flooded', durationMs * 6 + 30_000).finally(() => { flooded = true; });
        await typeWhile(page, () => flooded, sentAt, sentAtUs);
        sent = await floodDone;
        raw.flood = { sent: sent.sent, ms: sent.ms };
        raw.cpuSeconds = { wall: Math.round((performance.now() - wall0) / 100) / 10, ...censusDelta(census0, cpuCensus(pids)) };
        raw.floodWindowMonoUs = [mono0, monoUs()];
        const traffic = app.stateTraffic();
        if (traffic) {
          raw.standinStateTraffic = traffic;
          log(`flood: the stand-in's state pushes over the flood: ${traffic.pushes}, ${mb(traffic.bytes)} MB (every small part whole each time: ${mb(traffic.wholePartsBytes)} MB)`);
        }
        log(`flood: CPU seconds by process over the flood ${JSON.stringify(raw.cpuSeconds)}`);
        // What the flood cost the OS: tray and badge setter calls (the stand-in counts them).
        const osCalls1 = await app.osCalls();
        raw.osCalls = Object.fromEntries((Object.keys(osCalls1) as Array<keyof typeof osCalls1>).map((k) => [k, osCalls1[k] - osCalls0[k]]));
        log(`flood: tray and badge calls over the flood ${JSON.stringify(raw.osCalls)}`);
        await page.evaluate(arrivedJs(total, 120_000));
      } finally {
        clearInterval(forgetting);
      }
      const paintedAt = (await page.evaluate(paintedJs(sentAt.length, 30_000))) as number[];
      const keys = sentAt.map((t0, i) => paintedAt[i]! - t0);
      if (profiling) await stopProfile(cdp, raw, log);
      if (tracing) await stopTrace(cdp, tracing, { ms: keys, sentAtUs }, raw, log);
      const after = await pageCounts(cdp);

      const ks = rounded(summarize(keys));
      raw.keyToPainted = ks;
      raw.heap = { beforeMb: mb(before.heapUsed), afterMb: mb(after.heapUsed), nodesAfter: after.nodes, listenersAfter: after.listeners };
      log(`flood: ${sent.sent} messages in ${sent.ms} ms; ${ks.n} keys, key → painted p50 ${ks.p50} / p99 ${ks.p99} ms; heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB`);
      rows.push(measuredRow({ ...KEYS, measured: ks.p99, note: `p50 ${ks.p50}, p95 ${ks.p95}, max ${ks.max} ms over ${ks.n} keys; ${sent.sent} messages in ${sent.ms} ms` }));
      rows.push(measuredRow({ ...HEAP, measured: mb(after.heapUsed), note: `before the flood ${mb(before.heapUsed)} MB; DOM nodes ${after.nodes}` }));

      // Arrival order through the contract, then what each thread shows.
      const byConv = (await page.evaluate('window.__flood.byConv')) as Record<string, number[]>;
      const expected = ids.map((_, i) => Math.floor(total / conversations) + (i < total % conversations ? 1 : 0));
      const problems: string[] = [];
      let shown = 0;
      for (let c = 0; c < ids.length; c++) {
        const got = byConv[String(c)] ?? [];
        const inOrder = got.length === expected[c] && got.every((k, i) => k === i);
        if (!inOrder) { problems.push(`conversation ${c}: ${got.length}/${expected[c]} arrived${got.length ? ', not in order' : ''}`); continue; }
        if (c > 0) await page.locator(conversationRowSelector(ids[c]!)).click();
        const tail = (await page.evaluate(threadTailJs(c, expected[c]! - 1, 15_000))) as TailRow[];
        const problem = tailProblem(c, tail, expected[c]!);
        if (problem) { problems.push(`conversation ${c}: ${problem}`); continue; }
        shown += expected[c]!;
      }
      raw.shown = { shown, problems };
      rows.push(measuredRow({ ...shownRow(total), measured: shown, note: problems.length ? problems.slice(0, 4).join('; ') : `${conversations} conversations, each in order; last rows checked on screen` }));
      raw.heapMbAfterFloodPerMessage = Math.round(((after.heapUsed - before.heapUsed) / MB / total) * 1e6) / 1e6;
    } catch (err) {
      const why = `flood run failed: ${errorText(err)}`;
      for (const r of [KEYS, HEAP, shownRow(total)]) if (!rows.some((x) => x.figure === r.figure)) rows.push(notMeasuredRow(r, why));
    } finally {
      await launched?.close();
      if (process.env.BENCH_MAIN_PROF) writeMainTop(process.env.BENCH_MAIN_PROF, raw.floodWindowMonoUs as [number, number] | undefined, raw, log);
    }
    return { rows, raw };
  },
};
