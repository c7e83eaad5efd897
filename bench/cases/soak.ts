/**
 * Shift soak (issue #15.4): N conversations through the RUNNING APP (built main + preload + renderer
 * on the Electron stand-in, Chromium; main run with --expose-gc), signed in (live mode) to the
 * bench's simulator in its own process (bench/clients/sim-host.ts), window unfocused (rings and
 * messages alert, as during a shift spent in other windows). Each conversation: ring → accepted in
 * the app → 20 consumer messages and 20 agent messages (window.lp.messageSend, acknowledged) → the
 * agent closes it. BATCH conversations run side by side; the first of each batch is opened on screen
 * (thread and composer mount and unmount).
 * Measured after a warm-up (WARMUP conversations, so caches and JIT are settled) and at the end, the
 * same way: main's heap after GC (the stand-in's recorded history dropped first: it is the test
 * harness's, not the app's; MainHeap in test/electron-standin/protocol.ts), the renderer's heap after
 * GC (CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage), DOM nodes and JS event listeners
 * (CDP Performance.getMetrics `Nodes`, `JSEventListeners`), notifications still shown, tray menu items.
 * Goals: heap growth ≤ 10 MB main, ≤ 20 MB renderer; nodes, listeners, notifications, tray items
 * back to their baseline. A time budget stops a slow run early and says so (the rows then cover the
 * conversations done). BENCH_HEAP_SNAPSHOTS=<dir>: main's V8 heap snapshots at baseline and end
 * (soak-main-start/end.heapsnapshot; compare them in Chrome DevTools → Memory).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { RecordedMenuItem, StandinApp } from '../../test/electron-standin/launch';
import { closeJs, conversationRowSelector, mb, openAndAcceptMany, pageCounts, type PageCounts } from '../lib/app-session';
import { spawnChild, type BenchChild } from '../lib/child';
import { projectRoot } from '../lib/core';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';
import { appPrerequisites, launchSignedIn, privateBuild } from './ring-app';

const MAIN = { case: 'soak', figure: 'main heap growth after GC', goal: '≤ 10 MB', goalValue: 10, direction: 'max', unit: 'MB' } as const;
const RENDERER = { case: 'soak', figure: 'renderer heap growth after GC', goal: '≤ 20 MB', goalValue: 20, direction: 'max', unit: 'MB' } as const;
const back = (figure: string) => ({ case: 'soak', figure, goal: '≤ baseline', direction: 'max', unit: '' } as const);
const COUNTS = ['DOM nodes (end vs baseline)', 'JS event listeners (end vs baseline)', 'notifications shown (end vs baseline)', 'tray menu items (end vs baseline)'] as const;

const MESSAGES_EACH_WAY = 20;
const BATCH = 8;

/** In the page: waiters for a consumer message (conversation id + text), armed before the simulator sends it. */
const PROBE = `(() => {
  const w = window.__soak = { pending: {} };
  window.lp.onMessageUpsert((m) => {
    if (m.role !== 'CONSUMER') return;
    const p = w.pending[m.conversationId + '|' + m.text];
    if (p) p.resolve(true);
  });
})()`;
const armJs = (key: string): string => `(() => {
  const w = window.__soak; const key = ${JSON.stringify(key)};
  let resolve; const promise = new Promise((r) => { resolve = r; });
  w.pending[key] = { resolve, promise };
})()`;
const awaitJs = (key: string, ms: number): string => `(() => {
  const w = window.__soak; const key = ${JSON.stringify(key)}; const p = w.pending[key];
  let timer;
  const limit = new Promise((_r, reject) => { timer = setTimeout(() => reject(new Error('no consumer message ' + key + ' within ${ms} ms')), ${ms}); });
  return Promise.race([p.promise, limit]).finally(() => { clearTimeout(timer); delete w.pending[key]; });
})()`;
/** In the page: the agent's messages, one after the other (each acknowledged), in each conversation side by side. */
const agentSendsJs = (ids: string[], tag: string): string => `Promise.all(${JSON.stringify(ids)}.map(async (cid) => {
  for (let k = 0; k < ${MESSAGES_EACH_WAY}; k++) await window.lp.messageSend({ conversationId: cid, text: 'agent ${tag} ' + k });
}))`;
/** The bench's own page records (ring observer of launchSignedIn) are emptied before each measurement. */
const CLEAR_BENCH_RECORDS = `(() => { window.__benchRings = {}; window.__benchArrived = {}; })()`;

