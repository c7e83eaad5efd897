/**
 * The simulator's file store (src-main/simulator/files.ts) as lp-protocol.md §6/§9 describe it:
 * GenerateURLFor{Upload,Download}File give a relativePath + temp_url_sig/temp_url_expires; the
 * upload is a PUT to https://{swift}{relativePath}?…, the download a GET. Built by hand from the reference.
 */
import { describe, expect, it } from 'vitest';
import { createManualClock, startSimulator, type Simulator } from '../../src-main/simulator';
import { type EventBody, onlineAgent, postJson, waitEvent, waitExConv, waitRing } from './helpers';

interface SignedUrl { relativePath: string; queryParams: { temp_url_sig: string; temp_url_expires: string } }

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function fileUrl(sim: Simulator, u: SignedUrl): string {
  const q = new URLSearchParams(u.queryParams);
  return `${sim.baseUrl}${u.relativePath}?${q.toString()}`;
}

async function assigned(sim: Simulator): Promise<{ a: Awaited<ReturnType<typeof onlineAgent>>; convId: string }> {
  const a = await onlineAgent(sim, 'agent1');
  const consumer = await sim.consumers.open({ skillId: '12', firstName: 'Ann' });
  const ring = await waitRing(a.client, (r) => r.ringState === 'WAITING');
  await a.client.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' });
  await waitExConv(a.client, (ch) => ch.result.convId === consumer.conversationId && ch.result.conversationDetails.participants.ASSIGNED_AGENT?.length === 1);
  return { a, convId: consumer.conversationId };
}

async function uploadUrl(a: Awaited<ReturnType<typeof onlineAgent>>, fileSize: number, fileType = 'PNG'): Promise<SignedUrl> {
  const r = await a.client.request('.ams.ms.GenerateURLForUploadFile', { fileSize, fileType });
  expect(r.code).toBe(200);
  return r.body as SignedUrl;
}

