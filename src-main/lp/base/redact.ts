/**
 * Redaction of secrets from log text and structured fields.
 *
 * By shape: bearer tokens (in `/brand/<token>` URLs and `Bearer|jwt …`), whole `Authorization`,
 * `Proxy-Authorization`, `Cookie` and `Set-Cookie` header values (every scheme, every cookie),
 * `Session_id` cookies, and the value of any field whose NAME contains a secret word (`csrfToken`,
 * `X-Csrf-Token`, `pwd`, `samlAssertion`…) as JSON (also JSON inside JSON strings, strings or
 * numbers), query parameter or `key: value` text.
 *
 * By value: secrets registered at runtime (`registerSecret`) are masked wherever they appear, also
 * URL-encoded, JSON-escaped (once and twice) and base64/base64url-encoded. Values a server hands us
 * (cookies) are registered as kind 'server' and only when they look like tokens, so a hostile
 * server cannot make ordinary words disappear from the logs. The registry holds at most
 * MAX_SECRETS values: at the cap the oldest 'server' value is forgotten first (then the oldest
 * value of any kind), so it cannot grow without bound. Sign-out calls `clearSecrets()`.
 */

export const REDACTED = '[REDACTED]';

/** Words that make a field name secret wherever they appear in it (lower case, `-`/`_`/`.` ignored). */
const SECRET_WORDS = [
  'password', 'passwd', 'passphrase', 'passcode', 'pwd', 'token', 'csrf', 'xsrf', 'secret', 'cookie',
  'authorization', 'wsuk', 'sessionid', 'assertion', 'saml', 'jwt', 'bearer', 'apikey', 'appkey', 'privatekey',
];

/** The same words as a regex alternative for names inside text, where separators may appear. */
const WORD_ALT = 'pass(?:word|wd|phrase|code)|pwd|token|csrf|xsrf|secret|cookie|authorization|wsuk|session[-_.]?id'
  + '|assertion|saml|jwt|bearer|(?:api|app|private)[-_.]?key';
/** A field name that contains a secret word. */
const KEY_RE = `[A-Za-z0-9_.$-]{0,40}?(?:${WORD_ALT})[A-Za-z0-9_.$-]{0,40}`;

/** True when a field name names a secret: it contains a secret word (`csrfToken`, `X-Csrf-Token`, `pwd`). */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_.\s]/g, '');
  return SECRET_WORDS.some((w) => k.includes(w));
}

/** Authorization schemes: the word stays visible, the credentials after it are masked. */
const AUTH_SCHEMES = 'Basic|Bearer|jwt|Digest|Negotiate|NTLM|OAuth|Token';

