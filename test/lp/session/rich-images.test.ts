/**
 * Images inside structured content against the simulator over TLS (its self-signed certificate
 * trusted as account.trustedCa): the core takes the https URL from the normalised card (the caller
 * names the image by index, never by URL), fetches it through the session's transport and judges it
 * by content exactly as a file; http: and data: URLs are never fetched.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src-main/simulator';
import type { Simulator } from '../../../src-main/simulator/api';
import { FileError } from '../../../src-main/lp/session/files';
import type { ChatMessage } from '../../../src-main/lp/protocol/model';
import { type Agent, heldForTest, makeAgent } from '../../fault/harness';
import { HTML_AS_PNG, SVG_AS_PNG, png } from '../helpers/images';

const held = heldForTest();
let plain: Server | undefined;
afterEach(async () => {
  const s = plain;
  plain = undefined;
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
});

async function assigned(s: Simulator, a: Agent): Promise<string> {
  await a.session.start();
  await a.wait('connection', (c) => c.phase === 'online');
  const consumer = await s.consumers.open({ text: 'Look at this', firstName: 'Ann' });
  const ring = await a.wait('ring/offered', (r) => r.conversationId === consumer.conversationId);
  await a.session.acceptRing(ring.ringId);
  await a.wait('history', (h) => h.conversationId === consumer.conversationId);
  return consumer.conversationId;
}

/** The consumer sends a card; resolves with the agent's message for it. */
async function consumerCard(s: Simulator, a: Agent, cid: string, content: unknown): Promise<ChatMessage> {
  const sequence = await s.consumers.get(cid)!.sendRich(content);
  const find = (): ChatMessage | undefined => a.session.snapshot().messages[cid]?.find((m) => m.sequence === sequence);
  await a.until(() => find() !== undefined, 10_000, `message ${sequence}`);
  return find()!;
}

const image = (url: string, tooltip = 'a picture') => ({ type: 'image', url, tooltip });
const problemOf = (p: Promise<unknown>): Promise<string> => p.then(() => 'no problem', (e: unknown) => (e instanceof FileError ? e.problem : `not a FileError: ${String(e)}`));

describe('rich-content images against the simulator (https)', () => {
  it('a PNG the card names is fetched over https and judged by content; disguised markup is refused', async () => {
    const s = held.sim = await startSimulator({ tls: true });
    const a = held.agent = makeAgent(s);
    const cid = await assigned(s, a);
    const photo = png(30, 20);
    const card = {
      type: 'vertical',
      elements: [
        image(s.serveImage('shoe.png', photo)),
        { type: 'text', text: 'Runner X' },
        { type: 'carousel', elements: [
          { type: 'vertical', elements: [image(s.serveImage('svg.png', SVG_AS_PNG))] },
          { type: 'vertical', elements: [image(s.serveImage('html.png', HTML_AS_PNG))] },
        ] },
        image(`${s.baseUrl}/static/images/missing.png`),
      ],
    };
    const m = await consumerCard(s, a, cid, card);
    expect(m.rich?.root?.type).toBe('vertical');
    const got = await a.session.downloadRichImage(cid, m.sequence!, 0);
    expect(got).toMatchObject({ kind: 'PNG', mime: 'image/png', width: 30, height: 20, size: photo.length });
    expect(Buffer.from(got.bytes)).toEqual(photo);
    expect(await problemOf(a.session.downloadRichImage(cid, m.sequence!, 1))).toBe('unsafe');
    expect(await problemOf(a.session.downloadRichImage(cid, m.sequence!, 2))).toBe('unsafe');
    expect(await problemOf(a.session.downloadRichImage(cid, m.sequence!, 3))).toBe('not-found');
    // no such image, no such message, a message without a card
    expect(await problemOf(a.session.downloadRichImage(cid, m.sequence!, 4))).toBe('bad-reference');
    expect(await problemOf(a.session.downloadRichImage(cid, 999, 0))).toBe('bad-reference');
    expect(await problemOf(a.session.downloadRichImage('no-such-conversation', m.sequence!, 0))).toBe('bad-reference');
    const text = a.session.snapshot().messages[cid]!.find((x) => x.text === 'Look at this')!;
    expect(await problemOf(a.session.downloadRichImage(cid, text.sequence!, 0))).toBe('bad-reference');
  });

  it('http: and data: image URLs are never fetched', async () => {
    let hits = 0;
    plain = createServer((_req, res) => { hits += 1; res.writeHead(200, { 'Content-Type': 'image/png' }); res.end(png()); });
    await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', () => resolve()));
    const port = (plain.address() as AddressInfo).port;
    const s = held.sim = await startSimulator({ tls: true });
    const a = held.agent = makeAgent(s);
    const cid = await assigned(s, a);
    const dataUrl = `data:image/png;base64,${png().toString('base64')}`;
    const m = await consumerCard(s, a, cid, { type: 'vertical', elements: [image(`http://127.0.0.1:${port}/x.png`), image(dataUrl), image('javascript:alert(1)')] });
    for (const i of [0, 1, 2]) expect(await problemOf(a.session.downloadRichImage(cid, m.sequence!, i))).toBe('bad-reference');
    expect(hits).toBe(0);
  });
});