function menuItems(items: readonly RecordedMenuItem[] | null): number {
  let n = 0;
  for (const i of items ?? []) n += 1 + menuItems(i.submenu ?? null);
  return n;
}

interface Point { main: number; mainGc: boolean; page: PageCounts; notifications: number; trayItems: number }

async function measure(app: StandinApp, page: Page, cdp: CDPSession): Promise<Point> {
  await page.evaluate(CLEAR_BENCH_RECORDS);
  await app.forgetHistory();
  const heap = await app.mainHeap();
  const state = await app.snapshot();
  const trayItems = state.trays.filter((t) => !t.destroyed).reduce((n, t) => n + menuItems(t.menu), 0);
  return { main: heap.heapUsed, mainGc: heap.gc, page: await pageCounts(cdp), notifications: heap.liveNotifications, trayItems };
}

async function batch(host: BenchChild, page: Page, first: number, size: number): Promise<void> {
  const ids = await openAndAcceptMany(host, page, size);
  await page.locator(conversationRowSelector(ids[0]!)).click();
  const keys = ids.map((id, i) => `${id}|soak ${first + i} ${MESSAGES_EACH_WAY - 1}`);
  for (const key of keys) await page.evaluate(armJs(key));
  ids.forEach((id, i) => host.send({ t: 'say', conversationId: id, count: MESSAGES_EACH_WAY, tag: `soak ${first + i}` }));
  for (let i = 0; i < size; i++) await host.next('said', 30_000);
  await page.evaluate(agentSendsJs(ids, String(first)));
  await Promise.all(keys.map((key) => page.evaluate(awaitJs(key, 30_000))));
  await Promise.all(ids.map((id) => page.evaluate(closeJs(id, 20_000))));
}

