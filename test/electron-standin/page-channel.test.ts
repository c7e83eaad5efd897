// The stand-in's main → renderer channel (page-channel.ts) against a small CDP-speaking server on
// loopback: one constant function called per message with the data as arguments, order, the page's
// main world followed across navigations, replies, dropped messages, a page that goes away.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { NO_DISPATCHER, PageChannel } from './page-channel';

interface CallFunctionOn {
  id: number;
  method: string;
  params: { functionDeclaration: string; executionContextId: number; returnByValue: boolean; arguments: Array<{ value?: unknown }> };
}
/** What the fake page saw of one call: the context it went to and its arguments' values. */
interface Seen { context: number; args: unknown[] }

const FN = 'function (x) { return x; }';

let server: WebSocketServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const created = (id: number, frameId: string, isDefault = true): object => ({
  method: 'Runtime.executionContextCreated',
  params: { context: { id, origin: 'https://app', name: '', uniqueId: `u${id}`, auxData: { isDefault, type: isDefault ? 'default' : 'isolated', frameId } } },
});

/**
 * A fake page target T1: answers Runtime.enable with its contexts (the main world `mainContext`, and
 * worlds the channel must not use: an isolated world and a child frame's), records every
 * Runtime.callFunctionOn and answers it with `answer(call)` (null: never; an array: events first, as
 * Chromium sends a context's events before the answer to a command that ran after them).
 */
async function fakePage(answer: (call: CallFunctionOn) => object | object[] | null, mainContext: number | null = 7): Promise<{ url: string; seen: Seen[]; frames: CallFunctionOn[]; socket: Promise<WebSocket>; firstCall: Promise<void> }> {
  const seen: Seen[] = [];
  const frames: CallFunctionOn[] = [];
  let called = (): void => undefined;
  const firstCall = new Promise<void>((resolve) => (called = resolve));
  const wss = server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const socket = new Promise<WebSocket>((resolve) => wss.once('connection', (ws) => {
    ws.on('message', (data) => {
      const cmd = JSON.parse(String(data)) as CallFunctionOn;
      if (cmd.method === 'Runtime.enable') {
        const events = [created(3, 'T1', false), created(4, 'CHILD'), ...(mainContext === null ? [] : [created(mainContext, 'T1')])];
        for (const event of events) ws.send(JSON.stringify(event));
        ws.send(JSON.stringify({ id: cmd.id, result: {} }));
        return;
      }
      frames.push(cmd);
      called();
      seen.push({ context: cmd.params.executionContextId, args: cmd.params.arguments.map((a) => a.value) });
      const reply = answer(cmd);
      const messages = reply === null ? [] : Array.isArray(reply) ? reply : [reply];
      for (const [i, m] of messages.entries()) ws.send(JSON.stringify(i === messages.length - 1 ? { id: cmd.id, ...m } : m));
    });
    resolve(ws);
  }));
  const addr = wss.address();
  if (typeof addr !== 'object' || addr === null) throw new Error('no address');
  return { url: `ws://127.0.0.1:${addr.port}/devtools/page/T1`, seen, frames, socket, firstCall };
}

const value = (v: unknown): object => ({ result: { result: { type: typeof v, value: v } } });

