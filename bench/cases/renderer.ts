/**
 * 4. Renderer: the conversation thread with 10,000 messages, then 1,000 more appended one by one.
 * The real Thread (src-renderer/components/Thread.tsx, react-virtuoso) inside the real store
 * (src-renderer/state/store.ts + StoreContext from state/hooks.ts), bundled with esbuild (React
 * included, production build, the app stylesheet and the app's i18next instance and provider when
 * there are) and run in Debian's Chromium
 * via playwright-core, headless. The 10,000 messages arrive the way the app loads them (the Thread
 * asks `lp.conversationHistory`, a fake LpApi answers); each append is the IPC event the store gets
 * for a new message (`message/upsert`). The store keeps only the newest messages of a long
 * conversation (its message window, src-renderer/state/messages.ts MESSAGES_KEPT) and counts the
 * rest as not kept: "arrived" = kept + not kept; raw.storeKeeps says how many it held at the end.
 * Errors thrown or logged in the page are part of the "not measured" reason.
 * Per-append time = store dispatch → React commit (flushSync) → style + layout (forced by reading
 * offsetHeight), measured in the page with performance.now(); one animation frame is let pass
 * between appends so the list's own follow-up work (resize observers, follow-output) runs outside
 * the next sample. Nodes = elements marked data-testid="message" (MessageItem) at the end.
 * BENCH_RENDERER_PROF=<dir>: the page is bundled unminified and the appends' CPU profile (CDP
 * Profiler, 100 µs sampling) is written there (renderer-append.cpuprofile) with its top self-time
 * functions (renderer-append-top.txt).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../lib/core';
import { formatTop, topSelfTime, type CpuProfile } from '../lib/profile';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';
import { rounded, summarize } from '../lib/stats';

const P99 = { case: 'renderer', figure: 'append one message to the thread, p99', goal: '≤ 16 ms', goalValue: 16, direction: 'max', unit: 'ms' } as const;
const NODES = { case: 'renderer', figure: 'message nodes in the DOM at the end', goal: '≤ 500', goalValue: 500, direction: 'max', unit: 'nodes' } as const;
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
const PROF_DIR = process.env.BENCH_RENDERER_PROF;
const NEEDED = ['src-renderer/components/Thread.tsx', 'src-renderer/state/store.ts', 'src-renderer/state/hooks.ts'];

/** The page's entry (plain JSX, bundled by esbuild). */
function entry(initial: number, withCss: boolean, withI18n: boolean): string {
  const r = (p: string): string => JSON.stringify(join(projectRoot, p));
  // The app's own i18next instance and provider (App.tsx), so the Thread renders its real words.
  const i18n = withI18n
    ? { imports: `import { I18nextProvider } from 'react-i18next';\nimport { i18n } from ${r('src-renderer/i18n.ts')};`, wrap: (el: string) => `createElement(I18nextProvider, { i18n }, ${el})` }
    : { imports: '', wrap: (el: string) => el };
  return `
${i18n.imports}
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { Thread } from ${r('src-renderer/components/Thread.tsx')};
import { createStore } from ${r('src-renderer/state/store.ts')};
import { StoreContext } from ${r('src-renderer/state/hooks.ts')};
${withCss ? `import ${r('src-renderer/styles.css')};` : ''}
const CID = 'c1-7f3c2a10-5b7e-4c1d-9a51';
const make = (i) => ({ conversationId: CID, sequence: i, originatorId: i % 3 ? 'consumer-1' : '70071234.1000001', role: i % 3 ? 'CONSUMER' : 'AGENT', own: i % 3 === 0, contentType: 'text/plain', text: 'Message ' + i + ': my order has not arrived yet, could you check the tracking number for me? ' + (i % 7 === 0 ? 'It was supposed to be here on Monday and nobody answers the phone.' : ''), timestamp: 1764000000000 + i * 1000, ...(i % 3 === 0 ? { delivery: 'read' } : {}) });
const history = Array.from({ length: ${initial} }, (_, i) => make(i));
const conversation = { conversationId: CID, state: 'OPEN', skillId: '13', consumerId: 'consumer-1', consumerName: 'Ann Lee', participants: [], mine: true, startTs: 1764000000000, lastUpdateTs: 1764000000000, unread: 0 };
const calls = {};
const lp = new Proxy({}, { get: (_t, name) => (...args) => { calls[name] = (calls[name] || 0) + 1; if (name === 'conversationHistory') return Promise.resolve(history); if (typeof name === 'string' && name.startsWith('on')) return () => {}; return Promise.resolve(undefined); } });
const store = createStore(lp);
store.dispatch({ type: 'event', name: 'conversation/upsert', data: conversation, at: Date.now() });
const root = createRoot(document.getElementById('root'));
flushSync(() => root.render(${i18n.wrap(`createElement(StoreContext.Provider, { value: store }, createElement('div', { style: { height: '700px', width: '640px', display: 'flex', flexDirection: 'column' } }, createElement(Thread, { conversation })))`)}));
const frame = () => new Promise((res) => requestAnimationFrame(() => res()));
let next = ${initial};
window.__bench = {
  // Messages the thread knows of: the store keeps only the newest of a long conversation (its
  // message window) and counts the rest as not kept; both together are what was delivered.
  kept: () => (store.getState().messages[CID] || []).length,
  count: () => (store.getState().messages[CID] || []).length + ((store.getState().messageWindows || {})[CID]?.notKept ?? 0),
  nodes: () => document.querySelectorAll('[data-testid="message"]').length,
  elements: () => document.getElementsByTagName('*').length,
  calls,
  async run(n) {
    const samples = [];
    for (let i = 0; i < n; i++) {
      const m = make(next++);
      const t0 = performance.now();
      flushSync(() => store.dispatch({ type: 'event', name: 'message/upsert', data: m, at: Date.now() }));
      void document.body.offsetHeight;
      samples.push(performance.now() - t0);
      await frame();
    }
    await frame();
    await frame();
    return samples;
  },
};
`;
}

