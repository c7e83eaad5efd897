/**
 * Idle cost of the running app (issue #15.3): two apps (built main + preload + renderer on the
 * Electron stand-in), each signed in (live mode) to its own bench simulator in its own process,
 * window unfocused, measured over the SAME D seconds side by side:
 *  - "no rings": online, nothing happening;
 *  - "3 rings": online with 3 rings waiting, their countdowns ticking (rings live 10 min here, so
 *    none expires).
 * The case runs in the BACKGROUND of the bench (run.ts): `start()` launches and settles both apps
 * (the part that costs CPU), then the other cases run while the apps idle, and `finished` reads the
 * figures after D seconds. Every figure is the process's own CPU time, which other load on the
 * machine does not inflate:
 * main CPU      = utime + stime of the stand-in's Node process (/proc/<pid>/stat): main's Node
 *                 process, which also carries the stand-in's plumbing (recorded state, CDP): an upper bound;
 * renderer CPU  = utime + stime of the window's Chromium renderer process (all its threads; its main
 *                 thread apart in the note): the renderer process below the app with the most CPU
 *                 since launch (Chromium's own UI renderer is excluded by its --top-chrome-webui flag);
 * Chromium's browser, GPU and utility processes are reported apart (in Electron the browser part
 *                 lives in main's process; here it also serves the test's CDP connections);
 * wake-ups      = main: context switches per second of each thread, by thread name
 *                 (/proc/<pid>/task/<tid>/status); renderer: the same for its threads, and timer
 *                 callbacks (setTimeout / setInterval / rAF) run per second by the place that created
 *                 them (first frame of the creation stack), counted by an init script (the window
 *                 reloaded once, View → Reload: webContents.reload(), so it sees every timer of the app).
 * Goal: main + renderer ≤ 1% of one core with no rings, ≤ 2% with 3 rings.
 */
import type { Page } from 'playwright-core';
import type { StandinApp } from '../../test/electron-standin/launch';
import { appPrerequisites, launchAppOnSim, type SignedInApp } from '../lib/app-launch';
import { chromiumType, cpuPercent, descendants, processCpuSeconds, threadCpuSeconds } from '../lib/proc';
import { byNameDelta, cpuByThread, switchesByThread } from './idle-threads';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseOptions, type CaseResult, type Row } from '../lib/results';

const NO_RINGS = { case: 'idle', figure: 'online, no rings: main + renderer CPU', goal: '≤ 1% of a core', goalValue: 1, direction: 'max', unit: '%' } as const;
const RINGS = { case: 'idle', figure: 'online, 3 rings waiting: main + renderer CPU', goal: '≤ 2% of a core', goalValue: 2, direction: 'max', unit: '%' } as const;

/** In the page (a string: no loader helpers): counts timer callbacks by their creation site. */
const TIMER_COUNTER = `(() => {
  if (window.__benchTimers) return;
  const counts = window.__benchTimers = {};
  const site = () => {
    const lines = (new Error().stack || '').split('\\n').slice(3);
    const l = lines.find((x) => !x.includes('__bench')) || '?';
    return l.trim().replace(/\\(?(?:https?|file):\\/\\/[^)]*\\/([^/)]+:\\d+):\\d+\\)?/, '$1').slice(0, 120);
  };
  const wrap = (name, fnIndex) => {
    const orig = window[name];
    window[name] = function (...args) {
      const where = name + ' @ ' + site();
      const fn = args[fnIndex];
      if (typeof fn === 'function') args[fnIndex] = function (...a) { counts[where] = (counts[where] || 0) + 1; return fn.apply(this, a); };
      return orig.apply(window, args);
    };
  };
  wrap('setTimeout', 0); wrap('setInterval', 0); wrap('requestAnimationFrame', 0);
})()`;
const RESET_TIMERS = '(() => { for (const k of Object.keys(window.__benchTimers)) delete window.__benchTimers[k]; })()';

interface Procs { main: number; renderer: number; chromium: Array<{ pid: number; type: string }> }

/** main = the stand-in's Node process; renderer = the busiest renderer below it (the window's); the rest of Chromium apart. */
function findProcesses(app: StandinApp): Procs {
  const main = app.child.pid ?? 0;
  const below = descendants(main).map((p) => ({ pid: p.pid, type: chromiumType(p) })).filter((p) => p.type !== 'other');
  const renderers = below.filter((p) => p.type === 'renderer').sort((a, b) => processCpuSeconds(b.pid) - processCpuSeconds(a.pid));
  const renderer = renderers[0]?.pid;
  if (!renderer) throw new Error(`no Chromium renderer process below the app's process ${main}`);
  return { main, renderer, chromium: below.filter((p) => p.pid !== renderer) };
}

interface Reading {
  at: number; main: number; renderer: number; rendererMainThread: number; chromium: Record<string, number>;
  mainSwitches: Record<string, number>; rendererSwitches: Record<string, number>;
  /** CPU seconds by thread name: main's process, the renderer's, and Chromium's others ("<type>: <thread>"). */
  mainThreads: Record<string, number>; rendererThreads: Record<string, number>; chromiumThreads: Record<string, number>;
}

