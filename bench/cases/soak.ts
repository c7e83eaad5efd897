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
 * back to their baseline. The DOM figure is Blink's `Nodes` minus the Attr nodes of elements in the
 * document (harnessAttrNodes: the harness's Playwright clicks make them), every node sorted from the
 * renderer's heap snapshot at both points (snapshotDomNodes); the raw figures are in the row's note.
 * A time budget stops a slow run early and says so (the rows then cover the conversations done).
 * BENCH_HEAP_SNAPSHOTS=<dir>: main's and the renderer's heap snapshots at baseline and end
 * (soak-main/renderer-start/end.heapsnapshot; compare them in Chrome DevTools → Memory).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { RecordedMenuItem, StandinApp } from '../../test/electron-standin/launch';
import { appPrerequisites, launchAppOnSim, type SignedInApp } from '../lib/app-launch';
import { acceptJs, censusChange, closeJs, conversationRowSelector, domCensus, listenerCensus, mb, pageCounts, type PageCounts } from '../lib/app-session';
import type { BenchChild } from '../lib/child';
import { detachedNodes, pageHeapSnapshot, snapshotDomNodes, type DetachedNode, type SnapshotDomNodes } from '../lib/heap-detached';
import { censusDelta, cpuCensus } from '../lib/proc';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';

const MAIN = { case: 'soak', figure: 'main heap growth after GC', goal: '≤ 10 MB', goalValue: 10, direction: 'max', unit: 'MB' } as const;
const RENDERER = { case: 'soak', figure: 'renderer heap growth after GC', goal: '≤ 20 MB', goalValue: 20, direction: 'max', unit: 'MB' } as const;
const back = (figure: string) => ({ case: 'soak', figure, goal: '≤ baseline', direction: 'max', unit: '' } as const);
const COUNTS = ['DOM nodes (end vs baseline)', 'JS event listeners (end vs baseline)', 'notifications shown (end vs baseline)', 'tray menu items (end vs baseline)'] as const;

const MESSAGES_EACH_WAY = 20;
/** Conversations in flight at once: each lane runs one conversation after the other. */
const LANES = 12;
/** Every SCREEN_EVERY-th conversation is opened on screen (thread and composer mount and unmount). */
const SCREEN_EVERY = 8;

/**
 * In the page: records each conversation's last consumer message as it arrives (the bench's own
 * probe; a key is dropped once its conversation awaited it, so the probe holds nothing at the end).
 * And the sounds playing: the app plays each alert through a Web Audio AudioBufferSourceNode with an
 * 'ended' listener (src-renderer/lib/sounds.ts), alive while it sounds and counted in
 * `JSEventListeners` until then; the window is unfocused, so the last conversations' alerts may still
 * sound when the end is measured. `window.__soak.quiet()` resolves once none is playing.
 */
const PROBE = `(() => {
  const w = window.__soak = { arrived: new Set(), waiting: new Map(), playing: new Set(), quietWaiters: [] };
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (...args) {
    const source = this;
    const r = start.apply(source, args);
    w.playing.add(source);
    source.addEventListener('ended', () => {
      w.playing.delete(source);
      if (w.playing.size === 0) for (const done of w.quietWaiters.splice(0)) done();
    }, { once: true });
    return r;
  };
  // Resolves with the number still playing: 0, or what still plays after limitMs (a safety net: a sound whose context was closed never ends).
  w.quiet = (limitMs) => w.playing.size === 0 ? Promise.resolve(0) : new Promise((resolve) => {
    const timer = setTimeout(() => resolve(w.playing.size), limitMs);
    w.quietWaiters.push(() => { clearTimeout(timer); resolve(0); });
  });
  window.lp.onMessageUpsert((m) => {
    if (m.role !== 'CONSUMER') return;
    const key = m.conversationId + '|' + m.text;
    const resolve = w.waiting.get(key);
    if (resolve) resolve(); else if (/ ${MESSAGES_EACH_WAY - 1}$/.test(m.text || '')) w.arrived.add(key);
  });
})()`;

/**
 * In the page, one round trip for the rest of a conversation once accepted: the agent sends its
 * messages one after the other (each acknowledged), the consumer's last message is awaited (it may
 * have come already), then the agent closes the conversation and it is gone from the app's list.
 * `agentLast` (the conversations opened on screen): the agent starts only once the consumer's last
 * message is in, so the thread left on screen ends with the same rows every time. Sent side by side,
 * the mix of consumer and agent rows in its last screenful varied with timing (an agent row has a
 * delivery line, so fewer fit), and the DOM row compared two different mixes: 372 → 386 nodes in one
 * run (2026-12-08 04:44), all of it message rows in the document (`domChange`), none detached.
 */
const conversationJs = (cid: string, tag: string, ms: number, agentLast: boolean): string => `(async () => {
  const w = window.__soak; const cid = ${JSON.stringify(cid)}; const key = cid + '|' + ${JSON.stringify(`${tag} ${MESSAGES_EACH_WAY - 1}`)};
  const consumerDone = new Promise((resolve) => {
    if (w.arrived.delete(key)) resolve(); else w.waiting.set(key, () => { w.waiting.delete(key); resolve(); });
  });
  let timer;
  const limit = new Promise((_r, reject) => { timer = setTimeout(() => reject(new Error('conversation ' + cid + ' did not finish within ${ms} ms')), ${ms}); });
  const work = (async () => {
    ${agentLast ? 'await consumerDone;' : ''}
    for (let k = 0; k < ${MESSAGES_EACH_WAY}; k++) await window.lp.messageSend({ conversationId: cid, text: 'agent ${tag} ' + k });
    await consumerDone;
    await ${closeJs(cid, ms)};
  })();
  try { await Promise.race([work, limit]); } finally { clearTimeout(timer); w.waiting.delete(key); }
  return true;
})()`;
/** The bench's own page records (ring observer of launchSignedIn) are emptied before each measurement. */
const CLEAR_BENCH_RECORDS = `(() => { window.__benchRings = {}; window.__benchArrived = {}; })()`;

function menuItems(items: readonly RecordedMenuItem[] | null): number {
  let n = 0;
  for (const i of items ?? []) n += 1 + menuItems(i.submenu ?? null);
  return n;
}

interface Point { soundsPlaying: number; soundsStillPlaying: number; main: number; mainGc: boolean; page: PageCounts; listenersBy: Record<string, number>; domBy: Record<string, number>; banners: string[]; notifications: number; trayItems: number; snapshot: string; dom: SnapshotDomNodes }

/**
 * The in-window notices ("The conversation was closed." after each close of the conversation on
 * screen) stay until the agent dismisses them, at most 5 (reducer.ts addBanner): the stack fills up
 * over the first on-screen closes, so without dismissing them the baseline's DOM nodes and listeners
 * would depend on how many conversations ran before it. Dismissed (their × button, as the agent
 * would) before both measurements; their texts are kept in the JSON.
 */
async function dismissBanners(page: Page): Promise<string[]> {
  const texts = await page.evaluate('[...document.querySelectorAll(".banner .banner-text")].map((b) => b.textContent)') as string[];
  const close = page.locator('.banner > button:last-child');
  for (let left = await close.count(), tries = 0; left > 0 && tries < 20; left = await close.count(), tries++) await close.first().click();
  return texts;
}

async function measure(app: StandinApp, page: Page, cdp: CDPSession): Promise<Point> {
  const banners = await dismissBanners(page);
  // The alerts still sounding end first (their 'ended' listeners are the app's, alive only while they play).
  const soundsPlaying = await page.evaluate('window.__soak.playing.size') as number;
  const soundsStillPlaying = await page.evaluate('window.__soak.quiet(10000)') as number;
  await page.evaluate(CLEAR_BENCH_RECORDS);
  await app.forgetHistory();
  const heap = await app.mainHeap();
  const state = await app.snapshot();
  const trayItems = state.trays.filter((t) => !t.destroyed).reduce((n, t) => n + menuItems(t.menu), 0);
  const counts = await pageCounts(cdp);
  const listenersBy = await listenerCensus(cdp);
  const domBy = await domCensus(cdp);
  // Every node Blink counts, sorted (attached, detached, Attr nodes by owner, UA shadow trees): nothing ran in the page since the counts.
  const snapshot = await pageHeapSnapshot(cdp);
  return { soundsPlaying, soundsStillPlaying, main: heap.heapUsed, mainGc: heap.gc, page: counts, listenersBy, domBy, banners, notifications: heap.liveNotifications, trayItems, snapshot, dom: snapshotDomNodes(snapshot) };
}

/**
 * Attr nodes whose owner element is in the document: attributes the HARNESS turned into nodes.
 * Playwright describes elements by their attributes (injected script `previewNode`: `element.attributes`,
 * for "locator resolved to <…>", an element handle's preview, "<…> intercepts pointer events" when a
 * click's point hits another element), and each attribute read that way stays an Attr node, counted in
 * Blink's `Nodes`, while its element lives; the app never reads `element.attributes`. Which
 * long-lived elements a click happened to hit decides how many: bounded by their attributes.
 */
const harnessAttrNodes = (dom: SnapshotDomNodes): number =>
  Object.entries(dom.attr).reduce((n, [owner, k]) => n + (owner.startsWith('<') ? k : 0), 0);

/** The renderer's heap snapshot (`<base>.heapsnapshot`) and its detached DOM nodes with their retainer paths (`<base>-detached.json`). */
function rendererSnapshot(text: string, base: string, log: (line: string) => void): void {
  writeFileSync(`${base}.heapsnapshot`, text);
  const detached = detachedNodes(text);
  writeFileSync(`${base}-detached.json`, JSON.stringify(detached, null, 1));
  log(`soak: renderer heap snapshot → ${base}.heapsnapshot; ${detached.length} detached DOM nodes → ${base}-detached.json`);
}

/** Detached nodes grouped by name and the last steps of their retainer path (the JSON's `detachedAtEnd`). */
function summariseDetached(nodes: DetachedNode[]): Array<{ name: string; count: number; retainers: string[] }> {
  const groups = new Map<string, { name: string; count: number; retainers: string[] }>();
  for (const n of nodes) {
    const retainers = n.retainers.slice(-10);
    const key = `${n.name}\n${retainers.join('\n')}`;
    const g = groups.get(key);
    if (g) g.count += 1; else groups.set(key, { name: n.name, count: 1, retainers });
  }
  return [...groups.values()];
}

/** One point of the per-100 census: after two forced GCs, Blink's live counters (CDP Memory.getDOMCounters) and the nodes in the document. */
interface CensusPoint { conversations: number; documents: number; nodes: number; inDocument: number; outside: number; listeners: number }
const CENSUS_EVERY = 100;

/**
 * Taken while the lanes keep running (the conversations in flight are in the document, so `nodes`
 * moves with them; `outside` = nodes − in the document is what no tree holds): says whether the
 * nodes outside the document grow with the number of conversations or stay bounded.
 */
async function censusPoint(cdp: CDPSession, conversations: number): Promise<CensusPoint> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const c = await cdp.send('Memory.getDOMCounters');
  const inDocument = (await domCensus(cdp))['(in document)'] ?? 0;
  return { conversations, documents: c.documents, nodes: c.nodes, inDocument, outside: c.nodes - inDocument, listeners: c.jsEventListeners };
}

