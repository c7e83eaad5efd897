/**
 * JSON over HTTP(S) for the REST side (CSDS, login/refresh/logout, skills…) through the injected
 * Transport (transport.ts), with a timeout on the injected clock, a small cookie jar (Session_id
 * from login goes back on refresh/logout), the
 * `LPAgentDesktop/<ver>` User-Agent (option `userAgent`), redacted logging, and error mapping per lp-protocol.md §2/§8:
 * status > 299 → LpError(code = status, message from the error body); a 2xx body carrying
 * `error.internalCode` → LpError(code = internalCode).
 */
import type { Clock } from '../base/clock';
import { realClock } from '../base/clock';
import { LpError } from '../base/errors';
import type { Logger } from '../base/log';
import { silentLogger } from '../base/log';
import { redact, registerSecret } from '../base/redact';
import { TransportError, type Transport, type TransportResponse } from './transport';
import { classifyNetworkError, presentedOf } from './network-errors';

/**
 * The User-Agent sent on every REST call and on the socket upgrade when the embedder gives none
 * (`userAgent` in ConnectionOptions). The desktop passes `LPAgentDesktop/<app.getVersion()>`.
 */
export const DEFAULT_USER_AGENT = 'LPAgentDesktop/0.1.0';

/** Cookies by name (one LivePerson session per jar). Values are registered as secrets. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes `Set-Cookie` header values. */
  store(setCookie: string | string[] | undefined): void {
    if (!setCookie) return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const first = line.split(';')[0] ?? '';
      const eq = first.indexOf('=');
      if (eq <= 0) continue;
      const name = first.slice(0, eq).trim();
      const value = first.slice(eq + 1).trim();
      if (value === '' || /;\s*max-age=0\b/i.test(line)) {
        this.cookies.delete(name);
        continue;
      }
      // A server's value is masked only when token-like (redact.ts): a hostile server cannot mask ordinary words.
      registerSecret(value, 'server');
      this.cookies.set(name, value);
    }
  }

  /** The `Cookie` request header, or undefined when empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  clear(): void {
    this.cookies.clear();
  }
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** JSON-encoded when present. */
  body?: unknown;
  /** Raw bytes sent as they are (`application/octet-stream`, a file upload) instead of `body`. */
  rawBody?: Uint8Array;
  /** Keep the response body as bytes (HttpResponse.bytes), e.g. a file download. */
  binary?: boolean;
  /** Largest response body accepted. Default 8 MiB. */
  maxBodyBytes?: number;
  headers?: Record<string, string>;
  /** Where, for errors and logs: `Login#REST`, `Domains#CSDS`… */
  location: string;
  timeoutMs?: number;
  /** Send and store cookies from the jar. Default true. */
  cookies?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: TransportResponse['headers'];
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
  /** The body, when the request asked for `binary`. */
  bytes?: Uint8Array;
}

interface HttpClientOptions {
  /** How requests reach the server (Node: createNodeTransport). */
  transport: Transport;
  userAgent?: string;
  /** Default 15 000 ms. */
  timeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
  jar?: CookieJar;
}

export interface HttpClient {
  readonly jar: CookieJar;
  /** The User-Agent this client sends (the socket sends the same one). */
  readonly userAgent: string;
  /** Raw exchange; rejects only on network errors/timeouts (LpError code 0, network: true). */
  send(req: HttpRequest): Promise<HttpResponse>;
  /** JSON exchange with the §2 error mapping; resolves with the parsed body (undefined when empty). */
  json<T = unknown>(req: HttpRequest): Promise<T>;
}

const MAX_BODY = 8 * 1024 * 1024;

/**
 * A transport failure as the core reports it: LpError code 0, `network: true`, classified
 * (network-errors.ts): a certificate or TLS failure says what it is, anything else `network error: <code>`.
 */
