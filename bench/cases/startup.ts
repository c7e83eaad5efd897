/**
 * Start-up of the built app on the Electron stand-in (test/electron-standin), against its floor:
 * an empty window painted by the same stand-in in the same run (bench/clients/empty-window-main.ts).
 *  launch      = wall clock just before the stand-in's process is spawned (launchStandin);
 *  first paint = the window's `first-contentful-paint` (else `first-paint`) entry, as wall clock
 *                (performance.timeOrigin + startTime), read through a buffered PerformanceObserver;
 *  online      = the renderer got `connection/state` with phase 'online' (what the agent sees),
 *                from a listener installed as soon as the page is reachable; a launch already online
 *                by then is counted at that moment (an upper bound) and flagged.
 * Modes: demo (no saved account: the app starts its in-process simulator) and live (a saved
 * account, "remember me", signed in by the app at launch against the bench's simulator in its own
 * process, bench/clients/sim-host.ts). Launches of floor, demo and live are interleaved, so the
 * machine's load falls on all three alike. Goals (issue #15): first paint p50 ≤ 1.5× the floor's;
 * online p50 ≤ 1 s after first paint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { StandinApp } from '../../test/electron-standin/launch';
import { spawnChild, type BenchChild, type ChildMsg } from '../lib/child';
import { projectRoot } from '../lib/core';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';
import { rounded, summarize, type Summary } from '../lib/stats';
import { withTimeout } from '../lib/timeout';
import { appPrerequisites, privateBuild } from './ring-app';

const FIRST_PAINT = { case: 'startup', goal: '≤ 1.5× floor', goalValue: 1.5, direction: 'max', unit: '×' } as const;
const ONLINE = { case: 'startup', goal: '≤ 1000 ms', goalValue: 1000, direction: 'max', unit: 'ms' } as const;

const wallNow = (): number => performance.timeOrigin + performance.now();

/** In the page, as a string (no loader helpers): the first paint as wall clock, once there is one. */
const FIRST_PAINT_JS = `new Promise((resolve) => {
  const pick = (list) => list.find((e) => e.name === 'first-contentful-paint') ?? list.find((e) => e.name === 'first-paint');
  const hit = pick(performance.getEntriesByType('paint'));
  if (hit) { resolve(performance.timeOrigin + hit.startTime); return; }
  new PerformanceObserver((l, obs) => { const e = pick(l.getEntries()); if (e) { obs.disconnect(); resolve(performance.timeOrigin + e.startTime); } }).observe({ type: 'paint', buffered: true });
})`;

/** In the page: when the connection went online (wall clock), and whether it already was when asked. */
const ONLINE_JS = `new Promise((resolve) => {
  const now = () => performance.timeOrigin + performance.now();
  const off = window.lp.onConnectionState((c) => { if (c.phase === 'online') { off(); resolve({ at: now(), already: false }); } });
  window.lp.sessionSnapshot().then((s) => { if (s.session && s.session.connection && s.session.connection.phase === 'online') { off(); resolve({ at: now(), already: true }); } });
})`;

interface Launch { firstPaint: number; online?: number; alreadyOnline?: boolean }

/** The first window once loaded (a loaded machine can take longer than the stand-in's default wait). */
async function loadedWindow(app: StandinApp, timeoutMs: number): Promise<Page> {
  await app.waitFor((s) => (s.windows[0]?.loaded ? true : undefined), { timeout: timeoutMs, what: 'the first window to load' });
  return app.firstWindow();
}

async function timedLaunch(start: () => Promise<StandinApp>, waitOnline: boolean, timeoutMs: number): Promise<Launch> {
  const t0 = wallNow();
  const app = await start();
  try {
    const page: Page = await loadedWindow(app, timeoutMs);
    const paint = withTimeout(page.evaluate(FIRST_PAINT_JS) as Promise<number>, timeoutMs, 'first paint');
    const online = waitOnline ? withTimeout(page.evaluate(ONLINE_JS) as Promise<{ at: number; already: boolean }>, timeoutMs, 'online') : undefined;
    const fp = await paint;
    const on = await online;
    return { firstPaint: fp - t0, ...(on ? { online: on.at - t0, alreadyOnline: on.already } : {}) };
  } catch (err) {
    throw new Error(`${errorText(err)} | app: ${app.logs.slice(-3).join(' | ')}`, { cause: err });
  } finally {
    await app.close().catch(() => undefined);
  }
}

