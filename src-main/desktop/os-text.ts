/**
 * One sanitiser for text that reaches the OS (tray menu labels and tooltip, notification title and
 * body, window titles), where the app's own rendering (bidi markers, clamping) does not apply:
 *
 * - explicit bidi controls (U+202A–U+202E, U+2066–U+2069) become visible "[U+202E]" markers, so a
 *   name cannot reorder the text after it (the renderer shows the same markers);
 * - implicit direction marks (LRM U+200E, RLM U+200F, ALM U+061C), zero-width and blank characters
 *   (U+200B, U+200C, U+2060–U+2064, U+FEFF, U+180E, soft hyphen U+00AD, U+034F, the Hangul fillers
 *   U+115F, U+1160, U+3164, U+FFA0; U+200D except between two emoji, where it joins them) and lone
 *   surrogates are removed: invisible, they only serve to disguise;
 * - C0/C1 control characters and the line/paragraph separators U+2028/U+2029 become spaces, so the
 *   text stays on one line;
 * - the length is capped at `maxLength` user-perceived characters (grapheme clusters, so a
 *   surrogate pair or an emoji sequence is never cut) with "…";
 * - `&` is doubled when the surface reads `&` as a menu mnemonic (`mnemonics`, see
 *   `menuMnemonics(platform)`), so "Tom & Jerry" does not become "Tom _Jerry" with an underline.
 * Markup stays as the characters it is (tray and title surfaces do not parse it); the Linux
 * notification body is markup-escaped afterwards by notifications.ts (`notificationMarkup`).
 */

export interface OsTextOptions {
  /** Cap in grapheme clusters, the "…" included. Default: no cap. */
  maxLength?: number;
  /** Double `&` (menu labels on platforms with mnemonics). Default false. */
  mnemonics?: boolean;
}

/** Caps per surface, in grapheme clusters. */
export const OS_TEXT_LIMITS = {
  /** A consumer name inside a tray label or a notification. */
  name: 40,
  /** A skill name inside a tray label or a notification. */
  skill: 30,
  /** A whole tray menu label. */
  menuLabel: 100,
  /** Windows truncates tray tooltips at 127 characters (NOTIFYICONDATA.szTip). */
  tooltip: 127,
  notificationTitle: 64,
  notificationBody: 200,
  windowTitle: 120,
} as const;

const ELLIPSIS = '…';
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const INVISIBLE = /[\u200B\u200C\u200E\u200F\u061C\u2060-\u2064\uFEFF\u180E\u00AD\u115F\u1160\u3164\uFFA0]|\u034F/g;
/** A zero-width joiner that does not sit between two emoji (where it builds one, e.g. 👩‍💻). */
const LONE_ZWJ = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * Printable ASCII and Latin-1 (no soft hyphen), the middle dot and "…" of the app's own texts:
 * nothing here is changed by the passes, and each character is one grapheme.
 */
const PLAIN_TEXT = /^[\x20-\x7E\xA0-\xAC\xAE-\xFF\u2026]*$/;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Whether menu labels on this platform read `&` as a mnemonic marker (Windows and Linux do; macOS does not). */
export function menuMnemonics(platform: string): boolean {
  return platform !== 'darwin';
}

/** "[U+202E]" for a character. */
export function codePointMarker(char: string): string {
  return `[U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** At most `max` grapheme clusters, the last being "…" when cut. */
export function capGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept: string[] = [];
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    count += 1;
    if (count > max) return `${kept.slice(0, Math.max(0, max - 1)).join('').trimEnd()}${ELLIPSIS}`;
    kept.push(segment);
  }
  return text;
}

/** Text made safe for an OS surface (see the module comment). */
export function osText(text: string, opts: OsTextOptions = {}): string {
  const str = String(text);
  // Most names, skills and the ring text itself are plain (PLAIN_TEXT): the ring path builds four
  // such texts per ring, and the passes below cost more than the rest of its decision.
  if (PLAIN_TEXT.test(str)) {
    const out = opts.maxLength === undefined ? str.trim() : capGraphemes(str.trim(), opts.maxLength);
    return opts.mnemonics ? out.replace(/&/g, '&&') : out;
  }
  let out = str
    .replace(LONE_SURROGATE, '')
    .replace(BIDI_CONTROLS, codePointMarker)
    .replace(INVISIBLE, '')
    .replace(LONE_ZWJ, '')
    .replace(CONTROLS, ' ')
    .trim();
  if (opts.maxLength !== undefined) out = capGraphemes(out, opts.maxLength);
  return opts.mnemonics ? out.replace(/&/g, '&&') : out;
}
