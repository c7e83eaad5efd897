/**
 * Child process of official-sdk-files.test.ts: LivePerson's node-agent-sdk (npm, bench/peer) against
 * the TLS simulator, using the SDK's own file requests as its README documents them —
 * `agent.generateURLForUploadFile({fileSize, fileType}, cb)` and
 * `agent.generateURLForDownloadFile({relativePath}, cb)` — then the upload (PUT) and download (GET) on
 * the `swift` host CSDS names, as LivePerson's file-sharing example does. NODE_EXTRA_CA_CERTS (the
 * simulator's certificate) is set by the parent: the SDK hard-codes https/wss (lp-protocol.md §13).
 * Prints one JSON line with what happened, then exits.
 */
import { createRequire } from 'node:module';
import { request } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Callback = (err: unknown, body: { relativePath: string; queryParams: Record<string, string> }) => void;
interface SdkAgent {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  generateURLForUploadFile(body: unknown, cb: Callback): void;
  generateURLForDownloadFile(body: unknown, cb: Callback): void;
  dispose?(): void;
}

const peerDir = fileURLToPath(new URL('../../bench/peer/', import.meta.url));
const sdk = createRequire(join(peerDir, 'package.json'))('node-agent-sdk') as { Agent: new (conf: Record<string, unknown>) => SdkAgent };
const env = (k: string): string => process.env[k] ?? '';
const bytes = Buffer.from(env('PEER_FILE_BASE64'), 'base64');

function finish(result: Record<string, unknown>): never {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

function call(agent: SdkAgent, method: 'generateURLForUploadFile' | 'generateURLForDownloadFile', body: unknown): Promise<{ relativePath: string; queryParams: Record<string, string> }> {
  return new Promise((resolve, reject) => agent[method](body, (err, resp) => (err ? reject(new Error(JSON.stringify(err))) : resolve(resp))));
}

function https(method: 'PUT' | 'GET', url: string, body?: Buffer): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const r = request(url, { method, headers: body ? { 'Content-Length': String(body.length) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

async function swiftHost(): Promise<string> {
  const res = await https('GET', `https://${env('PEER_CSDS')}/api/account/${env('PEER_ACCOUNT')}/service/baseURI.json?version=1.0`);
  const list = (JSON.parse(res.body.toString('utf8')) as { baseURIs: Array<{ service: string; baseURI: string }> }).baseURIs;
  return list.find((s) => s.service === 'swift')?.baseURI ?? '';
}

const agent = new sdk.Agent({ accountId: env('PEER_ACCOUNT'), username: env('PEER_USER'), password: env('PEER_PASS'), csdsDomain: env('PEER_CSDS') });
agent.on('error', (e: unknown) => finish({ error: `sdk error: ${e instanceof Error ? e.message : JSON.stringify(e)}` }));
let started = false;
agent.on('connected', () => {
  if (started) return;
  started = true;
  void (async () => {
    const host = await swiftHost();
    const up = await call(agent, 'generateURLForUploadFile', { fileSize: bytes.length, fileType: 'PNG' });
    const q = (u: { queryParams: Record<string, string> }): string => `temp_url_sig=${u.queryParams.temp_url_sig}&temp_url_expires=${u.queryParams.temp_url_expires}`;
    const put = await https('PUT', `https://${host}${up.relativePath}?${q(up)}`, bytes);
    const down = await call(agent, 'generateURLForDownloadFile', { relativePath: up.relativePath });
    const got = await https('GET', `https://${host}${down.relativePath}?${q(down)}`);
    const refused = await call(agent, 'generateURLForDownloadFile', { relativePath: '/v1/AUTH_async-images/nothing-here.png' }).then(() => 'answered', (e: unknown) => String(e));
    agent.dispose?.();
    finish({ host, upload: up, putStatus: put.status, download: down, getStatus: got.status, same: got.body.equals(bytes), refused });
  })().catch((e: unknown) => finish({ error: e instanceof Error ? e.message : String(e) }));
});
setTimeout(() => finish({ error: 'no result within 60 s' }), 60_000).unref();
