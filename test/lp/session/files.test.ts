/**
 * The core's files both ways against the simulator (real loopback sockets and HTTP): a consumer's
 * photo downloaded and judged by content, every hostile variant refused with its reason, and the
 * agent's image uploaded and published exactly once — also when the socket drops during the upload
 * or the publish response is lost.
 */
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src-main/simulator';
import type { Simulator } from '../../../src-main/simulator/api';
import { FileError } from '../../../src-main/lp/session/files';
import type { ChatMessage } from '../../../src-main/lp/protocol/model';
import { type Agent, heldForTest, makeAgent } from '../../fault/harness';
import { HTML_AS_PNG, SVG_AS_PNG, jpeg, png, pngBomb, pngPolyglot } from '../helpers/images';

const held = heldForTest();

async function assigned(s: Simulator, a: Agent): Promise<string> {
  await a.session.start();
  await a.wait('connection', (c) => c.phase === 'online');
  const consumer = await s.consumers.open({ text: 'Here is my receipt', firstName: 'Ann' });
  const ring = await a.wait('ring/offered', (r) => r.conversationId === consumer.conversationId);
  await a.session.acceptRing(ring.ringId);
  await a.wait('history', (h) => h.conversationId === consumer.conversationId);
  return consumer.conversationId;
}

/** The consumer sends a file; resolves with the agent's message for it (a live event, or history after a reconnect on a loaded machine). */
async function consumerFile(s: Simulator, a: Agent, cid: string, file: Parameters<NonNullable<ReturnType<Simulator['consumers']['get']>>['sendFile']>[0]): Promise<ChatMessage> {
  const { sequence } = await s.consumers.get(cid)!.sendFile(file);
  const find = (): ChatMessage | undefined => a.session.snapshot().messages[cid]?.find((m) => m.sequence === sequence);
  await a.until(() => find() !== undefined, 10_000, `message ${sequence}`);
  return find()!;
}

const problemOf = (p: Promise<unknown>): Promise<string> => p.then(() => 'no problem', (e: unknown) => (e instanceof FileError ? e.problem : `not a FileError: ${String(e)}`));
const fileEvents = (s: Simulator, cid: string) => s.inspect.messages(cid).filter((m) => m.event.contentType === 'hosted/file' && m.role !== 'CONSUMER');

