/**
 * Consumer text → inert tokens. Nothing here produces HTML: the UI renders the tokens as React
 * text nodes and anchors whose href is checked to be http(s).
 */

export type TextToken =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; url: string }
  | { kind: 'bidi'; char: string }
  /** A C0/C1 control character (not tab or newline): shown as a named mark, never as a tofu box. */
  | { kind: 'control'; char: string };

/** Explicit bidi embeddings/overrides/isolates that can disguise text (U+202A–U+202E, U+2066–U+2069). */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** C0 controls except tab, newline and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above
const MARK_SPLIT = /([\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F])/;
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** Only absolute http(s) URLs that parse are links. */
export function safeHttpUrl(candidate: string): string | null {
  try {
    const u = new URL(candidate);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function bidiName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function pushText(out: TextToken[], text: string): void {
  if (text === '') return;
  for (const part of text.split(MARK_SPLIT)) {
    if (part === '') continue;
    if (part.length === 1 && BIDI_CONTROL.test(part)) out.push({ kind: 'bidi', char: part });
    else if (part.length === 1 && CONTROL_CHAR.test(part)) out.push({ kind: 'control', char: part });
    else out.push({ kind: 'text', text: part });
  }
}

export function tokenize(text: string): TextToken[] {
  const out: TextToken[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const start = m.index;
    let raw = m[0];
    const trail = TRAILING.exec(raw);
    if (trail) raw = raw.slice(0, raw.length - trail[0].length);
    // A link never carries a bidi control (it would disguise the target) nor a control character.
    const cut = raw.search(new RegExp(`${BIDI_CONTROL.source}|${CONTROL_CHAR.source}`));
    if (cut >= 0) raw = raw.slice(0, cut);
    const url = raw.length > 'https://'.length ? safeHttpUrl(raw) : null;
    if (!url) continue;
    pushText(out, text.slice(last, start));
    out.push({ kind: 'link', text: raw, url });
    last = start + raw.length;
  }
  pushText(out, text.slice(last));
  return out;
}

/** Long texts are shown clamped until the agent asks for more. */
export const CLAMP_CHARS = 2_000;
export function clampText(text: string, expanded: boolean): { text: string; clamped: boolean } {
  if (expanded || text.length <= CLAMP_CHARS) return { text, clamped: false };
  return { text: text.slice(0, CLAMP_CHARS), clamped: true };
}

/**
 * The first `max` characters of tokenized text. A link cut by the clamp is shown as plain text: a
 * truncated URL must not become a link to somewhere other than where the consumer's URL points.
 */
export function clampTokens(tokens: readonly TextToken[], max: number): { tokens: TextToken[]; clamped: boolean } {
  const out: TextToken[] = [];
  let left = max;
  for (const t of tokens) {
    const len = t.kind === 'bidi' || t.kind === 'control' ? 1 : t.text.length;
    if (len <= left) {
      out.push(t);
      left -= len;
      continue;
    }
    if (left > 0 && t.kind !== 'bidi' && t.kind !== 'control') out.push({ kind: 'text', text: t.text.slice(0, left) });
    return { tokens: out, clamped: true };
  }
  return { tokens: out, clamped: false };
}

/** For one-line labels (names, previews): bidi and control characters replaced by a visible marker (never a tofu box). */
export function visibleBidi(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, (c) => `[${bidiName(c)}]`);
}