describe('simulator file store', () => {
  it('agent: upload URL → PUT → publish hosted/file → download URL → GET returns the same bytes', async () => {
    const sim = await startSimulator();
    try {
      const { a, convId } = await assigned(sim);
      const up = await uploadUrl(a, PNG.length);
      expect(up.relativePath).toMatch(new RegExp(`^/v1/AUTH_async-images/${sim.accountId}/[0-9a-f-]{36}\\.png$`));
      expect(up.queryParams.temp_url_sig).toMatch(/^[0-9a-f]{64}$/);
      expect(Number(up.queryParams.temp_url_expires) * 1000).toBeGreaterThan(Date.now());
      const put = await fetch(fileUrl(sim, up), { method: 'PUT', body: PNG });
      expect(put.status).toBe(201);
      // the same upload URL cannot be used twice
      expect((await fetch(fileUrl(sim, up), { method: 'PUT', body: PNG })).status).toBe(409);
      const from = a.client.frames.length;
      const pub = await a.client.request('.ams.ms.PublishEvent', { dialogId: convId, event: { type: 'ContentEvent', contentType: 'hosted/file', message: { caption: 'the form', relativePath: up.relativePath, fileType: 'PNG' } } });
      expect(pub.code).toBe(200);
      const echo: EventBody = await waitEvent(a.client, (e) => e.event.contentType === 'hosted/file', 4000, from);
      expect(echo.event.message).toEqual({ caption: 'the form', relativePath: up.relativePath, fileType: 'PNG' });
      const down = await a.client.request('.ams.ms.GenerateURLForDownloadFile', { relativePath: up.relativePath });
      expect(down.code).toBe(200);
      const downUrl = down.body as SignedUrl;
      expect(downUrl.relativePath).toBe(up.relativePath);
      const got = await fetch(fileUrl(sim, downUrl));
      expect(got.status).toBe(200);
      expect(Buffer.from(await got.arrayBuffer())).toEqual(PNG);
      // an upload URL does not download, a download URL does not upload
      expect((await fetch(fileUrl(sim, up))).status).toBe(401);
      expect((await fetch(fileUrl(sim, downUrl), { method: 'PUT', body: PNG })).status).toBe(401);
      expect(sim.inspect.files().map((f) => f.relativePath)).toEqual([up.relativePath]);
    } finally { await sim.close(); }
  });

  it('refuses forged, tampered, foreign-path and expired signatures; other methods', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 9));
    const sim = await startSimulator({ clock, fileUrlTtlMs: 60_000 });
    try {
      const { a, convId } = await assigned(sim);
      const c = sim.consumers.get(convId);
      if (!c) throw new Error('no consumer');
      const { relativePath } = await c.sendFile({ fileType: 'PNG', bytes: PNG });
      const down = (await a.client.request('.ams.ms.GenerateURLForDownloadFile', { relativePath })).body as SignedUrl;
      expect((await fetch(fileUrl(sim, down))).status).toBe(200);
      const forged = { ...down, queryParams: { ...down.queryParams, temp_url_sig: 'a'.repeat(64) } };
      expect((await fetch(fileUrl(sim, forged))).status).toBe(401);
      const later = { ...down, queryParams: { ...down.queryParams, temp_url_expires: String(Number(down.queryParams.temp_url_expires) + 3600) } };
      expect((await fetch(fileUrl(sim, later))).status).toBe(401);
      const other = await c.sendFile({ fileType: 'PNG', bytes: PNG });
      expect((await fetch(fileUrl(sim, { ...down, relativePath: other.relativePath }))).status).toBe(401);
      expect((await fetch(fileUrl(sim, { ...down, relativePath: `${relativePath}/../x` }))).status).toBe(401);
      expect((await fetch(`${sim.baseUrl}${relativePath}`)).status).toBe(401);
      expect((await fetch(fileUrl(sim, down), { method: 'DELETE' })).status).toBe(405);
      clock.advance(61_000);
      const expired = await fetch(fileUrl(sim, down));
      expect(expired.status).toBe(401);
      expect(await expired.json()).toEqual({ error: 'Temp URL expired' });
      // a fresh URL works again
      const again = (await a.client.request('.ams.ms.GenerateURLForDownloadFile', { relativePath })).body as SignedUrl;
      expect((await fetch(fileUrl(sim, again))).status).toBe(200);
    } finally { await sim.close(); }
  });

  it('size: the upload URL is for the announced size (and the cap); a larger PUT is refused and nothing stored', async () => {
    const sim = await startSimulator({ fileMaxBytes: 1000 });
    try {
      const { a } = await assigned(sim);
      expect((await a.client.request('.ams.ms.GenerateURLForUploadFile', { fileSize: 1001, fileType: 'PNG' })).code).toBe(400);
      expect((await a.client.request('.ams.ms.GenerateURLForUploadFile', { fileSize: 0, fileType: 'PNG' })).code).toBe(400);
      expect((await a.client.request('.ams.ms.GenerateURLForUploadFile', { fileSize: 10, fileType: 'HTML' })).code).toBe(400);
      // LivePerson's own examples send the size as a string
      expect((await a.client.request('.ams.ms.GenerateURLForUploadFile', { fileSize: '10', fileType: 'JPG' })).code).toBe(200);
      const up = await uploadUrl(a, 10);
      const tooBig = await fetch(fileUrl(sim, up), { method: 'PUT', body: Buffer.alloc(11, 1) });
      expect(tooBig.status).toBe(413);
      expect(sim.inspect.files().find((f) => f.relativePath === up.relativePath)?.bytes).toBeNull();
      // streamed without a length: cut off at the limit
      const streamed = await fetch(fileUrl(sim, up), {
        method: 'PUT',
        body: new ReadableStream({ start(ctl) { ctl.enqueue(new Uint8Array(8)); ctl.enqueue(new Uint8Array(8)); ctl.close(); } }),
        duplex: 'half',
      } as RequestInit & { duplex: 'half' }).then((r) => r.status, () => 413);
      expect(streamed).toBe(413);
      expect(sim.inspect.files().find((f) => f.relativePath === up.relativePath)?.bytes).toBeNull();
      expect((await fetch(fileUrl(sim, up), { method: 'PUT', body: Buffer.alloc(10, 1) })).status).toBe(201);
    } finally { await sim.close(); }
  });

  it('PublishEvent hosted/file must name an uploaded file of the store, with a known type', async () => {
    const sim = await startSimulator();
    try {
      const { a, convId } = await assigned(sim);
      const up = await uploadUrl(a, 4);
      const publish = (message: unknown) => a.client.request('.ams.ms.PublishEvent', { dialogId: convId, event: { type: 'ContentEvent', contentType: 'hosted/file', message } });
      // reserved but not uploaded yet
      expect((await publish({ relativePath: up.relativePath, fileType: 'PNG' })).code).toBe(400);
      expect((await publish({ relativePath: '/v1/AUTH_async-images/x/../../etc/passwd', fileType: 'PNG' })).code).toBe(400);
      expect((await publish('just text')).code).toBe(400);
      await fetch(fileUrl(sim, up), { method: 'PUT', body: Buffer.from('abcd') });
      expect((await publish({ relativePath: up.relativePath, fileType: 'EXE' })).code).toBe(400);
      expect((await publish({ relativePath: up.relativePath, fileType: 'PNG', caption: 7 })).code).toBe(400);
      expect((await publish({ relativePath: up.relativePath, fileType: 'PNG' })).code).toBe(200);
      // a download URL for a path the store does not hold
      expect((await a.client.request('.ams.ms.GenerateURLForDownloadFile', { relativePath: '/elsewhere/x.png' })).code).toBe(400);
    } finally { await sim.close(); }
  });

  it('consumer API: a file message in process and over HTTP (bytes stored as given, or a raw relativePath)', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const { a, convId } = await assigned(sim);
      const c = sim.consumers.get(convId);
      if (!c) throw new Error('no consumer');
      const from = a.client.frames.length;
      const sent = await c.sendFile({ fileType: 'JPEG', caption: 'my receipt', bytes: PNG });
      const ev = await waitEvent(a.client, (e) => e.event.contentType === 'hosted/file', 4000, from);
      expect(ev).toMatchObject({ originatorMetadata: { role: 'CONSUMER' }, event: { type: 'ContentEvent', message: { caption: 'my receipt', relativePath: sent.relativePath, fileType: 'JPEG' } } });
      expect(ev.sequence).toBe(sent.sequence);
      const auth = { Authorization: `Bearer ${sim.httpApi?.token ?? ''}` };
      const path = `${sim.baseUrl}/sim/consumer/conversations/${convId}/files`;
      const http = await postJson(path, { fileType: 'PNG', base64: PNG.toString('base64') }, auth);
      expect(http.status).toBe(200);
      const body = JSON.parse(http.text) as { sequence: number; relativePath: string };
      expect(sim.inspect.files().find((f) => f.relativePath === body.relativePath)?.bytes).toEqual(new Uint8Array(PNG));
      const raw = await postJson(path, { fileType: 'PNG', relativePath: '../../etc/passwd', caption: '<b>x</b>' }, auth);
      expect(JSON.parse(raw.text)).toMatchObject({ relativePath: '../../etc/passwd' });
      expect(sim.inspect.messages(convId).at(-1)?.event.message).toEqual({ caption: '<b>x</b>', relativePath: '../../etc/passwd', fileType: 'PNG' });
      expect((await postJson(path, { fileType: 'PNG' }, auth)).status).toBe(400);
      expect((await postJson(path, { base64: 'AAAA' }, auth)).status).toBe(400);
      expect((await postJson(path, { fileType: 'PNG', base64: '' }, auth)).status).toBe(400);
    } finally { await sim.close(); }
  });
});
