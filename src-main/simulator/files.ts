/**
 * File storage, as LivePerson's `swift` service does it (lp-protocol.md §6 GenerateURLFor{Upload,Download}File,
 * §9 "upload = PUT https://{swift}{relativePath}?temp_url_sig=…&temp_url_expires=…"), on the simulator's port.
 *
 * A URL is a relativePath plus `temp_url_sig` and `temp_url_expires` (epoch seconds): the signature is
 * HMAC-SHA256 (a per-run key) over "METHOD\nexpires\nrelativePath", so an upload URL does not download,
 * a download URL does not upload, and neither works for another path or after it expires.
 *   PUT {relativePath}?sig&expires  body = the bytes (at most the size asked for, and the cap)  → 201
 *   GET {relativePath}?sig&expires                                                              → 200 the bytes
 * Refusals: 401 bad or expired signature, 404 no such file (or not uploaded yet), 405 other method,
 * 409 a second PUT to the same path, 413 larger than announced. The simulator stores bytes as given:
 * it never inspects content (a client must check type by content itself).
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendEmpty, sendJson } from './http-util';
import type { SimContext, StoredFile } from './state';

/** Types a client may ask an upload URL for (§6 names JPG/PNG/GIF/JPEG; the rest as LivePerson's file sharing lists). */
export const FILE_TYPES = ['JPG', 'JPEG', 'PNG', 'GIF', 'PDF', 'DOCX', 'XLSX', 'PPTX'] as const;
export const FILE_PATH_PREFIX = '/v1/AUTH_async-images/';

export interface SignedFileUrl {
  relativePath: string;
  queryParams: { temp_url_sig: string; temp_url_expires: string };
}

const KEYS = new WeakMap<SimContext, Buffer>();
function keyOf(ctx: SimContext): Buffer {
  let k = KEYS.get(ctx);
  if (!k) { k = randomBytes(32); KEYS.set(ctx, k); }
  return k;
}

function signature(ctx: SimContext, method: 'PUT' | 'GET', expires: string, relativePath: string): string {
  return createHmac('sha256', keyOf(ctx)).update(`${method}\n${expires}\n${relativePath}`).digest('hex');
}

export function signUrl(ctx: SimContext, method: 'PUT' | 'GET', relativePath: string): SignedFileUrl {
  const expires = String(Math.floor((ctx.opts.clock.now() + ctx.opts.fileUrlTtlMs) / 1000));
  return { relativePath, queryParams: { temp_url_sig: signature(ctx, method, expires, relativePath), temp_url_expires: expires } };
}

/** A new, empty slot for an upload of `fileSize` bytes of `fileType`. */
export function reserveFile(ctx: SimContext, fileType: string, fileSize: number): string {
  const relativePath = `${FILE_PATH_PREFIX}${ctx.opts.accountId}/${randomUUID()}.${fileType.toLowerCase()}`;
  ctx.files.set(relativePath, { relativePath, fileType, announcedSize: fileSize, bytes: null, createdAt: ctx.opts.clock.now() });
  return relativePath;
}

/** Stores bytes directly (a consumer's file): returns the new relativePath. */
export function storeFile(ctx: SimContext, fileType: string, bytes: Uint8Array): string {
  const relativePath = reserveFile(ctx, fileType, bytes.length);
  const f = ctx.files.get(relativePath);
  if (f) f.bytes = Buffer.from(bytes);
  return relativePath;
}

function validSignature(ctx: SimContext, method: 'PUT' | 'GET', path: string, url: URL): 'ok' | 'bad' | 'expired' {
  const sig = url.searchParams.get('temp_url_sig') ?? '';
  const expires = url.searchParams.get('temp_url_expires') ?? '';
  if (!/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(sig)) return 'bad';
  const want = Buffer.from(signature(ctx, method, expires, path), 'hex');
  if (!timingSafeEqual(want, Buffer.from(sig, 'hex'))) return 'bad';
  return Number(expires) * 1000 < ctx.opts.clock.now() ? 'expired' : 'ok';
}

function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) { over = true; resolve('too-large'); return; }
      chunks.push(c);
    });
    req.on('end', () => { if (!over) resolve(Buffer.concat(chunks)); });
    req.on('error', reject);
  });
}

async function put(ctx: SimContext, file: StoredFile, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (file.bytes !== null) { sendJson(res, 409, { error: 'file already uploaded' }); req.resume(); return; }
  const declared = Number(req.headers['content-length'] ?? NaN);
  const limit = Math.min(file.announcedSize, ctx.opts.fileMaxBytes);
  if (Number.isFinite(declared) && declared > limit) {
    sendJson(res, 413, { error: `file larger than the ${limit} bytes announced` }, { Connection: 'close' });
    req.resume();
    return;
  }
  const body = await readLimited(req, limit);
  if (body === 'too-large') { sendJson(res, 413, { error: `file larger than the ${limit} bytes announced` }, { Connection: 'close' }); return; }
  if (body.length === 0) { sendJson(res, 400, { error: 'empty body' }); return; }
  file.bytes = body;
  ctx.log(`file uploaded: ${file.relativePath} (${body.length} bytes)`);
  sendEmpty(res, 201);
}

/** Returns true when the path is the file store's (and answered). */
export function handleFileHttp(ctx: SimContext, method: string, url: URL, req: IncomingMessage, res: ServerResponse): boolean {
  const path = url.pathname;
  if (!path.startsWith(FILE_PATH_PREFIX)) return false;
  if (method !== 'PUT' && method !== 'GET') { sendJson(res, 405, { error: 'Method not allowed' }); return true; }
  const check = validSignature(ctx, method, path, url);
  if (check !== 'ok') { sendJson(res, 401, { error: check === 'expired' ? 'Temp URL expired' : 'Temp URL invalid' }); req.resume(); return true; }
  const file = ctx.files.get(path);
  if (!file) { sendJson(res, 404, { error: 'Not found' }); req.resume(); return true; }
  if (method === 'PUT') {
    put(ctx, file, req, res).catch((e: unknown) => { if (!res.headersSent) sendJson(res, 500, { error: e instanceof Error ? e.message : 'internal error' }); });
    return true;
  }
  if (file.bytes === null) { sendJson(res, 404, { error: 'Not found' }); return true; }
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': file.bytes.length });
  res.end(file.bytes);
  return true;
}

/** Public images (Simulator.serveImage): what a CDN serves for rich content's image URLs. */
export const STATIC_IMAGE_PREFIX = '/static/images/';

export function handleStaticImage(ctx: SimContext, method: string, path: string, res: ServerResponse): boolean {
  if (!path.startsWith(STATIC_IMAGE_PREFIX)) return false;
  const img = method === 'GET' ? ctx.staticImages.get(path.slice(STATIC_IMAGE_PREFIX.length)) : undefined;
  if (!img) { sendJson(res, method === 'GET' ? 404 : 405, { error: method === 'GET' ? 'Not found' : 'Method not allowed' }); return true; }
  res.writeHead(200, { 'Content-Type': img.contentType, 'Content-Length': img.bytes.length });
  res.end(img.bytes);
  return true;
}