async function bundleFloor(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = join(dir, 'empty-window-main.mjs');
  await build({ entryPoints: [join(projectRoot, 'bench/clients/empty-window-main.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', external: ['electron'], logLevel: 'warning' });
  return out;
}

/** Saves a live account in `userDataDir` (sign-in with "remember me"), so later launches sign in by themselves. */
async function rememberAccount(start: () => Promise<StandinApp>, ready: ChildMsg): Promise<void> {
  const app = await start();
  try {
    const page = await loadedWindow(app, 60_000);
    await page.evaluate((args) => (window as unknown as { lp: { sessionLogin(a: unknown): Promise<unknown> } }).lp.sessionLogin(args), {
      accountId: String(ready.accountId), username: String(ready.username), password: String(ready.password), remember: true, csdsUrl: String(ready.csdsUrl),
    });
    await page.evaluate(ONLINE_JS);
  } finally {
    await app.close().catch(() => undefined);
  }
}

const p = (s: Summary | undefined, k: 'p50' | 'p95'): string => (s ? `${s[k]}` : '—');

export const startup: BenchCase = {
  name: 'startup',
  title: 'launch → first paint and → online (demo, live) on the stand-in, vs an empty window (floor)',
  async run({ quick, log }): Promise<CaseResult> {
    const launches = quick ? 1 : 10;
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { launches };
    const missing = appPrerequisites();
    if (missing) {
      for (const f of ['first paint p50 vs floor', 'demo: online after first paint, p50', 'live: online after first paint, p50']) rows.push(notMeasuredRow({ ...(f.startsWith('first') ? FIRST_PAINT : ONLINE), figure: f }, missing));
      return { rows, raw };
    }
    const dir = mkdtempSync(join(tmpdir(), 'lp-bench-startup-'));
    const build = await privateBuild(quick);
    const { launchStandin } = await import('../../test/electron-standin/launch');
    let host: BenchChild | null = null;
    const floor: number[] = [];
    const demo: Launch[] = [];
    const live: Launch[] = [];
    let liveWhy = '';
    try {
      const floorMain = await bundleFloor(dir);
      host = spawnChild(join(projectRoot, 'bench/clients/sim-host.ts'));
      const ready = await host.next('ready', 20_000);
      const liveData = join(dir, 'live-user-data');
      const startLive = (): Promise<StandinApp> => launchStandin({ main: build.main, userDataDir: liveData });
      try {
        await rememberAccount(startLive, ready);
      } catch (err) {
        liveWhy = `could not save a live account: ${errorText(err)}`;
      }
      // One unmeasured round first (full runs): Chromium and the file cache warm up.
      for (let i = quick ? 0 : -1; i < launches; i++) {
        const f = await timedLaunch(() => launchStandin({ main: floorMain }), false, 60_000);
        const d = await timedLaunch(() => launchStandin({ main: build.main }), true, 60_000);
        let l: Launch | null = null;
        if (!liveWhy) {
          try {
            l = await timedLaunch(startLive, true, 60_000);
          } catch (err) {
            liveWhy = `live launch failed: ${errorText(err)}`;
          }
        }
        if (i < 0) continue;
        floor.push(f.firstPaint);
        demo.push(d);
        if (l) live.push(l);
      }
    } finally {
      await host?.kill();
      rmSync(build.dir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
    const fl = rounded(summarize(floor));
    const sum = (xs: Launch[], k: 'firstPaint' | 'onlineAfterPaint'): Summary => rounded(summarize(xs.map((x) => (k === 'firstPaint' ? x.firstPaint : (x.online ?? Number.NaN) - x.firstPaint))));
    const demoPaint = sum(demo, 'firstPaint');
    const demoOnline = sum(demo, 'onlineAfterPaint');
    raw.floor = { firstPaint: fl };
    raw.demo = { firstPaint: demoPaint, onlineAfterPaint: demoOnline, alreadyOnlineWhenAsked: demo.filter((d) => d.alreadyOnline).length };
    log(`startup: floor first paint p50 ${fl.p50} ms; demo first paint p50 ${demoPaint.p50} ms, online +${demoOnline.p50} ms`);
    rows.push(measuredRow({ ...FIRST_PAINT, figure: 'demo: launch → first paint p50 vs empty window (floor)', measured: demoPaint.p50 / fl.p50, note: `app p50 ${demoPaint.p50} / p95 ${demoPaint.p95} ms; floor p50 ${fl.p50} / p95 ${fl.p95} ms; n=${launches}` }));
    rows.push(measuredRow({ ...ONLINE, figure: 'demo: first paint → online, p50', measured: demoOnline.p50, note: `p95 ${demoOnline.p95} ms; launch → online p50 ${rounded(summarize(demo.map((d) => d.online ?? Number.NaN))).p50} ms` }));
    if (live.length) {
      const livePaint = sum(live, 'firstPaint');
      const liveOnline = sum(live, 'onlineAfterPaint');
      raw.live = { firstPaint: livePaint, onlineAfterPaint: liveOnline, alreadyOnlineWhenAsked: live.filter((d) => d.alreadyOnline).length };
      log(`startup: live first paint p50 ${livePaint.p50} ms, online +${liveOnline.p50} ms`);
      rows.push(measuredRow({ ...FIRST_PAINT, figure: 'live: launch → first paint p50 vs empty window (floor)', measured: livePaint.p50 / fl.p50, note: `app p50 ${p(livePaint, 'p50')} / p95 ${p(livePaint, 'p95')} ms; n=${live.length}` }));
      rows.push(measuredRow({ ...ONLINE, figure: 'live: first paint → online, p50', measured: liveOnline.p50, note: `p95 ${liveOnline.p95} ms` }));
    } else {
      rows.push(notMeasuredRow({ ...FIRST_PAINT, figure: 'live: launch → first paint p50 vs empty window (floor)' }, liveWhy || 'no live launch'));
      rows.push(notMeasuredRow({ ...ONLINE, figure: 'live: first paint → online, p50' }, liveWhy || 'no live launch'));
    }
    if (liveWhy) raw.whyLiveNotMeasured = liveWhy;
    return { rows, raw };
  },
};
