/**
 * Idle cost of the running app (built main + preload + renderer on the Electron stand-in), signed in
 * (live mode) to the bench's simulator in its own process, window unfocused:
 *  - no rings: online, nothing happening, for D seconds;
 *  - 3 rings waiting (their countdowns ticking), for D seconds (rings live 10 min here, so none expires).
 * main CPU      = utime + stime of the stand-in's process (/proc/<pid>/stat; it is main's Node
 *                 process, and also carries the stand-in's CDP plumbing: an upper bound for main);
 * renderer CPU  = Chromium's `TaskDuration` of the page (CDP Performance.getMetrics): main-thread task time;
 * wake-ups      = main: context switches per second of each thread (/proc/<pid>/task/<tid>/status),
 *                 by thread name; renderer: timer callbacks (setTimeout / setInterval / rAF) run per
 *                 second, by the place that created them (first frame of the creation stack); the
 *                 counter is an init script, the window reloaded once (View → Reload:
 *                 webContents.reload()) so it sees every timer of the app.
 * Goal (issue #15): main + renderer ≤ 1% of one core with no rings, ≤ 2% with 3 rings.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { StandinApp } from '../../test/electron-standin/launch';
import { spawnChild, type BenchChild } from '../lib/child';
import { projectRoot } from '../lib/core';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';
import { appPrerequisites, launchSignedIn, privateBuild } from './ring-app';

const NO_RINGS = { case: 'idle', figure: 'online, no rings: main + renderer CPU', goal: '≤ 1% of a core', goalValue: 1, direction: 'max', unit: '%' } as const;
const RINGS = { case: 'idle', figure: 'online, 3 rings waiting: main + renderer CPU', goal: '≤ 2% of a core', goalValue: 2, direction: 'max', unit: '%' } as const;

const TICKS = 100; // USER_HZ on Linux (sysconf(_SC_CLK_TCK)); /proc times are in these ticks.

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime, stime (fields 14, 15 of proc(5))
}

/** Context switches per thread name (voluntary + involuntary), summed over threads of one name. */
function switchesByThread(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      const name = /^Name:\s*(.*)$/m.exec(status)?.[1]?.trim() ?? '?';
      const v = Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0);
      const n = Number(/^nonvoluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0);
      out[name] = (out[name] ?? 0) + v + n;
    } catch {
      // the thread ended
    }
  }
  return out;
}

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

interface Window { seconds: number; mainCpu: number; rendererCpu: number; mainSwitchesPerSec: Record<string, number>; rendererTimersPerSec: Record<string, number> }

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const m = await cdp.send('Performance.getMetrics');
  return m.metrics.find((x) => x.name === 'TaskDuration')?.value ?? Number.NaN;
}

async function measureWindow(app: StandinApp, page: Page, cdp: CDPSession, seconds: number): Promise<Window> {
  const pid = app.child.pid ?? 0;
  await page.evaluate('(() => { for (const k of Object.keys(window.__benchTimers)) delete window.__benchTimers[k]; })()');
  const sw0 = switchesByThread(pid);
  const m0 = cpuSeconds(pid);
  const r0 = await taskSeconds(cdp);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000)); // the measured idle period itself (not a wait for an event)
  const m1 = cpuSeconds(pid);
  const r1 = await taskSeconds(cdp);
  const sw1 = switchesByThread(pid);
  const timers = await page.evaluate('({ ...window.__benchTimers })') as Record<string, number>;
  const elapsed = (performance.now() - t0) / 1000;
  const perSec = (o: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(o).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => [k, Math.round((v / elapsed) * 100) / 100]));
  const switches: Record<string, number> = {};
  for (const [k, v] of Object.entries(sw1)) switches[k] = v - (sw0[k] ?? 0);
  return { seconds: Math.round(elapsed * 10) / 10, mainCpu: (100 * (m1 - m0)) / elapsed, rendererCpu: (100 * (r1 - r0)) / elapsed, mainSwitchesPerSec: perSec(switches), rendererTimersPerSec: perSec(timers) };
}

const fmt = (w: Window): string => `main ${w.mainCpu.toFixed(2)}%, renderer ${w.rendererCpu.toFixed(2)}% over ${w.seconds} s; renderer timers/s ${JSON.stringify(w.rendererTimersPerSec)}`;

export const idle: BenchCase = {
  name: 'idle',
  title: 'idle CPU of main and renderer, online with no rings and with 3 rings waiting; wake-ups',
  async run({ quick, log }): Promise<CaseResult> {
    const seconds = quick ? 3 : 60;
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { seconds };
    const missing = appPrerequisites();
    if (missing) return { rows: [notMeasuredRow(NO_RINGS, missing), notMeasuredRow(RINGS, missing)], raw };
    const build = await privateBuild(quick);
    const { launchStandin } = await import('../../test/electron-standin/launch');
    const host: BenchChild = spawnChild(join(projectRoot, 'bench/clients/sim-host.ts'), { env: { BENCH_RING_EXPIRATION_MS: '600000' } });
    let app: StandinApp | null = null;
    try {
      const ready = await host.next('ready', 20_000);
      const launched = await launchSignedIn(() => launchStandin({ main: build.main }), ready);
      app = launched.app;
      const page = launched.page;
      // The counter must be there before the app's own scripts create their timers: installed as an
      // init script, then the window is reloaded (the app takes its state again from main). Through
      // the app's View → Reload (webContents.reload(), as in Electron): a Playwright page.reload() is
      // a page navigation, which the app's navigation guard refuses (net::ERR_ABORTED).
      await page.addInitScript(TIMER_COUNTER);
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      await app.clickMenuItem('reload');
      await reloaded;
      await page.waitForFunction(() => document.querySelector('#root > *') !== null, undefined, { timeout: 20_000 });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      // Settle: start-up work (history, skills, first renders) is not idle time.
      await new Promise((r) => setTimeout(r, quick ? 1000 : 5000));
      const none = await measureWindow(app, page, cdp, seconds);
      log(`idle (no rings): ${fmt(none)}`);
      rows.push(measuredRow({ ...NO_RINGS, measured: Math.round((none.mainCpu + none.rendererCpu) * 100) / 100, note: fmt(none) }));
      const opened: string[] = [];
      for (let i = 0; i < 3; i++) {
        host.send({ t: 'open' });
        opened.push(String((await host.next('opened', 10_000)).conversationId));
      }
      await page.waitForFunction(() => document.querySelectorAll('[data-ring-id]').length >= 3, undefined, { timeout: 20_000 });
      const rings = await measureWindow(app, page, cdp, seconds);
      log(`idle (3 rings): ${fmt(rings)}`);
      rows.push(measuredRow({ ...RINGS, measured: Math.round((rings.mainCpu + rings.rendererCpu) * 100) / 100, note: fmt(rings) }));
      raw.noRings = none;
      raw.threeRings = rings;
      for (const id of opened) { host.send({ t: 'close', conversationId: id }); await host.next('closed', 10_000); }
    } catch (err) {
      const why = `idle run failed: ${errorText(err)}`;
      if (!rows.length) rows.push(notMeasuredRow(NO_RINGS, why));
      if (rows.length < 2) rows.push(notMeasuredRow(RINGS, why));
    } finally {
      await app?.close().catch(() => undefined);
      await host.kill();
      rmSync(build.dir, { recursive: true, force: true });
    }
    return { rows, raw };
  },
};
