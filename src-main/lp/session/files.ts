/**
 * Files both ways (lp-protocol.md §6 hosted/file, GenerateURLFor{Upload,Download}File; §9 swift).
 *
 * Download: only a file a message of the conversation names; its relativePath checked
 * (decisions/files.ts), a download URL asked for, the bytes fetched from the host CSDS names `swift`
 * and no other (connection.fileExchange) with a 25 MB cap, then judged by content (inspectImage).
 *
 * Upload: checked by content and size BEFORE anything is sent; upload URL → PUT → the item enters the
 * outbox with its relativePath, and the outbox publishes it exactly once (ExternalId, then matching
 * by relativePath after a lost response: decisions/outbox.ts). Interrupted (socket drop while asking
 * for the URL, network error during the PUT) it is retried once after the link is back; a PUT that
 * reaches a store which already has the file (409) counts as uploaded. A failed upload keeps its bytes
 * in memory so that `retryFile` can start it again; an uploaded file waiting to be published is
 * persisted in the outbox (its reference, never its bytes).
 */
import { randomUUID } from 'node:crypto';
import { LpError } from '../base/errors';
import { FILE_LIMITS, FILE_PROBLEM_TEXT, checkRelativePath, inspectImage } from '../decisions/files';
import { richImages } from '../decisions/rich-content';
import type { OutboxItem } from '../decisions/outbox';
import type { ChatMessage, FileProblem, ImageKind } from '../protocol/model';
import type { FileDownload, SendFileInput } from './api';
import type { SessionContext } from './context';
import { messageAt } from './messages';
import { drain } from './outbox';
import { pendingMessage } from './outbox-items';

const GENERATE_UPLOAD_URL = '.ams.ms.GenerateURLForUploadFile';
const GENERATE_DOWNLOAD_URL = '.ams.ms.GenerateURLForDownloadFile';
/** How long a PUT or GET of a file may take. */
const TRANSFER_TIMEOUT_MS = 120_000;
/** How long an interrupted upload waits for the link to come back before it fails. */
const RELINK_WAIT_MS = 60_000;

/** A file could not be fetched, shown or sent: `problem` says why (words: FILE_PROBLEM_TEXT). */
export class FileError extends Error {
  override readonly name = 'FileError';
  constructor(readonly problem: FileProblem, detail?: string) {
    super(detail ? `${FILE_PROBLEM_TEXT[problem]} (${detail})` : FILE_PROBLEM_TEXT[problem]);
  }
}

interface SignedUrl { relativePath: string; query: Record<string, string> }

function signedUrlOf(body: unknown, expectPath?: string): SignedUrl {
  const b = body as { relativePath?: unknown; queryParams?: unknown } | null;
  const path = b?.relativePath;
  if (typeof path !== 'string' || !checkRelativePath(path) || (expectPath !== undefined && path !== expectPath)) {
    throw new FileError('bad-reference', 'the file store answered with another path');
  }
  const q = b?.queryParams;
  const query: Record<string, string> = {};
  if (typeof q === 'object' && q !== null) {
    for (const [k, v] of Object.entries(q)) if (typeof v === 'string' || typeof v === 'number') query[k] = String(v);
  }
  return { relativePath: path, query };
}

function transferProblem(status: number): FileProblem {
  if (status === 401 || status === 403) return 'expired';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 413) return 'too-large';
  return 'refused';
}

function asFileError(err: unknown): FileError {
  if (err instanceof FileError) return err;
  if (err instanceof LpError && /too large/.test(err.message)) return new FileError('too-large');
  if (err instanceof LpError && err.network === true) return new FileError('network', err.message);
  if (err instanceof LpError && err.code === 0) return new FileError('network', err.message);
  return new FileError('refused', err instanceof Error ? err.message : String(err));
}

export async function downloadFile(ctx: SessionContext, conversationId: string, sequence: number): Promise<FileDownload> {
  const ref = (await messageAt(ctx, conversationId, sequence).catch((err: unknown) => { throw asFileError(err); }))?.file;
  if (!ref || !checkRelativePath(ref.relativePath)) throw new FileError('bad-reference');
  try {
    const resp = await ctx.rt.request(GENERATE_DOWNLOAD_URL, { relativePath: ref.relativePath });
    const url = signedUrlOf(resp.body, ref.relativePath);
    const res = await ctx.rt.connection.fileExchange({ method: 'GET', relativePath: url.relativePath, query: url.query, maxBytes: FILE_LIMITS.maxBytes, timeoutMs: TRANSFER_TIMEOUT_MS });
    if (res.status < 200 || res.status > 299) throw new FileError(transferProblem(res.status), `HTTP ${res.status}`);
    const check = inspectImage(res.bytes);
    if (!check.ok) throw new FileError(check.problem);
    return { kind: check.kind, mime: check.mime, width: check.width, height: check.height, size: check.size, bytes: res.bytes };
  } catch (err) {
    if (err instanceof LpError && err.code >= 400 && err.code < 500) throw new FileError('expired', err.message);
    throw asFileError(err);
  }
}