export const soak: BenchCase = {
  name: 'soak',
  title: '1,000 conversations through the app (ring → accept → 20 messages each way → close): heap, DOM, listeners, notifications, tray back to baseline',
  async run({ quick, log }): Promise<CaseResult> {
    const conversations = quick ? 16 : 1000;
    const warmup = quick ? BATCH : 4 * BATCH;
    // The whole bench should stay near 10 minutes on 2 cores: a run slower than this stops early and says how far it got.
    const budgetMs = quick ? 120_000 : 4 * 60_000;
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { conversations, warmup, batch: BATCH, messagesEachWay: MESSAGES_EACH_WAY };
    const missing = appPrerequisites();
    if (missing) return { rows: [notMeasuredRow(MAIN, missing), notMeasuredRow(RENDERER, missing), ...COUNTS.map((f) => notMeasuredRow({ ...back(f), goalValue: 0 }, missing))], raw };
    const build = await privateBuild(quick);
    const { launchStandin } = await import('../../test/electron-standin/launch');
    const host: BenchChild = spawnChild(join(projectRoot, 'bench/clients/sim-host.ts'), { env: { BENCH_RING_EXPIRATION_MS: '600000' } });
    let app: StandinApp | null = null;
    try {
      const ready = await host.next('ready', 20_000);
      const launched = await launchSignedIn(() => launchStandin({ main: build.main, nodeArgs: ['--expose-gc'] }), ready);
      app = launched.app;
      const page = launched.page;
      await page.evaluate(PROBE);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      let done = 0;
      for (; done < warmup; done += BATCH) await batch(host, page, done, BATCH);
      const snapshots = process.env.BENCH_HEAP_SNAPSHOTS;
      if (snapshots) mkdirSync(snapshots, { recursive: true });
      const base = await measure(app, page, cdp);
      if (snapshots) log(`soak: main heap snapshot → ${await app.mainHeapSnapshot(join(snapshots, 'soak-main-start.heapsnapshot'))}`);
      if (!base.mainGc) throw new Error('main runs without --expose-gc: no heap after GC');
      const t0 = performance.now();
      let measuredConversations = 0;
      let stoppedEarly: string | undefined;
      while (measuredConversations < conversations) {
        if (performance.now() - t0 > budgetMs) { stoppedEarly = `time budget of ${budgetMs / 1000} s reached after ${measuredConversations} conversations`; break; }
        const size = Math.min(BATCH, conversations - measuredConversations);
        await batch(host, page, done, size);
        done += size;
        measuredConversations += size;
        // The stand-in pushes its whole recorded state on every change: its history is dropped now and then.
        if (measuredConversations % (4 * BATCH) === 0) await app.forgetHistory();
        if (measuredConversations % 200 === 0) log(`soak: ${measuredConversations} conversations, ${Math.round((performance.now() - t0) / 1000)} s`);
      }
      const end = await measure(app, page, cdp);
      if (snapshots) log(`soak: main heap snapshot → ${await app.mainHeapSnapshot(join(snapshots, 'soak-main-end.heapsnapshot'))}`);
      const seconds = Math.round((performance.now() - t0) / 1000);
      const of = `over ${measuredConversations} conversations in ${seconds} s${stoppedEarly ? ` (${stoppedEarly})` : ''}`;
      raw.measuredConversations = measuredConversations;
      raw.seconds = seconds;
      if (stoppedEarly) raw.stoppedEarly = stoppedEarly;
      raw.baseline = { mainMb: mb(base.main), rendererMb: mb(base.page.heapUsed), nodes: base.page.nodes, listeners: base.page.listeners, notifications: base.notifications, trayItems: base.trayItems };
      raw.end = { mainMb: mb(end.main), rendererMb: mb(end.page.heapUsed), nodes: end.page.nodes, listeners: end.page.listeners, notifications: end.notifications, trayItems: end.trayItems };
      log(`soak: ${of}; main ${mb(base.main)} → ${mb(end.main)} MB, renderer ${mb(base.page.heapUsed)} → ${mb(end.page.heapUsed)} MB, nodes ${base.page.nodes} → ${end.page.nodes}, listeners ${base.page.listeners} → ${end.page.listeners}`);
      rows.push(measuredRow({ ...MAIN, measured: mb(end.main - base.main), note: `${mb(base.main)} → ${mb(end.main)} MB ${of}; per conversation ${Math.round((end.main - base.main) / Math.max(1, measuredConversations))} B` }));
      rows.push(measuredRow({ ...RENDERER, measured: mb(end.page.heapUsed - base.page.heapUsed), note: `${mb(base.page.heapUsed)} → ${mb(end.page.heapUsed)} MB ${of}; per conversation ${Math.round((end.page.heapUsed - base.page.heapUsed) / Math.max(1, measuredConversations))} B` }));
      const pairs: Array<[string, number, number]> = [
        [COUNTS[0], base.page.nodes, end.page.nodes],
        [COUNTS[1], base.page.listeners, end.page.listeners],
        [COUNTS[2], base.notifications, end.notifications],
        [COUNTS[3], base.trayItems, end.trayItems],
      ];
      for (const [figure, b, e] of pairs) rows.push(measuredRow({ ...back(figure), goal: `≤ ${b} (baseline)`, goalValue: b, measured: e, note: of }));
      raw.growthPerConversationBytes = { main: Math.round((end.main - base.main) / Math.max(1, measuredConversations)), renderer: Math.round((end.page.heapUsed - base.page.heapUsed) / Math.max(1, measuredConversations)) };
    } catch (err) {
      const why = `soak run failed: ${errorText(err)}`;
      for (const r of [MAIN, RENDERER]) if (!rows.some((x) => x.figure === r.figure)) rows.push(notMeasuredRow(r, why));
      for (const f of COUNTS) if (!rows.some((x) => x.figure === f)) rows.push(notMeasuredRow({ ...back(f), goalValue: 0 }, why));
    } finally {
      await app?.close().catch(() => undefined);
      await host.kill();
      rmSync(build.dir, { recursive: true, force: true });
    }
    return { rows, raw };
  },
};