describe('files against the simulator', () => {
  it('a consumer photo: its message carries the file; downloadFile fetches it from the file store and judges it by content', async () => {
    const s = held.sim = await startSimulator();
    const a = held.agent = makeAgent(s);
    const cid = await assigned(s, a);
    const photo = png(30, 20);
    const m = await consumerFile(s, a, cid, { fileType: 'PNG', caption: 'my receipt', bytes: photo });
    expect(m).toMatchObject({ role: 'CONSUMER', contentType: 'hosted/file', text: '[PNG file] my receipt', file: { fileType: 'PNG', caption: 'my receipt' } });
    const got = await a.session.downloadFile(cid, m.sequence!);
    expect(got).toMatchObject({ kind: 'PNG', mime: 'image/png', width: 30, height: 20, size: photo.length });
    expect(Buffer.from(got.bytes)).toEqual(photo);
    // the type is what the bytes are, not what the sender announced
    const lied = await consumerFile(s, a, cid, { fileType: 'PNG', bytes: jpeg(10, 5) });
    expect(await a.session.downloadFile(cid, lied.sequence!)).toMatchObject({ kind: 'JPEG', mime: 'image/jpeg', width: 10, height: 5 });
    // only the file store's host CSDS named (swift), only a signed URL the store gave: one GET per download
    const gets = s.inspect.requests().filter((r) => r.type.endsWith('GenerateURLForDownloadFile'));
    expect(gets.map((r) => (r.body as { relativePath: string }).relativePath)).toEqual([m.file!.relativePath, lied.file!.relativePath]);
  });

  it('hostile files are refused with their reason, and bad references are never asked for', async () => {
    const s = held.sim = await startSimulator({ fileMaxBytes: 26 * 1024 * 1024 });
    const a = held.agent = makeAgent(s);
    const cid = await assigned(s, a);
    const cases: Array<[Parameters<NonNullable<ReturnType<Simulator['consumers']['get']>>['sendFile']>[0], string]> = [
      [{ fileType: 'PNG', bytes: HTML_AS_PNG }, 'unsafe'],
      [{ fileType: 'PNG', bytes: SVG_AS_PNG }, 'unsafe'],
      [{ fileType: 'PNG', bytes: pngPolyglot() }, 'unsafe'],
      [{ fileType: 'PNG', bytes: pngBomb() }, 'too-many-pixels'],
      [{ fileType: 'PNG', bytes: png(50, 50).subarray(0, 60) }, 'damaged'],
      [{ fileType: 'PNG', bytes: Buffer.from('plain words') }, 'not-an-image'],
      [{ fileType: 'JPEG', bytes: Buffer.concat([jpeg(), Buffer.alloc(25 * 1024 * 1024)]) }, 'too-large'],
      [{ fileType: 'PNG', relativePath: '/v1/AUTH_async-images/x/../../../etc/passwd' }, 'bad-reference'],
      [{ fileType: 'PNG', relativePath: '//evil.example/photo.png' }, 'bad-reference'],
      [{ fileType: 'PNG', relativePath: 'https://evil.example/photo.png' }, 'bad-reference'],
      [{ fileType: 'PNG', relativePath: '/v1/AUTH_async-images/elsewhere/none.png' }, 'expired'],
    ];
    for (const [file, problem] of cases) {
      const m = await consumerFile(s, a, cid, file);
      expect(await problemOf(a.session.downloadFile(cid, m.sequence!)), JSON.stringify({ ...file, bytes: file.bytes?.length })).toBe(problem);
    }
    const asked = s.inspect.requests().filter((r) => r.type.endsWith('GenerateURLForDownloadFile')).map((r) => (r.body as { relativePath: string }).relativePath);
    expect(asked.some((p) => p.includes('..') || p.includes('evil'))).toBe(false);
    // a text message has no file
    const text = a.session.snapshot().messages[cid]!.find((m) => m.text === 'Here is my receipt')!;
    expect(await problemOf(a.session.downloadFile(cid, text.sequence!))).toBe('bad-reference');
  });

  it('an expired download URL is said as expired', async () => {
    // every URL the store signs is already past its expiry
    const s = held.sim = await startSimulator({ fileUrlTtlMs: -60_000 });
    const a = held.agent = makeAgent(s);
    const cid = await assigned(s, a);
    const m = await consumerFile(s, a, cid, { fileType: 'PNG', bytes: png() });
    expect(await problemOf(a.session.downloadFile(cid, m.sequence!))).toBe('expired');
  });

  it('sends an image: upload URL → PUT → one hosted/file event with the caption; refused files send nothing', async () => {
    const s = held.sim = await startSimulator();
    const a = held.agent = makeAgent(s);
    const cid = await assigned(s, a);
    const image = png(12, 12);
    const first = a.session.sendFile(cid, { bytes: image, caption: 'the form, filled in' });
    expect(first).toMatchObject({ own: true, delivery: 'sending', contentType: 'hosted/file', file: { uploading: true, fileType: 'PNG', size: image.length } });
    const sent = await a.wait('message', (m) => m.localId === first.localId && m.delivery === 'sent');
    expect(sent.file).toMatchObject({ fileType: 'PNG', caption: 'the form, filled in' });
    const events = fileEvents(s, cid);
    expect(events).toHaveLength(1);
    expect(events[0]!.event.message).toEqual({ caption: 'the form, filled in', relativePath: sent.file!.relativePath, fileType: 'PNG' });
    expect(Buffer.from(s.inspect.files().find((f) => f.relativePath === sent.file!.relativePath)!.bytes!)).toEqual(image);

    const before = s.inspect.requests().length;
    for (const bytes of [HTML_AS_PNG, pngPolyglot(), pngBomb(), Buffer.from('%PDF-1.7')]) {
      const refused = a.session.sendFile(cid, { bytes });
      expect(refused.delivery).toBe('failed');
      expect(refused.error).toMatch(/^Not sent: /);
    }
    expect(a.session.sendFile('no-such-conversation', { bytes: image })).toMatchObject({ delivery: 'failed', error: expect.stringMatching(/closed conversation/) });
    expect(s.inspect.requests().length).toBe(before);
  });

  it('an upload interrupted by a socket drop is finished after the reconnect, and published exactly once', async () => {
    const s = held.sim = await startSimulator();
    const a = held.agent = makeAgent(s);
    const cid = await assigned(s, a);
    // the socket dies right as the upload URL is asked for: the response never arrives
    s.faults.dropResponses(1, (t) => t.endsWith('GenerateURLForUploadFile'));
    const off = s.on('request', (r) => { if (r.type.endsWith('GenerateURLForUploadFile')) { off(); queueMicrotask(() => s.faults.dropSockets()); } });
    const first = a.session.sendFile(cid, { bytes: png(5, 5), caption: 'after the drop' });
    const sent = await a.wait('message', (m) => m.localId === first.localId && (m.delivery === 'sent' || m.delivery === 'failed'), 20_000);
    expect(sent.delivery).toBe('sent');
    expect(fileEvents(s, cid)).toHaveLength(1);
    // the first ask was cut off with the socket; the one retry after the reconnect got the URL
    expect(s.inspect.requests().filter((r) => r.type.endsWith('GenerateURLForUploadFile'))).toHaveLength(2);
    expect(s.inspect.loginCount() + s.inspect.requests().filter((r) => r.type.endsWith('SubscribeExConversations')).length).toBeGreaterThan(2);
  });

  it('a publish whose response was lost is reconciled, never sent twice; a failed upload can be retried', async () => {
    const s = held.sim = await startSimulator();
    const a = held.agent = makeAgent(s);
    const cid = await assigned(s, a);
    s.faults.dropResponses(1, (t) => t.endsWith('PublishEvent'));
    const first = a.session.sendFile(cid, { bytes: png(6, 6) });
    await a.wait('message', (m) => m.localId === first.localId && m.delivery === 'sent', 20_000);
    await a.until(() => fileEvents(s, cid).length >= 1);
    expect(fileEvents(s, cid)).toHaveLength(1);
    expect(s.inspect.requests().filter((r) => r.type.endsWith('PublishEvent') && (r.body as { event?: { contentType?: string } }).event?.contentType === 'hosted/file')).toHaveLength(1);

    // the upload URL's answer is lost twice (the first try and its one retry): failed with the reason, then retried by hand
    s.faults.dropResponses(2, (t) => t.endsWith('GenerateURLForUploadFile'));
    const second = a.session.sendFile(cid, { bytes: png(7, 7) });
    const failed = await a.wait('message', (m) => m.localId === second.localId && m.delivery === 'failed', 20_000);
    expect(failed.error).toMatch(/^Upload failed: /);
    expect(s.inspect.requests().filter((r) => r.type.endsWith('GenerateURLForUploadFile'))).toHaveLength(3);
    const again = a.session.retryFile(second.localId!);
    expect(again).toMatchObject({ localId: second.localId, delivery: 'sending', file: { uploading: true } });
    await a.wait('message', (m) => m.localId === second.localId && m.delivery === 'sent', 20_000);
    expect(fileEvents(s, cid)).toHaveLength(2);
    expect(a.session.retryFile(second.localId!)).toBeUndefined();
  }, 120_000);
});
