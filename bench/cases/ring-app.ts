/**
 * Ring latency through the RUNNING APP: the built main, preload and renderer under the typed
 * Electron stand-in (test/electron-standin/launch.ts) in Debian's Chromium, signed in (live mode,
 * "Advanced: CSDS URL") to the bench's simulator in its own process (bench/clients/sim-host.ts).
 *  t0  = wall clock just before the simulator's ws.send of the ring frame (sim-host.ts);
 *  (a) = the ring's Notification.show() call in main, stamped in main's process by the stand-in
 *        (RecordedNotification.shownAt), so the stand-in's own state push is not counted;
 *  (b) = the ring row (`[data-ring-id]`, RingQueue) inserted in the DOM, then painted: timestamp in
 *        the page after the next animation frame + a posted task (the "after next paint" idiom).
 * Clocks: performance.timeOrigin + performance.now() in each process (wall-clock based, µs
 * resolution; cross-process alignment well under a millisecond on one machine).
 * The window is marked unfocused (as when the agent works elsewhere), so the app raises an alert.
 * One ring at a time; a fresh app every 200 rings, the first 10 (2 quick) of each launch are a
 * warm-up, summarized apart (raw.app.warmup).
 * Investigation options (bench/README.md, ring notes): BENCH_RENDERER_TRACE=<dir> traces the renderer over
 * the first launch's rings (ring-trace.ts; BENCH_RENDERER_PROF=1 adds a CPU profile); BENCH_APP_DIST=<dir>
 * measures that built dist/ (another commit's app) under this tree's harness. Each ring waits a random
 * 0–17 ms first, so rings do not land at one point of the frame period; BENCH_RING_DEPHASE=0 does not
 * (the timing before 2026-12-07 22:10, phase-locked to the page's frames).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { StandinApp } from '../../test/electron-standin/launch';
import { spawnChild, type ChildMsg } from '../lib/child';
import { projectRoot } from '../lib/core';
import { errorText } from '../lib/results';
import { summarize, rounded, type Summary } from '../lib/stats';
import { withTimeout } from '../lib/timeout';
import { startRingTrace, stopRingTrace, type RingTrace } from './ring-trace';

/** Rings wait a random part of a frame period before they are sent (BENCH_RING_DEPHASE=0: not). */
const DEPHASE = process.env.BENCH_RING_DEPHASE !== '0';

export interface AppRingResult {
  notification?: Summary;
  painted?: Summary;
  /** The ring/offered event reached the page (main → renderer hop). */
  arrived?: Summary;
  inserted?: Summary;
  /** Rings whose notification never came within the wait (the app chose not to alert, or is slow). */
  missingNotifications: number;
  rings: number;
  stoppedEarly?: string;
  /** Size of the stand-in's recorded state at the end, as the test holds it (pushes carry only changes). */
  standinStateBytesMax?: number;
  launches?: number;
  p50ByQuarter?: { notification: number[]; painted: number[] };
  warmup?: { rings: number; painted: Summary; notification: Summary };
}

