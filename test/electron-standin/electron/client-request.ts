/**
 * `net.request` → a `ClientRequest` (docs api/client-request, api/incoming-message), modelled on
 * Node's http/https, which is what electron-updater's ElectronHttpExecutor drives. Modelled as
 * Electron documents it:
 * - options: a URL string, or `{ method, url | protocol/hostname/host/port/path, headers, redirect,
 *   session | partition }`; `headers` are sent as given; the session is recorded, not used (no
 *   proxy, no cookies: the connection is direct — proxies are modelled for `session.fetch` only).
 * - `redirect`: 'follow' (default) follows 3xx itself; 'manual' emits `redirect(statusCode, method,
 *   redirectUrl, responseHeaders)` and waits for `followRedirect()` or `abort()`; 'error' fails
 *   the request.
 * - events: `response(IncomingMessage)` — a readable stream (Electron's IncomingMessage extends
 *   Readable, lib/browser/api/net.ts) with statusCode, statusMessage, headers, and 'data' / 'end' /
 *   'error' / 'aborted'; `error(Error)` for a network failure (as `net::ERR_*` words); `abort`;
 *   `finish` once the request body is sent; `close` at the end.
 * - `login` (proxy / server authentication) is not modelled.
 * Every request is recorded (`recorded.netRequests`: method, URL, session partition).
 */
import { EventEmitter } from 'node:events';
import { request as httpRequest, type ClientRequest as NodeClientRequest, type IncomingMessage as NodeIncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { changed, recorded } from './record';

type Options = Electron.ClientRequestConstructorOptions;

function urlOf(options: Options): URL {
  if (options.url) return new URL(options.url);
  const protocol = options.protocol ?? 'http:';
  const host = options.hostname ?? options.host ?? 'localhost';
  const port = options.port ? `:${options.port}` : '';
  return new URL(`${protocol}//${host}${port}${options.path ?? '/'}`);
}

/** Chromium's words for Node's connection errors (what a real net.request reports). */
function chromiumError(err: NodeJS.ErrnoException): Error {
  const code = err.code === 'ECONNREFUSED' ? 'net::ERR_CONNECTION_REFUSED'
    : err.code === 'ECONNRESET' ? 'net::ERR_CONNECTION_RESET'
      : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? 'net::ERR_NAME_NOT_RESOLVED'
        : err.code === 'ETIMEDOUT' ? 'net::ERR_TIMED_OUT' : 'net::ERR_FAILED';
  return new Error(code);
}

export class StandinClientRequest extends EventEmitter implements Pick<Electron.ClientRequest, 'abort' | 'followRedirect' | 'setHeader' | 'getHeader' | 'removeHeader' | 'write'> {
  chunkedEncoding = false;
  private url: URL;
  private readonly method: string;
  private readonly headers: Record<string, string | string[]>;
  private readonly redirect: 'follow' | 'error' | 'manual';
  private readonly body: Buffer[] = [];
  private current: NodeClientRequest | null = null;
  private pendingRedirect: URL | null = null;
  private redirects = 0;
  private aborted = false;

  constructor(options: Options | string) {
    super();
    const o: Options = typeof options === 'string' ? { url: options } : options;
    this.url = urlOf(o);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') throw new Error(`Invalid URL: ${this.url.href}`);
    this.method = (o.method ?? 'GET').toUpperCase();
    this.headers = { ...(o.headers ?? {}) };
    this.redirect = o.redirect ?? 'follow';
    const sessionPartition = (o.session as { partition?: string } | undefined)?.partition;
    recorded.netRequests.push({ method: this.method, url: this.url.href, partition: o.partition ?? sessionPartition ?? '' });
    changed();
  }

  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  getHeader(name: string): string {
    const v = this.headers[name] ?? this.headers[name.toLowerCase()];
    return Array.isArray(v) ? v.join(', ') : (v ?? '');
  }
  removeHeader(name: string): void {
    delete this.headers[name];
  }
  write(chunk: string | Buffer, encoding?: string, callback?: () => void): boolean {
    this.body.push(typeof chunk === 'string' ? Buffer.from(chunk, (encoding ?? 'utf8') as BufferEncoding) : chunk);
    callback?.();
    return true;
  }
  /** Electron's `end(chunk?, encoding?, callback?)` (returns the request; not in the Pick: this is not a whole ClientRequest). */
  end(chunk?: string | Buffer, encoding?: string | (() => void), callback?: () => void): this {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (chunk !== undefined) this.write(chunk, typeof encoding === 'string' ? encoding : undefined);
    this.send();
    done?.();
    return this;
  }
  followRedirect(): void {
    const next = this.pendingRedirect;
    if (!next) return;
    this.pendingRedirect = null;
    this.url = next;
    this.send();
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.current?.destroy();
    this.emit('abort');
    this.emit('close');
  }

  private send(): void {
    if (this.aborted) return;
    const request = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(this.url, { method: this.method, headers: this.headers }, (res) => this.onResponse(res));
    this.current = req;
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (!this.aborted) this.emit('error', chromiumError(err));
    });
    for (const b of this.body) req.write(b);
    req.end(() => this.emit('finish'));
  }

  private onResponse(res: NodeIncomingMessage): void {
    if (this.aborted) {
      res.destroy();
      return;
    }
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location !== undefined) {
      res.resume();
      const next = new URL(location, this.url);
      if (this.redirect === 'error') {
        this.emit('error', new Error('net::ERR_FAILED (redirect mode is error)'));
        return;
      }
      if (++this.redirects > 20) {
        this.emit('error', new Error('net::ERR_TOO_MANY_REDIRECTS'));
        return;
      }
      if (this.redirect === 'manual') {
        this.pendingRedirect = next;
        this.emit('redirect', status, this.method, next.href, res.headers);
        return;
      }
      this.url = next;
      this.send();
      return;
    }
    // A connection lost mid-body: Node's IncomingMessage emits 'aborted' then 'error', as Electron's does.
    res.on('close', () => this.emit('close'));
    this.emit('response', res);
  }
}
