/**
 * A recording HTTP proxy in front of a simulator started by the test, so a spec learns the secrets the
 * simulator ISSUED to the app (bearer, csrf, wsuk, session cookie) and can look for them on disk and
 * in logs. The app is given `recorder.csdsUrl`: the CSDS answer is rewritten so agentVep (login,
 * refresh, logout) goes through here; every other service (REST, the socket) talks to the simulator
 * directly. Nothing is changed but that one host.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulator } from '../../src-main/simulator/api';

export interface LoginRecorder {
  /** Give this to session/login as csdsUrl. */
  readonly csdsUrl: string;
  /** Every secret the simulator handed out through here (login bodies, Set-Cookie values). */
  readonly issued: Set<string>;
  /** Resolves once a login answered 200 through here. */
  readonly loggedIn: Promise<void>;
  close(): Promise<void>;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const CSDS = /\/service\/baseURI\.json/;
const LOGIN = /^\/api\/account\/[^/]+\/login/;

export async function startLoginRecorder(sim: Simulator): Promise<LoginRecorder> {
  const target = new URL(sim.baseUrl);
  const issued = new Set<string>();
  let markLoggedIn: () => void = () => undefined;
  const loggedIn = new Promise<void>((resolve) => {
    markLoggedIn = resolve;
  });
  let self = '';
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
      const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
        const r = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, resolve);
        r.on('error', reject);
        r.end(body);
      });
      let out = await readAll(upstream);
      const path = req.url ?? '';
      if (CSDS.test(path) && upstream.statusCode === 200) {
        const parsed = JSON.parse(out.toString('utf8')) as { baseURIs?: Array<{ service: string; baseURI: string }> };
        for (const entry of parsed.baseURIs ?? []) if (entry.service === 'agentVep') entry.baseURI = self;
        out = Buffer.from(JSON.stringify(parsed));
      }
      if (LOGIN.test(path) && upstream.statusCode === 200) {
        const parsed = JSON.parse(out.toString('utf8')) as Record<string, unknown>;
        for (const key of ['bearer', 'csrf', 'wsuk']) {
          const v = parsed[key];
          if (typeof v === 'string' && v !== '') issued.add(v);
        }
      }
      for (const cookie of [upstream.headers['set-cookie'] ?? []].flat()) {
        const value = /^[^=]+=([^;]+)/.exec(cookie)?.[1];
        if (value) issued.add(value);
      }
      const outHeaders = { ...upstream.headers };
      delete outHeaders['transfer-encoding'];
      outHeaders['content-length'] = String(out.length);
      res.writeHead(upstream.statusCode ?? 502, outHeaders);
      res.end(out);
      if (LOGIN.test(path) && upstream.statusCode === 200) markLoggedIn();
    })().catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`login recorder: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  self = `127.0.0.1:${port}`;
  return {
    csdsUrl: `http://${self}`,
    issued,
    loggedIn,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
