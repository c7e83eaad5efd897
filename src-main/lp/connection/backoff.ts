/**
 * Reconnect timing and the retry policy, as pure functions (unit-tested).
 * - nextDelay: exponential backoff with jitter ('equal' by default: half fixed, half random, so a
 *   delay never collapses to 0 and a crowd of clients spreads out; 'full' and 'decorrelated' too).
 * - The policy: which failures retry with the same token, which need a re-login first, which stop.
 */

export type Jitter = 'equal' | 'full' | 'decorrelated';

interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** [0, 1). Default Math.random. */
  random?: () => number;
  /** Default 'equal'. */
  jitter?: Jitter;
  /** Previous delay, for 'decorrelated'. */
  previousMs?: number;
}

/** Delay before attempt number `attempt` (1 = first retry). Always within [0, maxMs]; 'equal' never below cap/2. */
export function nextDelay(attempt: number, opts: BackoffOptions): number {
  const base = Math.max(1, opts.baseMs);
  const max = Math.max(base, opts.maxMs);
  const rnd = clamp01((opts.random ?? Math.random)());
  const n = Math.max(1, Math.floor(attempt));
  const cap = Math.min(max, base * 2 ** Math.min(n - 1, 30));
  switch (opts.jitter ?? 'equal') {
    case 'full':
      return Math.round(cap * rnd);
    case 'decorrelated': {
      const prev = Math.max(base, opts.previousMs ?? base);
      return Math.round(Math.min(max, base + rnd * (prev * 3 - base)));
    }
    case 'equal':
    default:
      return Math.round(cap / 2 + (cap / 2) * rnd);
  }
}

function clamp01(x: number): number {
  if (!Number.isFinite(x) || x < 0) return 0;
  return x >= 1 ? 0.999999 : x;
}

export type RetryAction = 'retry' | 'relogin' | 'stop';

/** Close codes that mean "the token is bad: get a fresh one" (§4): 4401, 4407, 1011. */
const RELOGIN_CLOSE_CODES: ReadonlySet<number> = new Set([4401, 4407, 1011]);

/**
 * LivePerson allows one session per agent user (lp-protocol.md §3) and does not document how the
 * older socket is told. We read a close reason that says so ("replaced by a new session", "logged
 * in elsewhere", …) as "this agent signed in somewhere else": stop, do not fight back.
 */
const REPLACED_REASON = /replaced|another (session|connection|login|client)|new session|(signed|logged) in (elsewhere|from another)/i;

function isReplacedClose(reason: string | undefined): boolean {
  return reason !== undefined && REPLACED_REASON.test(reason);
}

/**
 * A socket close: token problems → relogin; replaced by another session of the same agent → stop
 * (until the user asks to reconnect); everything else (1000/1001/1006…) → retry with the same token.
 */
export function closeAction(code: number, reason?: string): RetryAction {
  if (RELOGIN_CLOSE_CODES.has(code)) return 'relogin';
  return isReplacedClose(reason) ? 'stop' : 'retry';
}

/** A failed WS upgrade: 401/403 → relogin (bad/expired bearer, §3); 502 and others → retry. */
export function upgradeAction(status: number): RetryAction {
  return status === 401 || status === 403 || status === 4401 ? 'relogin' : 'retry';
}

/** A failed login: 4xx (but 408/429) → stop (auth-failed, until credentials change); 5xx / network → retry. */
export function loginAction(code: number): RetryAction {
  return code >= 400 && code < 500 && code !== 408 && code !== 429 ? 'stop' : 'retry';
}

/** A failed refresh: 401 → relogin (SDK ≥ 1.4.1); anything else → keep the session, try again later. */
export function refreshAction(code: number): RetryAction {
  return code === 401 || code === 403 ? 'relogin' : 'retry';
}