function read(p: Procs): Reading {
  const chromium: Record<string, number> = {};
  const chromiumThreads: Record<string, number> = {};
  for (const c of p.chromium) {
    chromium[c.type] = (chromium[c.type] ?? 0) + processCpuSeconds(c.pid);
    for (const [key, sec] of Object.entries(cpuByThread(c.pid))) chromiumThreads[`${c.type}: ${key}`] = sec;
  }
  return {
    at: performance.now(),
    main: processCpuSeconds(p.main),
    renderer: processCpuSeconds(p.renderer),
    rendererMainThread: threadCpuSeconds(p.renderer, p.renderer),
    chromium,
    mainSwitches: switchesByThread(p.main),
    rendererSwitches: switchesByThread(p.renderer),
    mainThreads: cpuByThread(p.main),
    rendererThreads: cpuByThread(p.renderer),
    chromiumThreads,
  };
}

export interface IdleWindow {
  seconds: number;
  /** % of one core. */
  mainCpu: number;
  rendererCpu: number;
  rendererMainThreadCpu: number;
  /** Chromium's other processes (browser, GPU, utility…), % of one core, by type. */
  chromiumOtherCpu: Record<string, number>;
  mainSwitchesPerSec: Record<string, number>;
  rendererSwitchesPerSec: Record<string, number>;
  /** Timer callbacks per second in the page, by creation site. */
  rendererTimersPerSec: Record<string, number>;
  /** % of one core by thread name (busiest ten): main's process, the renderer, Chromium's other processes. */
  mainThreadsCpu: Record<string, number>;
  rendererThreadsCpu: Record<string, number>;
  chromiumOtherThreadsCpu: Record<string, number>;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
/** The busiest few entries, per second. */
function perSec(counts: Record<string, number>, seconds: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => [k, r2(v / seconds)]));
}
/** CPU seconds over `seconds` of wall time as % of one core. */
function percents(cpu: Record<string, number>, seconds: number): Record<string, number> {
  return Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, r2(cpuPercent(v, seconds))]));
}
function delta(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v - (a[k] ?? 0)]));
}

function windowOf(a: Reading, b: Reading, timers: Record<string, number>): IdleWindow {
  const s = (b.at - a.at) / 1000;
  return {
    seconds: Math.round(s * 10) / 10,
    mainCpu: r2(cpuPercent(b.main - a.main, s)),
    rendererCpu: r2(cpuPercent(b.renderer - a.renderer, s)),
    rendererMainThreadCpu: r2(cpuPercent(b.rendererMainThread - a.rendererMainThread, s)),
    chromiumOtherCpu: Object.fromEntries(Object.entries(delta(a.chromium, b.chromium)).map(([k, v]) => [k, r2(cpuPercent(v, s))])),
    mainSwitchesPerSec: perSec(byNameDelta(a.mainSwitches, b.mainSwitches), s),
    rendererSwitchesPerSec: perSec(byNameDelta(a.rendererSwitches, b.rendererSwitches), s),
    rendererTimersPerSec: perSec(timers, s),
    mainThreadsCpu: percents(byNameDelta(a.mainThreads, b.mainThreads, b.main - a.main), s),
    rendererThreadsCpu: percents(byNameDelta(a.rendererThreads, b.rendererThreads, b.renderer - a.renderer), s),
    chromiumOtherThreadsCpu: percents(byNameDelta(a.chromiumThreads, b.chromiumThreads), s),
  };
}

/** One short line: the figure's parts and where the renderer's timer wake-ups come from. */
function note(w: IdleWindow): string {
  const sum = (o: Record<string, number>): number => r2(Object.values(o).reduce((x, y) => x + y, 0));
  const timers = Object.entries(w.rendererTimersPerSec).slice(0, 3).map(([k, v]) => `${v}/s ${k}`).join(', ') || 'none';
  return `main ${w.mainCpu}% + renderer ${w.rendererCpu}% (its main thread ${w.rendererMainThreadCpu}%) over ${w.seconds} s; Chromium's other processes ${sum(w.chromiumOtherCpu)}%; wake-ups/s main ${sum(w.mainSwitchesPerSec)}, renderer ${sum(w.rendererSwitchesPerSec)}; renderer timers: ${timers}`;
}

interface IdleApp { run: SignedInApp; page: Page; procs: Procs; start?: Reading; rings: string[] }