/** Why the app-level measurement cannot run, or null. */
export function appPrerequisites(): string | null {
  if (!existsSync(join(projectRoot, 'test/electron-standin/launch.ts'))) return 'test/electron-standin/launch.ts does not exist yet';
  const mainSrc = join(projectRoot, 'src-main/main.ts');
  const main = existsSync(mainSrc) ? readFileSync(mainSrc, 'utf8') : '';
  if (!/runApp\s*\(|createAgentSession|createModeManager/.test(main)) {
    return 'src-main/main.ts is still the placeholder window (it does not call runApp from src-main/desktop/app.ts yet), so no ring can reach main\'s notifications or the renderer';
  }
  if (!existsSync('/usr/bin/chromium') && !process.env.STANDIN_CHROMIUM) return 'no Chromium at /usr/bin/chromium (the stand-in needs it)';
  return null;
}

/**
 * Installed in the page as a string: functions passed to page.evaluate would carry the TS loader's
 * `__name` helpers, which do not exist in the page.
 */
const OBSERVER = `(() => {
  window.__benchRings = {};
  const now = () => performance.timeOrigin + performance.now();
  const seen = (el) => {
    const id = el.getAttribute('data-ring-id');
    if (!id || window.__benchRings[id]) return;
    const rec = { inserted: now() };
    window.__benchRings[id] = rec;
    if (window.__benchTrace) performance.mark('bench-ring-inserted');
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        rec.painted = now();
        if (window.__benchTrace) performance.mark('bench-ring-painted');
        const waiter = nextPainted;
        nextPainted = null;
        waiter?.({ ring: id, ...rec, arrived: window.__benchArrived[id] });
      };
      ch.port2.postMessage(0);
    });
  };
  // The bench asks for the next ring's stamps BEFORE it sends the ring; the answer goes back when that
  // ring is painted, so the harness sends the page nothing while a ring is in flight.
  let nextPainted = null;
  window.__benchNextPainted = () => new Promise((resolve) => { nextPainted = resolve; });
  // When the ring/offered event reached the page (after the store's own listener): splits (b) into
  // main → renderer hop, React commit, and the wait for the next frame.
  window.__benchArrived = {};
  window.lp.onRingOffered((ring) => { window.__benchArrived[ring.ringId] = now(); });
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (!(n instanceof Element)) continue;
      if (n.hasAttribute('data-ring-id')) seen(n);
      for (const el of n.querySelectorAll('[data-ring-id]')) seen(el);
    }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

/**
 * The stand-in pushes its WHOLE recorded state (every IPC call, console line, notification…) to the
 * test on every change; it grows ~0.5 KB per ring, and serializing it burns main's CPU and delays the
 * push: over 1,000 rings in one launch the p50 drifted 9 → 43 ms (notification) and 16 → 27 ms
 * (painted). So the app is relaunched every RINGS_PER_LAUNCH measured rings, each launch with its own
 * (excluded) warm-up.
 */
const RINGS_PER_LAUNCH = 200;
const WARMUP_PER_LAUNCH = (quick: boolean): number => (quick ? 2 : 10);

interface PaintedRing { ring: string; inserted: number; painted: number; arrived?: number }

const BUILT = ['main/main.js', 'preload/preload.cjs', 'renderer/index.html'];

/**
 * A private copy of dist/ (main finds preload and renderer relative to its own bundle): dist/ is
 * shared with everyone's `npm run build`, which deletes it first, and a rebuild in the middle of a
 * run made the app refuse its own window. Full runs rebuild when stale; quick runs take what exists.
 */
export async function privateBuild(quick: boolean): Promise<{ dir: string; main: string }> {
  const { ensureBuilt } = await import('../../test/electron-standin/ensure-built');
  const dir = mkdtempSync(join(tmpdir(), 'lp-bench-dist-'));
  for (let attempt = 1; ; attempt++) {
    ensureBuilt({ fresh: !quick });
    try {
      cpSync(join(projectRoot, 'dist'), dir, { recursive: true });
      if (BUILT.every((f) => existsSync(join(dir, f)))) return { dir, main: join(dir, 'main', 'main.js') };
    } catch {
      // a rebuild removed dist/ while copying: try again
    }
    if (attempt >= 3) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error('could not copy a complete dist/ (someone keeps rebuilding it)');
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** One launched, signed-in app with the ring observer installed. */
export async function launchSignedIn(launchStandin: () => Promise<StandinApp>, ready: ChildMsg): Promise<{ app: StandinApp; page: Page }> {
  const app = await launchStandin();
  try {
    // A loaded machine can take longer to show the window than the stand-in's default wait.
    await app.waitFor((s) => (s.windows[0]?.loaded ? true : undefined), { timeout: 60_000, what: 'the first window to load' });
    const page = await app.firstWindow();
    const login = await page.evaluate((args) => (window as unknown as { lp: { sessionLogin(a: unknown): Promise<unknown> } }).lp.sessionLogin(args), {
      accountId: String(ready.accountId), username: String(ready.username), password: String(ready.password), remember: false, csdsUrl: String(ready.csdsUrl),
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const phase = await page.evaluate(async () => {
        const snap = await (window as unknown as { lp: { sessionSnapshot(): Promise<{ session?: { connection?: { phase?: string } } }> } }).lp.sessionSnapshot();
        return snap.session?.connection?.phase ?? 'unknown';
      });
      if (phase === 'online') break;
      if (Date.now() > deadline) throw new Error(`the app did not get online after sessionLogin (phase ${phase}, login result ${JSON.stringify(login).slice(0, 120)})`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await app.setWindowFocused(false);
    // The page records when each ring row appears and when the frame after it was painted.
    await page.evaluate(OBSERVER);
    return { app, page };
  } catch (err) {
    await app.close().catch(() => undefined);
    throw new Error(`${errorText(err)} | app: ${app.logs.slice(-3).join(' | ')}`, { cause: err });
  }
}

/** BENCH_APP_DIST=<dir>: measure that built dist/ (another commit's app) under this tree's harness. */
function otherBuild(): { dir: string; main: string } | null {
  const from = process.env.BENCH_APP_DIST;
  if (!from) return null;
  const dir = mkdtempSync(join(tmpdir(), 'lp-bench-dist-'));
  cpSync(from, dir, { recursive: true });
  return { dir, main: join(dir, 'main', 'main.js') };
}

export async function measureRingsInApp(opts: { rings: number; quick: boolean; budgetMs: number; log: (l: string) => void }): Promise<AppRingResult> {
  const mainBundle = otherBuild() ?? await privateBuild(opts.quick);
  let tracing: RingTrace | null = null;
  const { launchStandin } = await import('../../test/electron-standin/launch');
  const host = spawnChild(join(projectRoot, 'bench/clients/sim-host.ts'));
  let current: { app: StandinApp; page: Page } | null = null;
  const result: AppRingResult = { missingNotifications: 0, rings: 0, launches: 0 };
  try {
    const ready = await host.next('ready', 20_000);
    let onRing: ((id: string, wall: number) => void) | null = null;
    host.on('ring', (m) => onRing?.(String(m.ringId), Number(m.wall)));
    const toNotification: number[] = [];
    const toArrived: number[] = [];
    const toInserted: number[] = [];
    const toPainted: number[] = [];
    const warm = { notification: [] as number[], painted: [] as number[] };
    const started = Date.now();
    let sinceLaunch = 0;
    while (result.rings < opts.rings) {
      if (Date.now() - started > opts.budgetMs) { result.stoppedEarly = `time budget of ${opts.budgetMs / 1000} s reached after ${result.rings} measured rings`; break; }
      if (!current || sinceLaunch >= WARMUP_PER_LAUNCH(opts.quick) + RINGS_PER_LAUNCH) {
        if (tracing) { await stopRingTrace(tracing, opts.log); tracing = null; }
        await current?.app.close().catch(() => undefined);
        current = null;
        current = await launchSignedIn(() => launchStandin({ main: mainBundle.main }), ready);
        result.launches = (result.launches ?? 0) + 1;
        if (result.launches === 1) tracing = await startRingTrace(current.page);
        sinceLaunch = 0;
      }
      const { app: standin, page } = current;
      const warmup = sinceLaunch < WARMUP_PER_LAUNCH(opts.quick);
      sinceLaunch++;
      const before = standin.notifications().length;
      const ringSent = new Promise<{ id: string; wall: number }>((res) => {
        onRing = (id, wall) => { onRing = null; res({ id, wall }); };
      });
      // The page answers this when the next ring is painted. CDP runs a session's commands in order, so
      // once the empty evaluate after it has answered, the page is waiting: from the ring's send to its
      // paint the harness asks the page nothing (a command there runs on the page's main thread, in the
      // window being measured).
      const paintedInPage = page.evaluate('window.__benchNextPainted()') as Promise<PaintedRing>;
      await page.evaluate('0');
      // A random 0–17 ms pause (one frame period), so the ring's arrival is not locked to the page's
      // frames by the previous ring's rAF-polled wait (its row's removal): a real ring lands anywhere in
      // the period (bench/README.md, ring notes). BENCH_RING_DEPHASE=0: no pause (the locked timing).
      if (DEPHASE) await new Promise((r) => setTimeout(r, Math.random() * 17));
      host.send({ t: 'open' });
      // The notification call in main: the stand-in stamps each show() with main's wall clock.
      const notified = standin.waitFor((s) => s.notifications[before]?.shownAt[0], { timeout: 3000, what: 'a ring notification' }).then((at) => at, () => null);
      const { id, wall } = await ringSent;
      const opened = await host.next('opened', 5000);
      const painted = await withTimeout(paintedInPage, 5000, `paint of ring ${id} in the page`);
      if (painted.ring !== id) throw new Error(`the page painted ring ${painted.ring} where ${id} was expected`);
      const n = await notified;
      if (warmup) {
        if (n !== null) warm.notification.push(n - wall);
        if (painted?.painted !== undefined) warm.painted.push(painted.painted - wall);
      } else {
        if (n === null) result.missingNotifications++;
        else toNotification.push(n - wall);
        if (painted) {
          if (painted.arrived !== undefined) toArrived.push(painted.arrived - wall);
          toInserted.push(painted.inserted - wall);
          if (painted.painted !== undefined) toPainted.push(painted.painted - wall);
        }
        result.rings++;
      }
      host.send({ t: 'close', conversationId: String(opened.conversationId) });
      await host.next('closed', 5000);
      await page.waitForFunction((rid) => !document.querySelector(`[data-ring-id="${CSS.escape(rid)}"]`), id, { timeout: 5000 }).catch(() => undefined);
      // The recorded state's size as the test holds it. The stand-in pushes only its changes (state-feed.ts), so this
      // no longer costs main per change; kept to compare with runs from before that.
      result.standinStateBytesMax = Math.max(result.standinStateBytesMax ?? 0, sinceLaunch % 50 === 0 || result.rings === opts.rings ? JSON.stringify(standin.state ?? {}).length : 0);
    }
    if (tracing) { await stopRingTrace(tracing, opts.log); tracing = null; }
    result.warmup = { rings: warm.painted.length, painted: rounded(summarize(warm.painted)), notification: rounded(summarize(warm.notification)) };
    // p50 per quarter of the run: shows whether the latency drifts (e.g. as the stand-in's recorded state grows).
    const quarters = (xs: number[]): number[] => [0, 1, 2, 3].map((q) => Math.round(summarize(xs.slice(Math.floor((q * xs.length) / 4), Math.floor(((q + 1) * xs.length) / 4))).p50 * 10) / 10);
    result.p50ByQuarter = { notification: quarters(toNotification), painted: quarters(toPainted) };
    if (toNotification.length) result.notification = rounded(summarize(toNotification));
    if (toArrived.length) result.arrived = rounded(summarize(toArrived));
    if (toInserted.length) result.inserted = rounded(summarize(toInserted));
    if (toPainted.length) result.painted = rounded(summarize(toPainted));
    opts.log(`ring-latency (app): ${result.rings} rings over ${result.launches} launches; notification p99 ${result.notification?.p99 ?? '—'} ms; painted p99 ${result.painted?.p99 ?? '—'} ms`);
    return result;
  } finally {
    await current?.app.close().catch(() => undefined);
    await host.kill();
    rmSync(mainBundle.dir, { recursive: true, force: true });
  }
}