function transportFailure(e: unknown, location: string, scheme: 'http' | 'https'): LpError {
  if (e instanceof TransportError && e.reason === 'too-large') return new LpError({ code: 0, message: 'response too large', location, network: true });
  const errno = e instanceof TransportError ? e.errno : (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  const f = classifyNetworkError({ code: typeof errno === 'string' ? errno : undefined, message, scheme, presented: presentedOf(e) });
  const text = f.kind === 'network' ? `network error: ${typeof errno === 'string' ? errno : message}` : f.words;
  return new LpError({ code: 0, message: text, location, network: true, failure: f.kind, cause: e });
}

/** Message of an LP error body: `{error:{message}}`, `{error:"…"}`, `{message}`, else a short text. */
export function errorMessageOf(json: unknown, text: string, status: number): { message: string; internalCode?: number } {
  if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    const err = o.error;
    if (err && typeof err === 'object') {
      const e = err as Record<string, unknown>;
      const message = typeof e.message === 'string' ? e.message : typeof e.responseStatus === 'string' ? e.responseStatus : `HTTP ${status}`;
      return typeof e.internalCode === 'number' ? { message, internalCode: e.internalCode } : { message };
    }
    if (typeof err === 'string') return { message: err };
    if (typeof o.message === 'string') return { message: o.message };
  }
  const t = text.trim();
  return { message: t !== '' && t.length <= 200 && !t.startsWith('<') ? t : `HTTP ${status}` };
}

/** Maps a response per §2: > 299 → LpError(status); 2xx with `error` → LpError(internalCode). */
function checkResponse(res: HttpResponse, location: string): void {
  if (res.status > 299) {
    const { message, internalCode } = errorMessageOf(res.json, res.text, res.status);
    throw new LpError({ code: res.status, message, location, body: res.json ?? res.text, ...(internalCode !== undefined ? { internalCode } : {}) });
  }
  const j = res.json;
  if (j && typeof j === 'object' && !Array.isArray(j) && 'error' in j && (j as Record<string, unknown>).error) {
    const { message, internalCode } = errorMessageOf(j, res.text, res.status);
    throw new LpError({ code: internalCode ?? res.status, message, location, body: j, ...(internalCode !== undefined ? { internalCode } : {}) });
  }
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const clock = opts.clock ?? realClock;
  const logger = opts.logger ?? silentLogger;
  const jar = opts.jar ?? new CookieJar();
  const userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
  const transport = opts.transport;

  function send(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method ?? (req.body === undefined ? 'GET' : 'POST');
    const timeoutMs = req.timeoutMs ?? opts.timeoutMs ?? 15_000;
    const useCookies = req.cookies !== false;
    const started = clock.now();
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return Promise.reject(new LpError({ code: 0, message: `invalid URL ${req.url}`, location: req.location }));
    }
    const payload = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
    const headers: Record<string, string> = {
      'User-Agent': userAgent,
      Accept: req.binary ? '*/*' : 'application/json',
      ...(payload !== undefined ? { 'Content-Type': req.rawBody ? 'application/octet-stream' : 'application/json' } : {}),
      ...(req.headers ?? {}),
    };
    const cookie = useCookies ? jar.header() : undefined;
    if (cookie) headers.Cookie = cookie;

    return new Promise<HttpResponse>((resolve, reject) => {
      let done = false;
      const abort = new AbortController();
      const finish = (err: LpError | undefined, res?: HttpResponse): void => {
        if (done) return;
        done = true;
        clock.clearTimeout(timer);
        const ms = clock.now() - started;
        if (err) {
          logger.log('debug', `HTTP ${method} ${redact(url.origin + url.pathname)} failed after ${ms} ms: ${err.message}`);
          reject(err);
        } else if (res) {
          logger.log('debug', `HTTP ${method} ${redact(url.origin + url.pathname)} → ${res.status} in ${ms} ms`);
          resolve(res);
        }
      };
      const timer = clock.setTimeout(() => {
        finish(new LpError({ code: 0, message: `timeout after ${timeoutMs} ms`, location: req.location, network: true }));
        abort.abort();
      }, timeoutMs);
      transport.request({
        method, url: url.href, headers, signal: abort.signal, maxBodyBytes: req.maxBodyBytes ?? MAX_BODY,
        ...(payload !== undefined ? { body: payload } : {}),
        ...(req.binary ? { binary: true } : {}),
      }).then((res) => {
        if (done) return;
        if (useCookies) jar.store(res.headers['set-cookie']);
        let json: unknown;
        if (res.text.trim() !== '') {
          try {
            json = JSON.parse(res.text);
          } catch {
            json = undefined;
          }
        }
        finish(undefined, { status: res.status, headers: res.headers, text: res.text, json, ...(res.bytes ? { bytes: res.bytes } : {}) });
      }, (e: unknown) => finish(transportFailure(e, req.location, url.protocol === 'http:' ? 'http' : 'https')));
    });
  }

  async function json<T>(req: HttpRequest): Promise<T> {
    const res = await send(req);
    checkResponse(res, req.location);
    return res.json as T;
  }

  return { jar, userAgent, send, json };
}