interface BenchWindow { __bench: { kept(): number; count(): number; nodes(): number; elements(): number; calls: Record<string, number>; run(n: number): Promise<number[]> } }

export const renderer: BenchCase = {
  name: 'renderer',
  title: 'thread of 10,000 messages + 1,000 appends in Chromium',
  async run({ quick, log }): Promise<CaseResult> {
    const initial = quick ? 1000 : 10_000;
    const appends = quick ? 100 : 1000;
    const rows: Row[] = [];
    const missing = NEEDED.filter((p) => !existsSync(join(projectRoot, p)));
    if (missing.length) {
      const why = `the UI is not there yet: missing ${missing.join(', ')}`;
      return { rows: [notMeasuredRow(P99, why), notMeasuredRow(NODES, why)], raw: {} };
    }
    if (!existsSync(CHROMIUM)) {
      const why = `no Chromium at ${CHROMIUM} (apt install chromium, or set BENCH_CHROMIUM)`;
      return { rows: [notMeasuredRow(P99, why), notMeasuredRow(NODES, why)], raw: {} };
    }
    const dir = mkdtempSync(join(tmpdir(), 'lp-bench-ui-'));
    const pageErrors: string[] = [];
    try {
      const { build } = await import('esbuild');
      const file = join(dir, 'entry.jsx');
      const withCss = existsSync(join(projectRoot, 'src-renderer/styles.css'));
      writeFileSync(file, entry(initial, withCss, existsSync(join(projectRoot, 'src-renderer/i18n.ts'))));
      const out = await build({
        entryPoints: [file], bundle: true, write: false, outdir: dir, format: 'iife', jsx: 'automatic', minify: !PROF_DIR, logLevel: 'silent',
        define: { 'process.env.NODE_ENV': '"production"' }, nodePaths: [join(projectRoot, 'node_modules')],
        loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff2': 'dataurl' },
      });
      const js = out.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
      const css = out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
        // What went wrong in the page goes into the "not measured" reason, not just a timeout.
        page.on('pageerror', (err) => pageErrors.push(`page error: ${err.message}`));
        page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(`console.error: ${msg.text()}`); });
        await page.setContent('<!doctype html><html><body style="margin:0"><div id="root"></div></body></html>');
        if (css) await page.addStyleTag({ content: css });
        await page.addScriptTag({ content: js });
        await page.waitForFunction((n) => (window as unknown as BenchWindow).__bench.count() >= n && (window as unknown as BenchWindow).__bench.nodes() > 0, initial, { timeout: 30_000 })
          .catch(async (err: unknown) => {
            // Say how far it got: history asked for and delivered? rows drawn?
            const at = await page.evaluate(() => {
              const b = (window as unknown as Partial<BenchWindow>).__bench;
              return b ? { count: b.count(), kept: b.kept(), nodes: b.nodes(), calls: b.calls } : null;
            }).catch(() => null);
            throw new Error(`${errorText(err)} (${at ? `the store knows ${at.count} of ${initial} messages, keeps ${at.kept}; ${at.nodes} message nodes; lp calls ${JSON.stringify(at.calls)}` : 'the page script did not start'})`, { cause: err });
          });
        const cdp = PROF_DIR ? await page.context().newCDPSession(page) : null;
        if (cdp) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
          await cdp.send('Profiler.start');
        }
        const samples = await page.evaluate((n) => (window as unknown as BenchWindow).__bench.run(n), appends);
        if (cdp && PROF_DIR) {
          const { profile } = await cdp.send('Profiler.stop');
          mkdirSync(PROF_DIR, { recursive: true });
          writeFileSync(join(PROF_DIR, 'renderer-append.cpuprofile'), JSON.stringify(profile));
          writeFileSync(join(PROF_DIR, 'renderer-append-top.txt'), formatTop(topSelfTime(profile as unknown as CpuProfile, 30)));
          log(`renderer: CPU profile of the appends → ${PROF_DIR}/renderer-append.cpuprofile, top → renderer-append-top.txt`);
        }
        const nodes = await page.evaluate(() => (window as unknown as BenchWindow).__bench.nodes());
        const elements = await page.evaluate(() => (window as unknown as BenchWindow).__bench.elements());
        const count = await page.evaluate(() => (window as unknown as BenchWindow).__bench.count());
        const kept = await page.evaluate(() => (window as unknown as BenchWindow).__bench.kept());
        if (count !== initial + appends) throw new Error(`the store knows ${count} messages, expected ${initial + appends}`);
        const s = summarize(samples);
        log(`renderer: ${appends} appends to ${initial}, p99 ${s.p99.toFixed(2)} ms, ${nodes} message nodes`);
        const tag = quick ? ` (quick: ${initial} + ${appends})` : ` (${initial.toLocaleString('en-US')} + ${appends.toLocaleString('en-US')})`;
        rows.push(measuredRow({ ...P99, figure: P99.figure + tag, measured: s.p99, note: `n=${s.n}, p50 ${s.p50.toFixed(2)} ms` }));
        rows.push(measuredRow({ ...NODES, figure: NODES.figure + tag, measured: nodes, note: `${elements} DOM elements in all` }));
        return { rows, raw: { appends: rounded(s), messageNodes: nodes, domElements: elements, initial, storeKeeps: kept, css: !!css } };
      } finally {
        await browser.close();
      }
    } catch (err) {
      const seen = pageErrors.length ? ` | in the page: ${pageErrors.slice(0, 3).join(' | ').slice(0, 600)}${pageErrors.length > 3 ? ` (+${pageErrors.length - 3} more)` : ''}` : '';
      const why = `Thread could not be bundled/rendered: ${errorText(err)}${seen}`;
      return { rows: [notMeasuredRow(P99, why), notMeasuredRow(NODES, why)], raw: {} };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
