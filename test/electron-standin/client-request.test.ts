// The stand-in's net.request (client-request.ts) behaves as Electron documents it, on a loopback
// server: a response is a readable stream, 'manual' redirects wait for followRedirect(), a refused
// connection is a net:: error, a body cut mid-way errors on the response, and requests are recorded.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StandinClientRequest } from './electron/client-request';
import { recorded } from './electron/record';
import { session } from './electron/session';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/moved') { res.writeHead(302, { location: '/file' }); res.end(); return; }
    if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(100), () => res.socket?.destroy());
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'x-seen-header': String(req.headers['x-test'] ?? '') });
    res.end(`body of ${req.url ?? ''}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const body = (res: IncomingMessage): Promise<string> => new Promise((resolve, reject) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (text += c));
  res.on('end', () => resolve(text));
  res.on('error', reject);
});

describe('stand-in net.request', () => {
  it('GET with headers: response with status, headers and a readable body; recorded with the session partition', async () => {
    const req = new StandinClientRequest({ url: `${base}/file`, headers: { 'x-test': 'yes' }, session: session.fromPartition('electron-updater') as unknown as Electron.Session });
    const res = await new Promise<IncomingMessage>((resolve) => { req.on('response', resolve); req.end(); });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-seen-header']).toBe('yes');
    expect(await body(res)).toBe('body of /file');
    expect(recorded.netRequests.at(-1)).toEqual({ method: 'GET', url: `${base}/file`, partition: 'electron-updater' });
    expect(session.fromPartition('electron-updater')).toBe(session.fromPartition('electron-updater'));
    expect(session.fromPartition('')).toBe(session.defaultSession);
  });

  it('redirect manual: emits redirect and waits; followRedirect continues; follow (default) follows by itself', async () => {
    const manual = new StandinClientRequest({ protocol: 'http:', hostname: '127.0.0.1', port: Number(new URL(base).port), path: '/moved', redirect: 'manual' });
    const redirected = new Promise<[number, string, string]>((resolve) => manual.on('redirect', (status: number, method: string, url: string) => resolve([status, method, url])));
    const response = new Promise<IncomingMessage>((resolve) => manual.on('response', resolve));
    manual.end();
    expect(await redirected).toEqual([302, 'GET', `${base}/file`]);
    manual.followRedirect();
    expect(await body(await response)).toBe('body of /file');
    const follow = new StandinClientRequest(`${base}/moved`);
    const res = await new Promise<IncomingMessage>((resolve) => { follow.on('response', resolve); follow.end(); });
    expect(await body(res)).toBe('body of /file');
  });

  it('a refused connection is net::ERR_CONNECTION_REFUSED; a body cut mid-way errors on the response', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = new StandinClientRequest(`http://127.0.0.1:${port}/`);
    const err = await new Promise<Error>((resolve) => { refused.on('error', resolve); refused.end(); });
    expect(err.message).toBe('net::ERR_CONNECTION_REFUSED');
    const cut = new StandinClientRequest(`${base}/cut`);
    const res = await new Promise<IncomingMessage>((resolve) => { cut.on('response', resolve); cut.end(); });
    await expect(body(res)).rejects.toThrow();
  });
});