/**
 * An image inside a message's structured content (its `imageIndex`-th image element, decisions/
 * rich-content.ts richImages): the URL is the one the core's normaliser kept (https only) — the
 * caller names the image, never a URL. Fetched through the connection's transport (connection.imageGet:
 * no bearer, no cookies, no redirect) under the 25 MB cap, then judged by content exactly as a file.
 */
export async function downloadRichImage(ctx: SessionContext, conversationId: string, sequence: number, imageIndex: number): Promise<FileDownload> {
  const rich = (await messageAt(ctx, conversationId, sequence).catch((err: unknown) => { throw asFileError(err); }))?.rich;
  const url = Number.isInteger(imageIndex) && imageIndex >= 0 ? richImages(rich?.root)[imageIndex]?.url : undefined;
  if (url === undefined || !/^https:\/\//i.test(url)) throw new FileError('bad-reference');
  try {
    const res = await ctx.rt.connection.imageGet({ url, maxBytes: FILE_LIMITS.maxBytes, timeoutMs: TRANSFER_TIMEOUT_MS });
    if (res.status < 200 || res.status > 299) {
      const problem: FileProblem = res.status === 404 || res.status === 410 ? 'not-found' : res.status === 413 ? 'too-large' : 'refused';
      throw new FileError(problem, `HTTP ${res.status}`);
    }
    const check = inspectImage(res.bytes);
    if (!check.ok) throw new FileError(check.problem);
    return { kind: check.kind, mime: check.mime, width: check.width, height: check.height, size: check.size, bytes: res.bytes };
  } catch (err) {
    throw asFileError(err);
  }
}

// ---------- upload ----------

interface PendingUpload { conversationId: string; input: SendFileInput; kind: ImageKind; createdAt: number }
/** Failed uploads whose bytes are kept for retryFile, per session. */
const failedUploads = new WeakMap<SessionContext, Map<string, PendingUpload>>();
function failedOf(ctx: SessionContext): Map<string, PendingUpload> {
  let m = failedUploads.get(ctx);
  if (!m) { m = new Map(); failedUploads.set(ctx, m); }
  return m;
}

function description(kind: string, caption: string | undefined): string {
  return `[${kind} file]${caption ? ` ${caption}` : ''}`;
}

function uploadingMessage(ctx: SessionContext, localId: string, up: PendingUpload): ChatMessage {
  const caption = up.input.caption;
  const item: OutboxItem = {
    localId, conversationId: up.conversationId, text: description(up.kind, caption), createdAt: up.createdAt,
    file: { relativePath: '', fileType: up.kind, size: up.input.bytes.length, ...(caption ? { caption } : {}) },
  };
  if (up.input.private === true) item.private = true;
  const m = pendingMessage(ctx, item, 'sending');
  if (m.file) m.file.uploading = true;
  return m;
}

function refusedMessage(ctx: SessionContext, localId: string, conversationId: string, text: string, error: string): ChatMessage {
  const m = pendingMessage(ctx, { localId, conversationId, text, createdAt: ctx.rt.clock.now() }, 'failed');
  m.contentType = 'hosted/file';
  m.error = error;
  return m;
}

/** Resolves true once the link is live (at once when it is), false after `ms`. */
function waitLive(ctx: SessionContext, ms: number): Promise<boolean> {
  if (ctx.link.live) return Promise.resolve(true);
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: boolean): void => {
      if (done) return;
      done = true;
      off();
      ctx.rt.clock.clearTimeout(timer);
      resolve(v);
    };
    const off = ctx.rt.events.on('connection', () => { if (ctx.link.live) finish(true); });
    const timer = ctx.rt.clock.setTimeout(() => finish(ctx.link.live), ms);
  });
}

/** Retries `fn` once after the link is back when it failed for want of a connection or network. */
async function onceMore<T>(ctx: SessionContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = asFileError(err);
    if (e.problem !== 'network' || ctx.rt.stopped) throw err;
    ctx.rt.log('info', 'File upload interrupted: trying once more when connected', err);
    if (!(await waitLive(ctx, RELINK_WAIT_MS))) throw err;
    return fn();
  }
}