const PATTERNS: Array<[RegExp, string]> = [
  // Whole header values: `Authorization: Basic …`, `Cookie: a=1; b=2` — up to the end of the line or
  // of the (JSON) string the header sits in.
  // The scheme word of an Authorization value stays (`Basic [REDACTED]`), all the rest goes.
  [new RegExp(String.raw`\b((?:proxy-)?authorization\s*[:=]\s*(?:(?:${AUTH_SCHEMES})\s+)?)(?!\[REDACTED\])(?:[^"\\\r\n]|\\(?![\\"nrt]))+`, 'gi'), `$1${REDACTED}`],
  [/\b((?:set-)?cookie\s*[:=]\s*)(?!\[REDACTED\])(?:[^"\\\r\n]|\\(?![\\"nrt]))+/gi, `$1${REDACTED}`],
  // bearer in the socket URL path
  [/(\/brand\/)(?!\[REDACTED\])[^/?#\s"'<>]+/g, `$1${REDACTED}`],
  // Authorization header values seen without their header name
  [/\b(Bearer|jwt)(\s+)(?!\[REDACTED\])[A-Za-z0-9._~+/=-]+/gi, `$1$2${REDACTED}`],
  // cookies
  [/\b(Session_id=)(?!\[REDACTED\])[^;\s"',]+/gi, `$1${REDACTED}`],
  // query strings: ?csrf=…&access_token=…
  [new RegExp(`([?&;]${KEY_RE}=)(?!\\[REDACTED\\])[^&\\s#"']+`, 'gi'), `$1${REDACTED}`],
  // plain text "csrf: x", "password=x", "X-Csrf-Token: x"
  [new RegExp(`\\b(${KEY_RE})(\\s*[=:]\\s*)(?!\\[REDACTED\\])(?!\\\\?")(?!(?:${AUTH_SCHEMES})\\s+\\[REDACTED\\])([^\\s,;&"'}\\]]+)`, 'gi'), `$1$2${REDACTED}`],
];

/** `"<secret-named key>":` at JSON escaping levels 0–3: group 1 is the run of backslashes before each quote (bounded, so a long run of backslashes stays linear). */
const JSON_KEY = new RegExp(`(\\\\{0,7})"(${KEY_RE})\\1"\\s*:\\s*`, 'gi');
const JSON_NUMBER = /^-?\d[\d.eE+-]*/;

/**
 * Index of the first backslash of the quote that closes a JSON string value whose quotes carry
 * `k` backslashes (k = 2^n − 1 at escaping level n), or -1. At level n a closing quote is preceded
 * by a run of backslashes r with r mod 2(k+1) = k; quotes and backslashes inside the value give
 * other remainders (level 0: an escaped quote `\"` has r = 1, odd).
 */
function closingQuote(text: string, from: number, k: number): number {
  for (let i = text.indexOf('"', from); i >= 0; i = text.indexOf('"', i + 1)) {
    let r = 0;
    while (i - r - 1 >= from && text[i - r - 1] === '\\') r += 1;
    if (r % (2 * (k + 1)) === k) return i - k;
  }
  return -1;
}

/** Masks the value of every secret-named JSON field (string or number), at any escaping level. */
function redactJsonFields(text: string): string {
  let out = '';
  let last = 0;
  JSON_KEY.lastIndex = 0;
  for (let m = JSON_KEY.exec(text); m; m = JSON_KEY.exec(text)) {
    const k = m[1]?.length ?? 0;
    const start = m.index + m[0].length;
    const quote = `${'\\'.repeat(k)}"`;
    if (text.startsWith(quote, start)) {
      const valueStart = start + quote.length;
      const end = closingQuote(text, valueStart, k);
      if (end < 0) {
        // A cut line: the rest may be the secret.
        out += `${text.slice(last, valueStart)}${REDACTED}`;
        last = text.length;
        break;
      }
      if (end > valueStart && text.slice(valueStart, end) !== REDACTED) {
        out += `${text.slice(last, valueStart)}${REDACTED}`;
        last = end;
      }
      JSON_KEY.lastIndex = end + quote.length;
      continue;
    }
    const num = JSON_NUMBER.exec(text.slice(start, start + 400));
    if (num) {
      out += `${text.slice(last, start)}${quote}${REDACTED}${quote}`;
      last = start + num[0].length;
      JSON_KEY.lastIndex = last;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

// ---------------------------------------------------------------------------------------------
// Registered secrets

/** Where a registered value came from: our own credentials, or a server (cookies). */
export type SecretKind = 'credential' | 'server';

/** The most values the registry holds (see the module comment for what happens at the cap). */
export const MAX_SECRETS = 64;
/** Shorter values are never registered: they would mask ordinary text. */
export const MIN_SECRET_LENGTH = 4;

interface Entry { kind: SecretKind; forms: string[] }

const registry = new Map<string, Entry>();
let secretList: string[] = [];

/** A value a server sent looks like a token: no whitespace, ≥ 12 characters, and a digit unless ≥ 24. */
function tokenLike(value: string): boolean {
  return !/\s/.test(value) && value.length >= 12 && (/\d/.test(value) || value.length >= 24);
}

/** The encodings under which a secret may appear in a log line. */
function formsOf(value: string): string[] {
  const jsonEscaped = (s: string): string => JSON.stringify(s).slice(1, -1);
  const utf8 = Buffer.from(value, 'utf8');
  const forms = [
    value,
    encodeURIComponent(value),
    jsonEscaped(value),
    jsonEscaped(jsonEscaped(value)),
    utf8.toString('base64').replace(/=+$/, ''),
    utf8.toString('base64url'),
  ];
  return [...new Set(forms)].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

function rebuild(): void {
  secretList = [...new Set([...registry.values()].flatMap((e) => e.forms))].sort((a, b) => b.length - a.length);
}

function evictOne(): void {
  let victim: string | undefined;
  for (const [value, entry] of registry) {
    if (entry.kind === 'server') {
      victim = value;
      break;
    }
  }
  victim ??= registry.keys().next().value;
  if (victim !== undefined) registry.delete(victim);
}

/**
 * Masks every occurrence of `value` (and its encoded forms) from now on. Ignored: values shorter
 * than MIN_SECRET_LENGTH, and 'server' values that do not look like tokens. Returns whether the
 * value is registered afterwards.
 */
export function registerSecret(value: string | undefined | null, kind: SecretKind = 'credential'): boolean {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return false;
  if (kind === 'server' && !tokenLike(value)) return false;
  const existing = registry.get(value);
  if (existing) {
    // A credential seen again from a server stays a credential (never evicted first).
    if (kind === 'credential') existing.kind = 'credential';
    registry.delete(value);
    registry.set(value, existing);
    return true;
  }
  while (registry.size >= MAX_SECRETS) evictOne();
  registry.set(value, { kind, forms: formsOf(value) });
  rebuild();
  return true;
}

/** Forgets a registered secret and its encoded forms. */
export function unregisterSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || !registry.delete(value)) return;
  rebuild();
}

/** Forgets every registered secret: called on sign-out (and by tests). */
export function clearSecrets(): void {
  registry.clear();
  secretList = [];
}

/** How many values are registered (diagnostics, tests). */
export function secretCount(): number {
  return registry.size;
}

/** Removes secrets from a string. Never throws. */
export function redact(text: string): string {
  if (typeof text !== 'string' || text === '') return typeof text === 'string' ? text : String(text);
  let out = text;
  for (const s of secretList) {
    if (out.includes(s)) out = out.split(s).join(REDACTED);
  }
  out = redactJsonFields(out);
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
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
