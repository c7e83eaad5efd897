/**
 * Driving the running app (stand-in + Chromium) through its contract, for the flood and soak cases:
 * open a conversation at the bench's simulator (bench/clients/sim-host.ts), accept its ring in the
 * app, and measure the page (heap after GC, DOM nodes, listeners) over CDP. In-page code is passed
 * as strings: functions handed to page.evaluate would carry the TS loader's `__name` helpers, which
 * do not exist in the page.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { BenchChild } from './child';

/** In the page: accept the ring of conversation `cid` as soon as the app has it; resolves once `cid` is the agent's open conversation. */
export function acceptJs(cid: string, timeoutMs: number): string {
  return `new Promise((resolve, reject) => {
  const cid = ${JSON.stringify(cid)};
  let asked = false, finished = false;
  const offs = [];
  const end = (err) => { if (finished) return; finished = true; clearTimeout(timer); for (const off of offs) off(); if (err) reject(err); else resolve(true); };
  const timer = setTimeout(() => end(new Error('conversation ' + cid + ' not accepted within ${timeoutMs} ms')), ${timeoutMs});
  const accept = (ringId) => { if (asked) return; asked = true; window.lp.ringAccept({ ringId }).catch((e) => end(e)); };
  offs.push(window.lp.onConversationUpsert((c) => { if (c.conversationId === cid && c.mine && c.state === 'OPEN') end(); }));
  offs.push(window.lp.onRingOffered((r) => { if (r.conversationId === cid) accept(r.ringId); }));
  window.lp.sessionSnapshot().then((s) => {
    if (s.session.conversations.some((c) => c.conversationId === cid && c.mine && c.state === 'OPEN')) end();
    else { const r = s.session.rings.find((x) => x.conversationId === cid && x.state === 'WAITING'); if (r) accept(r.ringId); }
  }, (e) => end(e));
})`;
}

/** A consumer opens a conversation at the simulator; the app accepts its ring. Returns the conversation id. */
export async function openAndAccept(host: BenchChild, page: Page, timeoutMs = 20_000): Promise<string> {
  return (await openAndAcceptMany(host, page, 1, timeoutMs))[0]!;
}

/** `n` consumers open conversations at once; the app accepts their rings side by side. Returns the conversation ids. */
export async function openAndAcceptMany(host: BenchChild, page: Page, n: number, timeoutMs = 20_000): Promise<string[]> {
  // sim-host reports each ring's send time ('ring'): not needed here, not queued.
  host.on('ring', () => undefined);
  for (let i = 0; i < n; i++) host.send({ t: 'open' });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(String((await host.next('opened', timeoutMs)).conversationId));
  await Promise.all(ids.map((id) => page.evaluate(acceptJs(id, timeoutMs))));
  return ids;
}

/** In the page: resolves once `cid` is gone from the app's conversations (conversation/removed). */
export function closeJs(cid: string, timeoutMs: number): string {
  return `new Promise((resolve, reject) => {
  const cid = ${JSON.stringify(cid)};
  const timer = setTimeout(() => { off(); reject(new Error('conversation ' + cid + ' not removed within ${timeoutMs} ms')); }, ${timeoutMs});
  const off = window.lp.onConversationRemoved((r) => { if (r.conversationId === cid) { clearTimeout(timer); off(); resolve(true); } });
  window.lp.conversationClose({ conversationId: cid }).catch((e) => { clearTimeout(timer); off(); reject(e); });
})`;
}

export interface PageCounts {
  /** JS heap in use after two forced GCs (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage), bytes. */
  heapUsed: number;
  /** DOM nodes and JS event listeners alive (CDP Performance.getMetrics `Nodes`, `JSEventListeners`), after GC. */
  nodes: number;
  listeners: number;
}

/** The page's heap, DOM nodes and listeners after GC. `cdp` must have had Performance.enable. */
export async function pageCounts(cdp: CDPSession): Promise<PageCounts> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const m = await cdp.send('Performance.getMetrics');
  const metric = (name: string): number => m.metrics.find((x) => x.name === name)?.value ?? Number.NaN;
  return { heapUsed: heap.usedSize, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

export const MB = 2 ** 20;
export const mb = (bytes: number): number => Math.round((bytes / MB) * 100) / 100;

/** A conversation's row in the list (ConversationList's option id). */
export function conversationRowSelector(conversationId: string): string {
  return `#conv-${conversationId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * JS event listeners by target and type on the page's window, document and every element in the
 * document (CDP Runtime.evaluate with the DevTools command-line API's `getEventListeners`): says
 * where a change in `JSEventListeners` comes from. Listeners on targets outside the document
 * (detached nodes, MessagePorts, media queries…) are not listed: the total's rest is theirs.
 */
export async function listenerCensus(cdp: CDPSession): Promise<Record<string, number>> {
  const expression = `(() => {
    const out = {};
    const label = (t) => { const l = t.getAttribute('aria-label') || (t.children.length ? '' : t.textContent) || ''; return l ? ' "' + l.trim().slice(0, 40) + '"' : ''; };
    const name = (t) => t === window ? 'window' : t === document ? 'document' : t.tagName.toLowerCase() + (t.id ? '#' + t.id : t.classList.length ? '.' + [...t.classList].slice(0, 2).join('.') : '') + label(t);
    for (const t of [window, document, ...document.querySelectorAll('*')]) {
      for (const [type, list] of Object.entries(getEventListeners(t))) {
        const key = name(t) + ' ' + type;
        out[key] = (out[key] || 0) + list.length;
      }
    }
    return out;
  })()`;
  const r = await cdp.send('Runtime.evaluate', { expression, includeCommandLineAPI: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`listener census: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  return r.result.value as Record<string, number>;
}

/**
 * The document's nodes by kind: elements by tag and first two classes (`div.msg.msg-consumer`), text
 * and comment nodes by their parent's tag and class (`#text in span.count`), and `(in document)`, the
 * total. CDP's `Nodes` metric also counts nodes outside the document that are still alive (detached,
 * held by script): `Nodes` minus `(in document)` is theirs. Says which nodes a change in `Nodes` is.
 */
export async function domCensus(cdp: CDPSession): Promise<Record<string, number>> {
  const expression = `(() => {
    const out = {};
    const name = (e) => e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].slice(0, 2).join('.') : '');
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    let total = 0;
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      total += 1;
      const key = n.nodeType === 1 ? name(n) : n.nodeType === 3 || n.nodeType === 8 ? n.nodeName + ' in ' + (n.parentElement ? name(n.parentElement) : '-') : n.nodeName;
      out[key] = (out[key] || 0) + 1;
    }
    out['(in document)'] = total;
    return out;
  })()`;
  const r = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`DOM census: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  return r.result.value as Record<string, number>;
}

/** What changed between two listener (or DOM) censuses: key → end − baseline, only the non-zero ones. */
export function censusChange(base: Record<string, number>, end: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(base), ...Object.keys(end)])) {
    const d = (end[k] ?? 0) - (base[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
}