describe('stand-in page channel', () => {
  it('calls one constant function in the main world, the data as argument values, in order, also for calls made before the connection', async () => {
    const page = await fakePage((c) => value(c.params.arguments[0]?.value === 'none' ? NO_DISPATCHER : 1));
    const channel = new PageChannel();
    const early = [channel.call(FN, ['"first"', '{"a":[1,null]}']), channel.call(FN, ['"second"'])];
    await channel.connect(page.url);
    const later = [channel.call(FN, ['"third"', JSON.stringify('{"json":"as a string"}')]), channel.call(FN, ['"none"'])];
    expect(await Promise.all([...early, ...later])).toEqual([
      { ok: true }, { ok: true }, { ok: true },
      { ok: false, error: 'dropped: the page has no preload dispatcher (navigating?)' },
    ]);
    expect(page.seen).toEqual([
      { context: 7, args: ['first', { a: [1, null] }] },
      { context: 7, args: ['second'] },
      { context: 7, args: ['third', '{"json":"as a string"}'] },
      { context: 7, args: ['none'] },
    ]);
    for (const f of page.frames) {
      expect(f.method).toBe('Runtime.callFunctionOn');
      expect(f.params.functionDeclaration).toBe(FN);
      expect(f.params.returnByValue).toBe(true);
    }
    channel.close('done');
  });

  it('an exception in the page or a CDP error fails that delivery only', async () => {
    const page = await fakePage((c) => {
      const what = c.params.arguments[0]?.value;
      return what === 'throws'
        ? { result: { result: { type: 'object' }, exceptionDetails: { text: 'Uncaught', exception: { description: 'TypeError: boom' } } } }
        : what === 'cdp-error' ? { error: { code: -32000, message: 'Object reference chain is too long' } } : value(0);
    });
    const channel = new PageChannel();
    await channel.connect(page.url);
    expect(await Promise.all(['throws', 'cdp-error', 'fine'].map((e) => channel.call(FN, [JSON.stringify(e)])))).toEqual([
      { ok: false, error: 'TypeError: boom' },
      { ok: false, error: 'Object reference chain is too long' },
      { ok: true },
    ]);
    channel.close('done');
  });

  it('across a navigation: a call that reached the old document is dropped, calls made meanwhile wait for the new main world, in order', async () => {
    // The page navigates while the first call is on its way: Chromium reports the old world gone,
    // then answers the call that arrived too late.
    const page = await fakePage((c) => (c.params.executionContextId === 7
      ? [
          { method: 'Runtime.executionContextDestroyed', params: { executionContextId: 7, executionContextUniqueId: 'u7' } },
          { method: 'Runtime.executionContextsCleared', params: {} },
          { error: { code: -32000, message: 'Cannot find context with specified id' } },
        ]
      : value(1)));
    const channel = new PageChannel();
    await channel.connect(page.url);
    const ws = await page.socket;
    const toOld = channel.call(FN, ['"to the old document"']);
    expect(await toOld).toEqual({ ok: false, error: 'dropped: the page navigated (Cannot find context with specified id)' });
    // No main world now: these wait for the next document's.
    const meanwhile = [channel.call(FN, ['"a"']), channel.call(FN, ['"b"'])];
    ws.send(JSON.stringify(created(12, 'T1', false))); // not the main world
    ws.send(JSON.stringify(created(11, 'T1')));
    const after = channel.call(FN, ['"c"']);
    expect(await Promise.all([...meanwhile, after])).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(page.seen.slice(1)).toEqual([
      { context: 11, args: ['a'] }, { context: 11, args: ['b'] }, { context: 11, args: ['c'] },
    ]);
    channel.close('done');
  });

  it('when the page goes away, pending and later messages are dropped, not left hanging', async () => {
    const page = await fakePage(() => null); // never answers
    const channel = new PageChannel();
    await channel.connect(page.url);
    const pending = channel.call(FN, ['"unanswered"']);
    await page.firstCall;
    (await page.socket).terminate();
    expect(await pending).toEqual({ ok: false, error: 'the page is gone' });
    expect(await channel.call(FN, ['"after"'])).toEqual({ ok: false, error: 'the page is gone' });
  });

  it('calls waiting for a main world that never came are dropped when the page goes away', async () => {
    const page = await fakePage(() => value(1), null); // announces no main world
    const channel = new PageChannel();
    await channel.connect(page.url);
    const waiting = channel.call(FN, ['"waits"']);
    (await page.socket).terminate();
    expect(await waiting).toEqual({ ok: false, error: 'the page is gone' });
    expect(page.seen).toEqual([]);
  });

  it('refuses a URL that is not a page target', async () => {
    await expect(new PageChannel().connect('ws://127.0.0.1:1/devtools/browser/x')).rejects.toThrow('not a page target');
  });
});
