// The stand-in's main → renderer channel (page-channel.ts) against a small CDP-speaking server on
// loopback: order, replies, dropped messages, a page that goes away.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { NO_DISPATCHER, PageChannel } from './page-channel';

interface Evaluate { id: number; method: string; params: { expression: string; returnByValue: boolean } }

let server: WebSocketServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A fake page target: records every Runtime.evaluate and answers with `answer(expression)`. */
async function fakePage(answer: (expression: string) => object | null): Promise<{ url: string; seen: string[]; socket: Promise<WebSocket> }> {
  const seen: string[] = [];
  const wss = server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const socket = new Promise<WebSocket>((resolve) => wss.once('connection', (ws) => {
    ws.on('message', (data) => {
      const cmd = JSON.parse(String(data)) as Evaluate;
      seen.push(cmd.params.expression);
      const reply = answer(cmd.params.expression);
      if (reply) ws.send(JSON.stringify({ id: cmd.id, ...reply }));
    });
    resolve(ws);
  }));
  const addr = wss.address();
  if (typeof addr !== 'object' || addr === null) throw new Error('no address');
  return { url: `ws://127.0.0.1:${addr.port}/devtools/page/T1`, seen, socket };
}

describe('stand-in page channel', () => {
  it('sends messages given before the connection, in order, and reports each delivery', async () => {
    const page = await fakePage((e) => ({ result: { result: { type: 'number', value: e === 'none' ? NO_DISPATCHER : 1 } } }));
    const channel = new PageChannel();
    const early = [channel.evaluate('first'), channel.evaluate('second')];
    await channel.connect(page.url);
    const later = [channel.evaluate('third'), channel.evaluate('none')];
    expect(await Promise.all([...early, ...later])).toEqual([
      { ok: true }, { ok: true }, { ok: true },
      { ok: false, error: 'dropped: the page has no preload dispatcher (navigating?)' },
    ]);
    expect(page.seen).toEqual(['first', 'second', 'third', 'none']);
    channel.close('done');
  });

  it('an exception in the page or a CDP error fails that delivery only', async () => {
    const page = await fakePage((e) => (e === 'throws'
      ? { result: { result: { type: 'object' }, exceptionDetails: { text: 'Uncaught', exception: { description: 'TypeError: boom' } } } }
      : e === 'cdp-error' ? { error: { code: -32000, message: 'Cannot find context' } } : { result: { result: { value: 0 } } }));
    const channel = new PageChannel();
    await channel.connect(page.url);
    expect(await Promise.all(['throws', 'cdp-error', 'fine'].map((e) => channel.evaluate(e)))).toEqual([
      { ok: false, error: 'TypeError: boom' },
      { ok: false, error: 'Cannot find context' },
      { ok: true },
    ]);
    channel.close('done');
  });

  it('when the page goes away, pending and later messages are dropped, not left hanging', async () => {
    const page = await fakePage(() => null); // never answers
    const channel = new PageChannel();
    await channel.connect(page.url);
    const pending = channel.evaluate('unanswered');
    (await page.socket).terminate();
    expect(await pending).toEqual({ ok: false, error: 'the page is gone' });
    expect(await channel.evaluate('after')).toEqual({ ok: false, error: 'the page is gone' });
  });
});
