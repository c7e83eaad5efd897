/**
 * createConnection: the connection layer under AgentConnection (connection/api.ts).
 * start() = domains (CSDS) → login → socket; then keeps the socket up until stop():
 * - transport closes (1000/1001/1006…) and failed attempts → reconnect with backoff + jitter, same bearer;
 * - 4401/4407/1011 closes, upgrade 401/403, refresh 401, REST 401 → re-login (new bearer) and
 *   reconnect, never passing through 'offline';
 * - login 4xx (and CSDS 4xx: unknown account) → 'auth-failed', no more attempts until a new start();
 * - a certificate not accepted or a TLS/plain mismatch (network-errors.ts) → 'offline' saying what it
 *   is, no automatic retry (it cannot help); reconnectNow() or a new start() tries again;
 *   login 5xx / network → retry with backoff;
 * - refresh on a chained timer every min(refreshIntervalMs, sessionTTl / 3);
 * - a close whose reason says another session of this agent replaced us (one session per user, §3)
 *   → 'offline' with "signed in elsewhere", no automatic retry; reconnectNow() takes it back;
 * - the backoff counter resets when SubscribeExConversations is answered on the current socket (the
 *   server took the session back: the next outage starts from the first delay again), or once a socket
 *   has stayed up for pingIntervalMs. A socket that is closed before its subscribe is answered keeps
 *   counting, so clients that keep kicking each other out at once slow down instead of storming.
 * `ready` is emitted on the first connect and after every reconnect. start() resolves once the first
 * attempt has concluded: online, auth-failed, or reconnecting (a retry scheduled). Secrets (bearer,
 * csrf, cookies) stay inside this closure and auth.ts; they are registered with redact().
 */
import type { ConnectionEvents, ConnectionTiming, DiagnosableConnection, FileExchange, RequestOptions, UmsResponse } from './api';
import type { AgentProfile, AccountConfig, ConnectionPhase, ConnectionState, Credentials } from '../protocol/model';
import type { Logger } from '../base/log';
import { silentLogger } from '../base/log';
import type { Clock } from '../base/clock';
import { realClock } from '../base/clock';
import { TypedEmitter } from '../base/emitter';
import { LpError, toLpError } from '../base/errors';
import { createHttpClient, type HttpClient } from './http';
import { createNodeTransport } from './node-transport';
import type { Transport } from './transport';
import { createDomainResolver, schemesFor, umsHost } from './domains';
import { login, logout, refresh, type AuthTarget, type LoginResult } from './auth';
import { UmsSocket, umsUrl } from './socket';
import { closeAction, loginAction, nextDelay, refreshAction, upgradeAction } from './backoff';
import { isTlsFailure } from './network-errors';
import { KNOWN_NOTIFICATIONS, NOTIFICATION, REQUEST } from '../protocol/names';
import { normaliseType } from '../protocol/frames';
import { redact } from '../base/redact';

/** A subset of SessionOptions: the session passes its options straight through. */
export interface ConnectionOptions {
  account: AccountConfig;
  credentials: Credentials;
  logger?: Logger;
  clock?: Clock;
  timing?: ConnectionTiming;
  /** User-Agent for REST calls and the socket upgrade. Default `LPAgentDesktop/0.1.0` (the desktop passes its app version). */
  userAgent?: string;
  /**
   * How LivePerson is reached (REST and the socket). Default: the Node transport, trusting
   * `account.trustedCa` beside Node's roots; the desktop passes its own.
   */
  transport?: Transport;
  /** Jitter source, [0, 1). Default Math.random (tests pin it). */
  random?: () => number;
}

