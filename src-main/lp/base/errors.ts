/**
 * LpError: every failure of the core carries an HTTP-like `code` (status or WS close code; 0 for
 * local failures: timeout, not connected, network), a `location` (`Login#REST`, `Socket#Request`…)
 * and optionally the response `body`. What to do about a failure is decided elsewhere
 * (connection/backoff.ts for the retry policy, decisions/outbox.ts for publishes).
 */
import { redact } from './redact';

/**
 * What a failure with no answer was (connection/network-errors.ts classifies it): a certificate
 * not trusted, expired or for another host, TLS spoken to a plain server (or the reverse), or the
 * network itself. Stable values: front ends build their words on them.
 */
export type NetworkFailureKind = 'cert-untrusted' | 'cert-expired' | 'cert-hostname' | 'tls-mismatch' | 'network';

/** An error as events and IPC carry it: plain data, redacted. */
export interface LpErrorInfo {
  /** HTTP-like status or WS close code; 0 for local errors (timeout, not connected). */
  code: number;
  message: string;
  /** Where it happened, e.g. `Login#REST`, `Socket#Request`, `Refresh#REST`. */
  location: string;
  /** Set for a certificate or TLS failure (never 'network': that is the default reading of code 0). */
  kind?: Exclude<NetworkFailureKind, 'network'>;
}

export interface LpErrorInit {
  code: number;
  message: string;
  location: string;
  body?: unknown;
  /** agentVep `error.internalCode` when present (§2). */
  internalCode?: number;
  /** True when no HTTP/WS answer was received at all (refused, reset, DNS, TLS, timeout). */
  network?: boolean;
  /** What the network failure was, when classified (connection/network-errors.ts). */
  failure?: NetworkFailureKind;
  cause?: unknown;
}

export class LpError extends Error {
  override readonly name = 'LpError';
  readonly code: number;
  readonly location: string;
  readonly body?: unknown;
  readonly internalCode?: number;
  readonly network: boolean;
  readonly failure?: NetworkFailureKind;

  constructor(init: LpErrorInit) {
    super(redact(init.message), init.cause !== undefined ? { cause: init.cause } : undefined);
    this.code = init.code;
    this.location = init.location;
    if (init.body !== undefined) this.body = init.body;
    if (init.internalCode !== undefined) this.internalCode = init.internalCode;
    this.network = init.network ?? false;
    if (init.failure !== undefined) this.failure = init.failure;
  }

  toInfo(): LpErrorInfo {
    const info: LpErrorInfo = { code: this.code, message: redact(this.message), location: this.location };
    if (this.failure !== undefined && this.failure !== 'network') info.kind = this.failure;
    return info;
  }

  /** `Login#REST 401: bad credentials` — redacted, for ConnectionState.lastError and logs. */
  describe(): string {
    return redact(`${this.location} ${this.code}: ${this.message}`);
  }
}

/**
 * Wraps anything thrown into an LpError (keeps LpErrors as they are). A numeric `code` and a string
 * `location` on the thrown value are kept; `location` is the fallback. The message is redacted.
 */
export function toLpError(err: unknown, location: string, code = 0): LpError {
  if (err instanceof LpError) return err;
  const e = err as { message?: unknown; code?: unknown; location?: unknown } | null | undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return new LpError({
    code: typeof e?.code === 'number' ? e.code : code,
    message,
    location: typeof e?.location === 'string' && e.location !== '' ? e.location : location,
    cause: err,
  });
}

/** Any value → LpErrorInfo (for `error` events). */
export function errorInfo(err: unknown, location: string): LpErrorInfo {
  return toLpError(err, location).toInfo();
}
