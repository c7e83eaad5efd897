/**
 * Redaction of secrets from log text and structured fields: bearer tokens (in `/brand/<token>`
 * URLs and `Authorization: Bearer|jwt …` headers), csrf, passwords, `Session_id` cookie values,
 * wsuk and app-key secrets. Known secret values can also be registered at runtime
 * (`registerSecret`) so any exact occurrence is masked wherever it appears.
 */

export const REDACTED = '[REDACTED]';

/** Field names whose values are always masked (compared case-insensitively, `-`/`_` ignored). */
const SECRET_KEYS = new Set([
  'password', 'passwd', 'bearer', 'token', 'csrf', 'secret', 'appkey', 'accesstoken', 'accesstokensecret',
  'cookie', 'setcookie', 'authorization', 'wsuk', 'sessionid', 'assertion', 'jwt', 'refreshtoken', 'apikey',
]);

const KEY_ALT = 'password|passwd|bearer|token|csrf|secret|appKey|app_key|accessToken|access_token|accessTokenSecret|'
  + 'access_token_secret|cookie|set-cookie|authorization|wsuk|Session_id|sessionId|assertion|jwt|refreshToken|apiKey';

const PATTERNS: Array<[RegExp, string]> = [
  // JSON-ish "key":"value" (also escaped quotes inside JSON strings: \"key\":\"value\")
  [new RegExp(`((?:\\\\)?"(?:${KEY_ALT})(?:\\\\)?"\\s*:\\s*(?:\\\\)?")((?:[^"\\\\]|\\\\(?!"))*)((?:\\\\)?")`, 'gi'), `$1${REDACTED}$3`],
  // bearer in the socket URL path
  [/(\/brand\/)(?!\[REDACTED\])[^/?#\s"'<>]+/g, `$1${REDACTED}`],
  // Authorization header values
  [/\b(Bearer|jwt)(\s+)(?!\[REDACTED\])[A-Za-z0-9._~+/=-]+/gi, `$1$2${REDACTED}`],
  // cookies
  [/\b(Session_id=)[^;\s"',]+/gi, `$1${REDACTED}`],
  // query strings: ?csrf=…&token=…
  [new RegExp(`([?&;](?:${KEY_ALT})=)[^&\\s#"']+`, 'gi'), `$1${REDACTED}`],
  // plain text "csrf: x", "password=x"
  [new RegExp(`\\b(${KEY_ALT})(\\s*[=:]\\s*)(?!\\[REDACTED\\])(?!")(?!(?:Bearer|jwt)\\s)([^\\s,;&"'}\\]]+)`, 'gi'), `$1$2${REDACTED}`],
];

const secrets = new Set<string>();
let secretList: string[] = [];

/** Masks every exact occurrence of `value` from now on (values shorter than 4 chars are ignored). */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < 4 || secrets.has(value)) return;
  secrets.add(value);
  const encoded = encodeURIComponent(value);
  if (encoded !== value) secrets.add(encoded);
  secretList = [...secrets].sort((a, b) => b.length - a.length);
}

/** Forgets a registered secret (e.g. after logout). */
export function unregisterSecret(value: string | undefined | null): void {
  if (typeof value !== 'string') return;
  secrets.delete(value);
  secrets.delete(encodeURIComponent(value));
  secretList = [...secrets].sort((a, b) => b.length - a.length);
}

/** Test helper: forget every registered secret. */
export function clearSecrets(): void {
  secrets.clear();
  secretList = [];
}

/** Removes secrets from a string. Never throws. */
export function redact(text: string): string {
  if (typeof text !== 'string' || text === '') return typeof text === 'string' ? text : String(text);
  let out = text;
  for (const s of secretList) {
    if (out.includes(s)) out = out.split(s).join(REDACTED);
  }
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * A redacted deep copy of `value`: secret-named keys → "[REDACTED]", strings through redact(),
 * Errors → {name, message, code?, location?}; cycles and depth > 8 are cut. Never throws.
 */
export function redactFields(value: unknown): unknown {
  return walk(value, 0, new WeakSet<object>());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value;
  }
  if (seen.has(value)) return '[Circular]';
  if (depth > 8) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      const e = value as Error & { code?: unknown; location?: unknown };
      const out: Record<string, unknown> = { name: e.name, message: redact(e.message) };
      if (e.code !== undefined) out.code = walk(e.code, depth + 1, seen);
      if (e.location !== undefined) out.location = walk(e.location, depth + 1, seen);
      return out;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
    if (value instanceof Date) return value.toISOString();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretKey(k) && v !== undefined && v !== null && v !== '' ? REDACTED : walk(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