async function upload(ctx: SessionContext, up: PendingUpload): Promise<string> {
  const { bytes } = up.input;
  const url = await onceMore(ctx, async () => signedUrlOf((await ctx.rt.request(GENERATE_UPLOAD_URL, { fileSize: bytes.length, fileType: up.kind })).body));
  let tries = 0;
  const put = async (): Promise<void> => {
    tries += 1;
    const res = await ctx.rt.connection.fileExchange({ method: 'PUT', relativePath: url.relativePath, query: url.query, body: bytes, maxBytes: 64 * 1024, timeoutMs: TRANSFER_TIMEOUT_MS });
    if (res.status === 409 && tries > 1) return; // the interrupted first PUT had landed
    if (res.status < 200 || res.status > 299) throw new FileError(transferProblem(res.status), `HTTP ${res.status}`);
  };
  await onceMore(ctx, put);
  return url.relativePath;
}

function start(ctx: SessionContext, localId: string, up: PendingUpload): ChatMessage {
  const m = uploadingMessage(ctx, localId, up);
  const list = ctx.convs.listFor(up.conversationId);
  list.addPending(m);
  ctx.rt.emit('message', { ...m });
  void upload(ctx, up).then((relativePath) => {
    const caption = up.input.caption;
    const item: OutboxItem = {
      localId, conversationId: up.conversationId, text: description(up.kind, caption), createdAt: up.createdAt,
      file: { relativePath, fileType: up.kind, size: up.input.bytes.length, ...(caption ? { caption } : {}) },
    };
    if (up.input.private === true) item.private = true;
    const pending = ctx.convs.listIfAny(up.conversationId)?.byLocalId(localId);
    if (!pending || pending.delivery === 'failed') return; // the conversation ended meanwhile
    ctx.outbox.items.add(item);
    if (pending.file) { pending.file.relativePath = relativePath; delete pending.file.uploading; }
    ctx.rt.emit('message', { ...pending, ...(pending.file ? { file: { ...pending.file } } : {}) });
    drain(ctx, up.conversationId);
  }, (err: unknown) => {
    const e = asFileError(err);
    ctx.rt.log('warn', 'File upload failed', err);
    failedOf(ctx).set(localId, up);
    const failed = ctx.convs.listIfAny(up.conversationId)?.removePending(localId) ?? uploadingMessage(ctx, localId, up);
    failed.delivery = 'failed';
    failed.error = `Upload failed: ${e.message}`;
    if (failed.file) delete failed.file.uploading;
    ctx.rt.emit('message', { ...failed, ...(failed.file ? { file: { ...failed.file } } : {}) });
  });
  return { ...m, ...(m.file ? { file: { ...m.file } } : {}) };
}

/** AgentSession.sendFile: checks by content and size first; nothing is sent for a refused file. */
export function sendFile(ctx: SessionContext, conversationId: string, input: SendFileInput): ChatMessage {
  const localId = `l-${randomUUID()}`;
  const caption = input.caption?.trim() ? input.caption.slice(0, FILE_LIMITS.maxCaptionChars) : undefined;
  if (input.bytes.length > FILE_LIMITS.maxBytes) return refusedMessage(ctx, localId, conversationId, '[file]', `Not sent: ${FILE_PROBLEM_TEXT['too-large']}`);
  const check = inspectImage(input.bytes);
  if (!check.ok) return refusedMessage(ctx, localId, conversationId, '[file]', `Not sent: ${FILE_PROBLEM_TEXT[check.problem]}`);
  // Unlike a text, a file is not queued for a conversation not known (yet) to be open: nothing would be uploaded for nothing.
  if (!ctx.convs.has(conversationId)) {
    return refusedMessage(ctx, localId, conversationId, description(check.kind, caption), 'Unknown or closed conversation; the file was not sent');
  }
  const up: PendingUpload = { conversationId, input: { ...input, ...(caption ? { caption } : {}) }, kind: check.kind, createdAt: ctx.rt.clock.now() };
  if (!caption) delete up.input.caption;
  return start(ctx, localId, up);
}

/** AgentSession.retryFile: starts a failed upload again (same localId); undefined when none is kept. */
export function retryFile(ctx: SessionContext, localId: string): ChatMessage | undefined {
  const up = failedOf(ctx).get(localId);
  if (!up) return undefined;
  failedOf(ctx).delete(localId);
  if (!ctx.convs.has(up.conversationId)) return refusedMessage(ctx, localId, up.conversationId, description(up.kind, up.input.caption), 'Unknown or closed conversation; the file was not sent');
  return start(ctx, localId, up);
}