interface ResolvedTiming {
  requestTimeoutMs: number;
  pingIntervalMs: number;
  deadSocketMs: number;
  refreshIntervalMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export function resolveTiming(t: ConnectionTiming = {}): ResolvedTiming {
  const pingIntervalMs = t.pingIntervalMs ?? 30_000;
  return {
    requestTimeoutMs: t.requestTimeoutMs ?? 10_000,
    pingIntervalMs,
    deadSocketMs: t.deadSocketMs ?? 2 * pingIntervalMs,
    refreshIntervalMs: t.refreshIntervalMs ?? 600_000,
    backoffBaseMs: t.backoffBaseMs ?? 1_000,
    backoffMaxMs: t.backoffMaxMs ?? 60_000,
  };
}

/** Refresh period: min(refreshIntervalMs, sessionTTl / 3), at least 100 ms. */
export function refreshDelay(refreshIntervalMs: number, sessionTtlMs: number | undefined): number {
  const byTtl = sessionTtlMs && sessionTtlMs > 0 ? sessionTtlMs / 3 : Infinity;
  return Math.max(100, Math.floor(Math.min(refreshIntervalMs, byTtl)));
}

const SUBSCRIBE_CONVERSATIONS = normaliseType(REQUEST.subscribeConversations);

export function createConnection(opts: ConnectionOptions): DiagnosableConnection {
  const logger = opts.logger ?? silentLogger;
  const clock = opts.clock ?? realClock;
  const timing = resolveTiming(opts.timing);
  const random = opts.random ?? Math.random;
  const account = opts.account;
  const schemes = schemesFor(account);
  const emitter = new TypedEmitter<ConnectionEvents>(logger);
  const transport = opts.transport ?? createNodeTransport(account.trustedCa ? { trustedCa: account.trustedCa } : {});
  const http: HttpClient = createHttpClient({
    transport, clock, logger,
    timeoutMs: Math.max(timing.requestTimeoutMs, 1_000),
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
  });
  const resolver = createDomainResolver({ account, http, clock, logger });

  let state: ConnectionState = { phase: 'idle', reconnects: 0, since: clock.now() };
  let profile: AgentProfile | undefined;
  let auth: LoginResult | undefined;
  let needLogin = true;
  let socket: UmsSocket | undefined;
  let started = false;
  let stopped = false;
  let gen = 0;
  let failures = 0;
  let everReady = false;
  let lastEmittedError: string | undefined;
  let retryTimer: unknown;
  let refreshTimer: unknown;
  let stableTimer: unknown;
  let loginInFlight: Promise<LoginResult> | undefined;
  let startWaiters: Array<() => void> = [];

  // ---------- state ----------
  function setState(phase: ConnectionPhase, patch: { nextRetryAt?: number; attempt?: number; lastError?: string; lastCloseCode?: number; keepError?: boolean } = {}): void {
    const next: ConnectionState = {
      phase,
      reconnects: state.reconnects,
      since: phase === state.phase ? state.since : clock.now(),
    };
    if (patch.nextRetryAt !== undefined) next.nextRetryAt = patch.nextRetryAt;
    if (patch.attempt !== undefined) next.attempt = patch.attempt;
    const lastError = patch.lastError ?? (patch.keepError ? state.lastError : undefined);
    if (lastError !== undefined) next.lastError = redact(lastError);
    const lastCloseCode = patch.lastCloseCode ?? state.lastCloseCode;
    if (lastCloseCode !== undefined) next.lastCloseCode = lastCloseCode;
    state = next;
    emitter.emit('state', state);
  }

  function bumpReconnects(): void {
    state = { ...state, reconnects: state.reconnects + 1 };
  }

  function resolveStart(): void {
    const waiters = startWaiters;
    startWaiters = [];
    for (const w of waiters) w();
  }

  function emitError(err: LpError, always = false): void {
    const text = err.describe();
    if (!always && text === lastEmittedError) return;
    lastEmittedError = text;
    emitter.emit('error', err.toInfo());
  }

  // ---------- timers ----------
  function clearTimer(h: unknown): undefined {
    if (h !== undefined) clock.clearTimeout(h);
    return undefined;
  }

  function clearAllTimers(): void {
    retryTimer = clearTimer(retryTimer);
    refreshTimer = clearTimer(refreshTimer);
    stableTimer = clearTimer(stableTimer);
  }

  // ---------- auth ----------
  function authTarget(): AuthTarget {
    const host = resolver.current.agentVep;
    if (!host) throw new LpError({ code: 0, message: 'agentVep domain unknown', location: 'Login#REST' });
    return { http, base: `${schemes.http}://${host}`, accountId: account.accountId, timeoutMs: Math.max(timing.requestTimeoutMs, 1_000) };
  }

  /** One login at a time; every caller shares it. */
  function ensureLogin(): Promise<LoginResult> {
    if (!loginInFlight) {
      loginInFlight = (async () => {
        await resolver.resolve();
        const res = await login(authTarget(), opts.credentials);
        if (stopped) return res;
        auth = res;
        needLogin = false;
        profile = res.profile;
        logger.log('info', `Logged in as ${res.profile.loginName} (${res.profile.legacyId})`);
        scheduleRefresh();
        return res;
      })().finally(() => {
        loginInFlight = undefined;
      });
    }
    return loginInFlight;
  }

  function scheduleRefresh(): void {
    refreshTimer = clearTimer(refreshTimer);
    if (stopped || !auth || !auth.csrf) return;
    const current = auth;
    refreshTimer = clock.setTimeout(() => {
      refreshTimer = undefined;
      void doRefresh(current);
    }, refreshDelay(timing.refreshIntervalMs, auth.sessionTtlMs));
  }

  async function doRefresh(current: LoginResult): Promise<void> {
    if (stopped || auth !== current) return;
    try {
      await refresh(authTarget(), current.csrf);
      if (stopped || auth !== current) return;
      logger.log('debug', 'Session refreshed');
      scheduleRefresh();
    } catch (err) {
      if (stopped || auth !== current) return;
      const e = toLpError(err, 'Refresh#REST');
      if (refreshAction(e.code) === 'relogin') {
        logger.log('info', `Refresh refused (${e.code}): logging in again`);
        needLogin = true;
        restart('refresh refused', true);
      } else {
        logger.log('warn', `Refresh failed: ${e.describe()}`);
        emitError(e);
        scheduleRefresh();
      }
    }
  }

  // ---------- connect attempts ----------
  async function runAttempt(): Promise<void> {
    const my = ++gen;
    retryTimer = clearTimer(retryTimer);
    try {
      const domains = await resolver.resolve();
      if (my !== gen) return;
      if (needLogin || !auth) {
        await ensureLogin();
        if (my !== gen) return;
      }
      const host = umsHost(domains);
      const bearer = auth?.bearer;
      if (!host || !bearer) throw new LpError({ code: 0, message: 'no messaging host or bearer', location: 'Socket#Connect' });
      const url = umsUrl({ scheme: schemes.ws, host, accountId: account.accountId, bearer });
      logger.log('debug', `Opening socket ${redact(url)}`);
      const s = await UmsSocket.open({
        url, transport, clock, logger,
        userAgent: http.userAgent,
        requestTimeoutMs: timing.requestTimeoutMs,
        pingIntervalMs: timing.pingIntervalMs,
        deadSocketMs: timing.deadSocketMs,
      });
      if (my !== gen || stopped) {
        s.close(1000, 'superseded');
        return;
      }
      attach(s);
    } catch (err) {
      if (my !== gen || stopped) return;
      onAttemptFailed(toLpError(err, 'Connect'));
    }
  }

  function attach(s: UmsSocket): void {
    socket = s;
    s.setNotificationHandler((n) => {
      if (socket !== s) return;
      // (A message, the usual frame, is known without a hash lookup of its type.)
      if (n.type !== NOTIFICATION.messaging && !KNOWN_NOTIFICATIONS.has(n.type)) logger.log('debug', `Notification of an unknown type ${redact(n.type.slice(0, 100))}`);
      emitter.emit('notification', n);
    });
    s.on('close', (c) => {
      if (socket !== s) return;
      socket = undefined;
      stableTimer = clearTimer(stableTimer);
      if (stopped) return;
      const action = closeAction(c.code, c.reason);
      if (action === 'stop') {
        enterReplaced(c.code, c.reason);
        return;
      }
      if (action === 'relogin') needLogin = true;
      const why = c.local ?? c.reason;
      logger.log('info', `Socket closed ${c.code}${why ? ` (${why})` : ''}: ${action === 'relogin' ? 'logging in again' : 'reconnecting'}`);
      scheduleRetry(new LpError({ code: c.code, message: `socket closed${why ? `: ${why}` : ''}`, location: 'Socket#Close' }), {
        closeCode: c.code, immediate: action === 'relogin', quiet: true,
      });
    });
    // Only a socket that stays up resets the backoff (no storm when something kicks us out at once).
    stableTimer = clearTimer(stableTimer);
    stableTimer = clock.setTimeout(() => {
      stableTimer = undefined;
      if (socket === s) failures = 0;
    }, Math.max(timing.pingIntervalMs, 100));
    const reconnect = everReady;
    everReady = true;
    if (reconnect) bumpReconnects();
    lastEmittedError = undefined;
    setState('online');
    logger.log('info', reconnect ? 'Socket reconnected' : 'Socket connected');
    if (profile) emitter.emit('ready', { profile, reconnect });
    resolveStart();
  }

  function onAttemptFailed(e: LpError): void {
    if (e.location === 'Login#REST' && loginAction(e.code) === 'stop') {
      enterAuthFailed(e);
      return;
    }
    if (e.location === 'Domains#CSDS' && loginAction(e.code) === 'stop') {
      enterAuthFailed(new LpError({ code: e.code, message: `account ${account.accountId} refused by the domain service: ${e.message}`, location: e.location }));
      return;
    }
    if (isTlsFailure(e.failure)) {
      enterTlsFailed(e);
      return;
    }
    if (e.location === 'Socket#Upgrade' && upgradeAction(e.code) === 'relogin') {
      needLogin = true;
      scheduleRetry(e, { immediate: true });
      return;
    }
    scheduleRetry(e, {});
  }

  function scheduleRetry(e: LpError, o: { closeCode?: number; immediate?: boolean; quiet?: boolean }): void {
    failures += 1;
    const delay = o.immediate && failures === 1 ? 0 : nextDelay(failures, { baseMs: timing.backoffBaseMs, maxMs: timing.backoffMaxMs, random });
    retryTimer = clearTimer(retryTimer);
    const nextRetryAt = clock.now() + delay;
    setState('reconnecting', {
      nextRetryAt, attempt: failures, lastError: e.describe(),
      ...(o.closeCode !== undefined ? { lastCloseCode: o.closeCode } : {}),
    });
    if (!o.quiet) {
      logger.log('warn', `Connect attempt failed: ${e.describe()}; next try in ${delay} ms`);
      emitError(e);
    }
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      void runAttempt();
    }, delay);
    resolveStart();
  }

  function enterAuthFailed(e: LpError): void {
    gen++;
    clearAllTimers();
    dropSocket('login refused');
    auth = undefined;
    needLogin = true;
    logger.log('warn', `Login refused: ${e.describe()}; not retrying until the credentials change`);
    setState('auth-failed', { lastError: e.describe() });
    emitError(e, true);
    resolveStart();
  }

  /**
   * Another session of this agent took the socket (§3: one per user). Reconnecting would throw that
   * one out in turn, so wait for the user: reconnectNow() takes the session back.
   */
  function enterReplaced(code: number, reason: string): void {
    retryTimer = clearTimer(retryTimer);
    const e = new LpError({
      code, location: 'Socket#Close',
      message: `signed in elsewhere: this agent opened another session (${reason}); reconnect to take it back`,
    });
    logger.log('warn', `Socket closed ${code}: ${e.message}`);
    setState('offline', { lastError: e.describe(), lastCloseCode: code });
    emitError(e, true);
  }

  /**
   * A certificate the client will not accept, or TLS spoken to a plain server (or the reverse): not
   * a network blip, and retrying cannot fix it. Say what it is and wait, as for "signed in elsewhere":
   * reconnectNow() (or a new start()) tries again.
   */
  function enterTlsFailed(e: LpError): void {
    retryTimer = clearTimer(retryTimer);
    dropSocket('tls failure');
    logger.log('warn', `Connect attempt failed: ${e.describe()}; not retrying until asked to reconnect`);
    emitError(e, true); // before the state, so a listener of 'offline' already knows why
    setState('offline', { lastError: e.describe() });
    resolveStart();
  }

  function dropSocket(why: string): void {
    const s = socket;
    socket = undefined;
    stableTimer = clearTimer(stableTimer);
    s?.close(1000, why);
  }

  /** Drop the socket and try again now (optionally with a new login), without passing through 'offline'. */
  function restart(reason: string, relogin: boolean): void {
    if (!started || stopped || state.phase === 'auth-failed') return;
    if (relogin) needLogin = true;
    gen++;
    retryTimer = clearTimer(retryTimer);
    dropSocket(reason);
    setState('reconnecting', { nextRetryAt: clock.now(), attempt: failures, keepError: true });
    void runAttempt();
  }

  // ---------- REST ----------
  async function restOnce<T>(service: string, path: string, init?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<T> {
    const location = `Rest#${service}`;
    if (!auth) throw new LpError({ code: 0, message: 'not logged in', location });
    let host = resolver.current[service];
    if (!host) host = (await resolver.resolve())[service];
    if (!host) throw new LpError({ code: 0, message: `unknown service ${service}`, location });
    const bearer = auth.bearer;
    return http.json<T>({
      method: init?.method ?? (init?.body === undefined ? 'GET' : 'POST'),
      url: `${schemes.http}://${host}${path.startsWith('/') ? path : `/${path}`}`,
      ...(init?.body !== undefined ? { body: init.body } : {}),
      headers: { Authorization: `Bearer ${bearer}` },
      location,
      cookies: false,
      timeoutMs: Math.max(timing.requestTimeoutMs, 1_000),
    });
  }

  async function rest<T>(service: string, path: string, init?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<T> {
    const before = auth;
    try {
      return await restOnce<T>(service, path, init);
    } catch (err) {
      if (!(err instanceof LpError) || err.code !== 401 || stopped || !started) throw err;
      logger.log('info', `${err.location} refused the bearer (401): logging in again`);
      if (auth === before) {
        needLogin = true;
        try {
          await ensureLogin();
        } catch (loginErr) {
          const e = toLpError(loginErr, 'Login#REST');
          if (loginAction(e.code) === 'stop' && e.location === 'Login#REST') enterAuthFailed(e);
          throw e;
        }
        // The socket still uses the old bearer: reconnect it with the new one.
        restart('new bearer after REST 401', false);
      }
      return restOnce<T>(service, path, init);
    }
  }

  // ---------- the file store (swift) ----------
  async function fileExchange(req: FileExchange): Promise<{ status: number; bytes: Uint8Array }> {
    const location = 'Files#swift';
    let host = resolver.current.swift;
    if (!host) host = (await resolver.resolve()).swift;
    if (!host) throw new LpError({ code: 0, message: 'the domain service names no file store (swift)', location });
    const query = new URLSearchParams(req.query).toString();
    const res = await http.send({
      method: req.method,
      url: `${schemes.http}://${host}${req.relativePath}${query ? `?${query}` : ''}`,
      location,
      cookies: false,
      binary: true,
      maxBodyBytes: req.maxBytes,
      timeoutMs: req.timeoutMs,
      ...(req.body ? { rawBody: req.body } : {}),
    });
    return { status: res.status, bytes: res.bytes ?? new Uint8Array(0) };
  }

  // ---------- a rich-content image (any public https host) ----------
  async function imageGet(req: { url: string; maxBytes: number; timeoutMs: number }): Promise<{ status: number; bytes: Uint8Array }> {
    const location = 'RichImage';
    let u: URL;
    try {
      u = new URL(req.url);
    } catch {
      throw new LpError({ code: 0, message: 'invalid image URL', location });
    }
    if (u.protocol !== 'https:' || u.username !== '' || u.password !== '') throw new LpError({ code: 0, message: 'only a plain https image URL is fetched', location });
    const res = await http.send({ method: 'GET', url: u.href, location, cookies: false, binary: true, maxBodyBytes: req.maxBytes, timeoutMs: req.timeoutMs });
    return { status: res.status, bytes: res.bytes ?? new Uint8Array(0) };
  }

  // ---------- the AgentConnection ----------
  return {
    get state() {
      return state;
    },
    get profile() {
      return profile;
    },
    get domains() {
      return resolver.current;
    },
    get socketUrl() {
      return socket?.url;
    },
    start() {
      if (started && !stopped) {
        if (state.phase === 'connecting') return new Promise<void>((r) => startWaiters.push(r));
        return Promise.resolve();
      }
      started = true;
      stopped = false;
      failures = 0;
      everReady = false; // a new start's first socket is a first connect again
      lastEmittedError = undefined;
      const done = new Promise<void>((r) => startWaiters.push(r));
      setState('connecting');
      void runAttempt();
      return done;
    },
    async stop(o) {
      const wasStarted = started && !stopped;
      stopped = true;
      gen++;
      clearAllTimers();
      dropSocket('stopped');
      if (wasStarted || state.phase !== 'offline') setState('offline', { keepError: state.phase === 'auth-failed' });
      resolveStart();
      const current = auth;
      auth = undefined;
      needLogin = true;
      if (o?.logout !== false && current) {
        try {
          await logout(authTarget(), current.csrf);
          logger.log('info', 'Logged out');
        } catch (err) {
          logger.log('info', `Logout failed: ${toLpError(err, 'Logout#REST').describe()}`);
        }
      }
      http.jar.clear();
    },
    reconnectNow(reason) {
      if (!started || stopped) return;
      if (state.phase === 'auth-failed') {
        logger.log('info', `Not reconnecting (${redact(reason)}): the login was refused; new credentials are needed`);
        return;
      }
      logger.log('info', `Reconnecting now: ${redact(reason)}`);
      failures = 0;
      restart(reason, false);
    },
    request(type: string, body: unknown, ro?: RequestOptions): Promise<UmsResponse> {
      const s = socket;
      if (!s || !s.isOpen) return Promise.reject(new LpError({ code: 0, message: 'socket not connected', location: 'Socket#Request' }));
      const pending = s.request(type, body, { timeoutMs: timing.requestTimeoutMs, ...ro });
      if (normaliseType(type) !== SUBSCRIBE_CONVERSATIONS) return pending;
      // The server took the session back (a subscribe answered on this socket): the outage is over,
      // so the next one starts its backoff from the beginning (issue: quick successive outages).
      return pending.then((r) => {
        if (socket === s) failures = 0;
        return r;
      });
    },
    rest,
    fileExchange,
    imageGet,
    on(event, listener) {
      return emitter.on(event, listener);
    },
  };
}