/** Conversation `index`: ring → accepted in the app → 20 messages each way → closed by the agent. */
async function conversation(host: BenchChild, page: Page, index: number): Promise<void> {
  host.send({ t: 'open' });
  const cid = String((await host.next('opened', 30_000)).conversationId);
  await page.evaluate(acceptJs(cid, 30_000));
  const onScreen = index % SCREEN_EVERY === 0;
  if (onScreen) await page.locator(conversationRowSelector(cid)).click();
  const tag = `soak ${index}`;
  const rest = page.evaluate(conversationJs(cid, tag, 60_000, onScreen));
  host.send({ t: 'say', conversationId: cid, count: MESSAGES_EACH_WAY, tag });
  await rest;
}

/** `count` conversations from `first` on, LANES at a time; `after` runs once per finished conversation. */
async function conversations(host: BenchChild, page: Page, first: number, count: number, shouldStop: () => boolean, after: (done: number) => Promise<void>): Promise<number> {
  let next = first;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < first + count && !shouldStop()) {
      await conversation(host, page, next++);
      await after(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES, count) }, lane));
  return done;
}

export const soak: BenchCase = {
  name: 'soak',
  title: '1,000 conversations through the app (ring → accept → 20 messages each way → close): heap, DOM, listeners, notifications, tray back to baseline',
  async run({ quick, log }): Promise<CaseResult> {
    const sized = Number(process.env.BENCH_SOAK_CONVERSATIONS);
    const total = Number.isInteger(sized) && sized > 0 ? sized : quick ? 16 : 1000;
    const warmup = quick ? 8 : 32;
    // A safety net, not the plan: a run that cannot finish in this time stops and says how far it got.
    const budgetMs = quick ? 120_000 : Math.max(8 * 60_000, total * 600);
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { conversations: total, warmup, lanes: LANES, screenEvery: SCREEN_EVERY, messagesEachWay: MESSAGES_EACH_WAY };
    const missing = appPrerequisites();
    if (missing) return { rows: [notMeasuredRow(MAIN, missing), notMeasuredRow(RENDERER, missing), ...COUNTS.map((f) => notMeasuredRow({ ...back(f), goalValue: 0 }, missing))], raw };
    let launched: SignedInApp | null = null;
    try {
      launched = await launchAppOnSim({ quick, nodeArgs: ['--expose-gc'] });
      const { app, page, host } = launched;
      // sim-host reports each ring's send time and each 'say' done: not needed here (the page awaits the messages).
      host.on('ring', () => undefined);
      host.on('said', () => undefined);
      await page.evaluate(PROBE);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      // The stand-in's recorded history grows with use and would count as main's heap: dropped every few conversations.
      const forget = async (done: number): Promise<void> => { if (done % SCREEN_EVERY === 0) await app.forgetHistory(); };
      await conversations(host, page, 0, warmup, () => false, forget);
      const snapshots = process.env.BENCH_HEAP_SNAPSHOTS;
      if (snapshots) mkdirSync(snapshots, { recursive: true });
      const base = await measure(app, page, cdp);
      if (snapshots) {
        log(`soak: main heap snapshot → ${await app.mainHeapSnapshot(join(snapshots, 'soak-main-start.heapsnapshot'))}`);
        rendererSnapshot(base.snapshot, join(snapshots, 'soak-renderer-start'), log);
      }
      if (!base.mainGc) throw new Error('main runs without --expose-gc: no heap after GC');
      const pids = { sim: host.child.pid ?? 0, main: app.child.pid ?? 0 };
      const census0 = cpuCensus(pids);
      const t0 = performance.now();
      const overBudget = (): boolean => performance.now() - t0 > budgetMs;
      const census: CensusPoint[] = [await censusPoint(cdp, 0)];
      raw.census = census;
      const measuredConversations = await conversations(host, page, warmup, total, overBudget, async (done) => {
        await forget(done);
        if (done % CENSUS_EVERY === 0) {
          const p = await censusPoint(cdp, done);
          census.push(p);
          log(`soak: census ${JSON.stringify(p)}`);
        }
        if (done % 200 === 0) log(`soak: ${done} conversations, ${Math.round((performance.now() - t0) / 1000)} s`);
      });
      const stoppedEarly = measuredConversations < total ? `time budget of ${budgetMs / 1000} s reached after ${measuredConversations} conversations` : undefined;
      // Who spent the CPU (the app's main and renderer, Chromium, the simulator, this harness).
      raw.cpuSeconds = censusDelta(census0, cpuCensus(pids));
      log(`soak: CPU seconds by process ${JSON.stringify(raw.cpuSeconds)}`);
      const end = await measure(app, page, cdp);
      if (snapshots) {
        log(`soak: main heap snapshot → ${await app.mainHeapSnapshot(join(snapshots, 'soak-main-end.heapsnapshot'))}`);
        rendererSnapshot(end.snapshot, join(snapshots, 'soak-renderer-end'), log);
      }
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
      // The DOM figure: Blink's `Nodes` minus the Attr nodes of elements in the document, each one found
      // in the heap snapshot with its owner (harnessAttrNodes: the harness made them); the raw figures in the note.
      const appNodes = (p: Point): number => p.page.nodes - harnessAttrNodes(p.dom);
      const pairs: Array<[string, number, number]> = [
        [COUNTS[0], appNodes(base), appNodes(end)],
        [COUNTS[1], base.page.listeners, end.page.listeners],
        [COUNTS[2], base.notifications, end.notifications],
        [COUNTS[3], base.trayItems, end.trayItems],
      ];
      // Where the listeners changed, by target and type (document and window included; the rest of the total is off-document).
      const listenerChange = censusChange(base.listenersBy, end.listenersBy);
      raw.listenerChange = listenerChange;
      // Which nodes the DOM-node figure moved by: in the document by kind, and outside it (Nodes − in document).
      const domChange = censusChange(base.domBy, end.domBy);
      const outside = (p: Point): number => p.page.nodes - (p.domBy['(in document)'] ?? 0);
      raw.domChange = { ...domChange, '(outside the document)': outside(end) - outside(base) };
      raw.domCensus = { baseline: base.domBy, end: end.domBy };
      // Every node Blink counts, from the heap snapshots (`total` = `Nodes` when all are accounted for).
      raw.snapshotDomNodes = { baseline: base.dom, end: end.dom };
      // Detached nodes still alive at the end (none expected): what they are and what holds them.
      if (end.dom.detached > 0) raw.detachedAtEnd = summariseDetached(detachedNodes(end.snapshot));
      log(`soak: DOM nodes changed by ${JSON.stringify(raw.domChange)}; Attr nodes ${base.dom.attrTotal} → ${end.dom.attrTotal} ${JSON.stringify(end.dom.attr)}`);
      const accounted = (p: Point): string => `${p.dom.total} of ${p.page.nodes}`;
      const domNote = `Blink's Nodes ${base.page.nodes} → ${end.page.nodes}, of which Attr nodes of elements in the document ${harnessAttrNodes(base.dom)} → ${harnessAttrNodes(end.dom)} (made by the harness's Playwright clicks, not counted here; by owner at the end: ${JSON.stringify(end.dom.attr)}); heap snapshots account for ${accounted(base)} and ${accounted(end)} nodes, ${end.dom.detached} detached at the end`;
      raw.bannersDismissed = { baseline: base.banners, end: end.banners };
      // Alerts sounding when the figures were due (waited for) and still sounding 10 s later (then counted in).
      raw.sounds = { playing: { baseline: base.soundsPlaying, end: end.soundsPlaying }, stillPlaying: { baseline: base.soundsStillPlaying, end: end.soundsStillPlaying } };
      const changed = Object.keys(listenerChange).length ? `; listeners changed on ${JSON.stringify(listenerChange)}` : '; no listener change on the document';
      for (const [figure, b, e] of pairs) rows.push(measuredRow({ ...back(figure), goal: `≤ ${b} (baseline)`, goalValue: b, measured: e, note: figure === COUNTS[1] ? `${of}${changed}` : figure === COUNTS[0] ? `${of}; ${domNote}` : of }));
      raw.growthPerConversationBytes = { main: Math.round((end.main - base.main) / Math.max(1, measuredConversations)), renderer: Math.round((end.page.heapUsed - base.page.heapUsed) / Math.max(1, measuredConversations)) };
    } catch (err) {
      const why = `soak run failed: ${errorText(err)}`;
      for (const r of [MAIN, RENDERER]) if (!rows.some((x) => x.figure === r.figure)) rows.push(notMeasuredRow(r, why));
      for (const f of COUNTS) if (!rows.some((x) => x.figure === f)) rows.push(notMeasuredRow({ ...back(f), goalValue: 0 }, why));
    } finally {
      await launched?.close();
    }
    return { rows, raw };
  },
};