/** Launches one app, reloads its window under the timer counter, opens `rings` rings, settles. */
async function startIdleApp(quick: boolean, rings: number): Promise<IdleApp> {
const run = await launchAppOnSim({ quick });
try {
  const { app, page, host } = run;
  // The counter must be there before the app's own scripts create their timers: installed as an
  // init script, then the window is reloaded (the app takes its state again from main). Through
  // the app's View → Reload (webContents.reload(), as in Electron): a Playwright page.reload() is
  // a page navigation, which the app's navigation guard refuses (net::ERR_ABORTED).
  await page.addInitScript(TIMER_COUNTER);
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await app.clickMenuItem('reload');
  await reloaded;
  await page.waitForFunction(() => document.querySelector('#root > *') !== null, undefined, { timeout: 20_000 });
  const opened: string[] = [];
  for (let i = 0; i < rings; i++) {
    host.send({ t: 'open' });
    opened.push(String((await host.next('opened', 10_000)).conversationId));
  }
  if (rings) await page.waitForFunction((n) => document.querySelectorAll('[data-ring-id]').length >= n, rings, { timeout: 20_000 });
  // Settle: start-up work (history, skills, first renders, the ring alerts) is not idle time.
  await new Promise((r) => setTimeout(r, quick ? 1000 : 5000));
  return { run, page, procs: findProcesses(app), rings: opened };
} catch (err) {
  await run.close();
  throw err;
}
}

/** The measured window starts: timer counts zeroed, CPU and switches read. */
async function begin(a: IdleApp): Promise<void> {
  await a.page.evaluate(RESET_TIMERS);
  a.start = read(a.procs);
}

async function finish(a: IdleApp): Promise<IdleWindow> {
  const end = read(a.procs);
  if (!a.start) throw new Error('the idle window never started');
  const timers = await a.page.evaluate('({ ...window.__benchTimers })') as Record<string, number>;
  // The rings are still WAITING at the end (none expired): the window measured what it says.
  const waiting = await a.page.evaluate('document.querySelectorAll("[data-ring-id]").length') as number;
  if (waiting < a.rings.length) throw new Error(`only ${waiting} of ${a.rings.length} rings still waiting at the end`);
  return windowOf(a.start, end, timers);
}

/**
 * Launches and settles both apps; `finished` resolves with the rows once they idled `seconds` side
 * by side; `stop()` closes them (run.ts: between two cases, not in the middle of one).
 */
async function startIdle({ quick, log }: CaseOptions): Promise<{ finished: Promise<CaseResult>; stop(): Promise<void> }> {
  const seconds = quick ? 5 : 300;
  const raw: Record<string, unknown> = { seconds };
  const missing = appPrerequisites();
  const nothing = async (): Promise<void> => undefined;
  if (missing) return { finished: Promise.resolve({ rows: [notMeasuredRow(NO_RINGS, missing), notMeasuredRow(RINGS, missing)], raw }), stop: nothing };
  const failed = (why: string): CaseResult => ({ rows: [notMeasuredRow(NO_RINGS, why), notMeasuredRow(RINGS, why)], raw });
  let none: IdleApp | null = null;
  let three: IdleApp;
  try {
    // One after the other: two start-ups at once would only slow each other down.
    none = await startIdleApp(quick, 0);
    three = await startIdleApp(quick, 3);
  } catch (err) {
    await none?.run.close();
    return { finished: Promise.resolve(failed(`idle apps did not start: ${errorText(err)}`)), stop: nothing };
  }
  const apps = { none, three };
  const finished = (async (): Promise<CaseResult> => {
    try {
      await begin(apps.none);
      await begin(apps.three);
      log(`idle: two apps idling for ${seconds} s (no rings; 3 rings waiting)`);
      // The measured idle period itself (not a wait for an event).
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const n = await finish(apps.none);
      const t = await finish(apps.three);
      raw.noRings = n;
      raw.threeRings = t;
      log(`idle (no rings): ${note(n)}`);
      log(`idle (3 rings): ${note(t)}`);
      for (const [label, w] of [['no rings', n], ['3 rings', t]] as const) {
        log(`idle (${label}) CPU % by thread: main ${JSON.stringify(w.mainThreadsCpu)}; renderer ${JSON.stringify(w.rendererThreadsCpu)}; Chromium's others ${JSON.stringify(w.chromiumOtherThreadsCpu)}`);
        log(`idle (${label}) wake-ups/s by thread: main ${JSON.stringify(w.mainSwitchesPerSec)}; renderer ${JSON.stringify(w.rendererSwitchesPerSec)}; renderer timers ${JSON.stringify(w.rendererTimersPerSec)}`);
      }
      const rows: Row[] = [
        measuredRow({ ...NO_RINGS, measured: r2(n.mainCpu + n.rendererCpu), note: note(n) }),
        measuredRow({ ...RINGS, measured: r2(t.mainCpu + t.rendererCpu), note: note(t) }),
      ];
      return { rows, raw };
    } catch (err) {
      return failed(`idle run failed: ${errorText(err)}`);
    }
  })();
  const stop = async (): Promise<void> => {
    await apps.none.run.close();
    await apps.three.run.close();
  };
  return { finished, stop };
}

export const idle: BenchCase = {
  name: 'idle',
  title: 'idle CPU of main and renderer over 5 min, online with no rings and with 3 rings waiting (two apps side by side, in the background of other cases); wake-ups',
  async run(opts): Promise<CaseResult> {
    const { finished, stop } = await startIdle(opts);
    try {
      return await finished;
    } finally {
      await stop();
    }
  },
  background: startIdle,
};
