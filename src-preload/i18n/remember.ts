/**
 * What main's and the renderer's i18next instances share to stay cheap (issues #9, #15):
 * - `rememberTexts`: a `t` that works each text out once per key and options. One i18next `t()`
 *   is ~4–8 µs even warm (key path, nesting, plural and interpolation passes on every call), and the
 *   same words are asked for again and again: every row of a list on every render, a ring's
 *   notification and the tray's countdowns every second. The catalogue is fixed in memory, so a text
 *   for the same key and options does not change. Bounded: cleared when full (keys are the
 *   catalogue's; option values a few names, times and counts). Options holding anything but strings,
 *   numbers and booleans are passed through unremembered.
 * - `formatNumber`: i18next's `number` format (`{{count, number}}`) through the shared Intl
 *   formatters (intl.ts). i18next's own cached formatter keys its cache on every option of the `t()`
 *   call, the count included (i18next issue #2227): every new count built an Intl.NumberFormat
 *   (~0.2 ms) and kept it for good.
 * Plain functions, no i18next import: the instances are built in src-main/desktop/i18n.ts and
 * src-renderer/i18n.ts.
 */
import { numberFormat } from './intl';

/** Texts a remembering `t` keeps before it starts over. */
export const REMEMBERED_TEXTS = 2_000;

type Translate = (key: unknown, options?: unknown) => unknown;

/**
 * `translate` remembered. `scope` (e.g. the instance's language) is part of each entry's key, for a
 * `t` whose language can change under it; `forget()` drops everything.
 */
export function rememberTexts(translate: Translate, scope: () => string = () => ''): Translate & { forget(): void } {
  const texts = new Map<string, string>();
  const remembered = (key: unknown, options?: unknown): unknown => {
    const k = textKey(key, options);
    const entry = k === null ? null : `${scope()}\u0000${k}`;
    const hit = entry === null ? undefined : texts.get(entry);
    if (hit !== undefined) return hit;
    const text = translate(key, options);
    if (entry !== null && typeof text === 'string') {
      if (texts.size >= REMEMBERED_TEXTS) texts.clear();
      texts.set(entry, text);
    }
    return text;
  };
  return Object.assign(remembered, { forget: () => texts.clear() });
}

function textKey(key: unknown, options: unknown): string | null {
  if (typeof key !== 'string') return null;
  if (options === undefined) return key;
  if (typeof options !== 'object' || options === null) return null;
  for (const v of Object.values(options)) if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
  return `${key}\u0000${JSON.stringify(options)}`;
}

/** Intl.NumberFormat's own options, the only ones of a `t()` call's options that shape a number. */
const NUMBER_OPTIONS = [
  'localeMatcher', 'style', 'currency', 'currencyDisplay', 'currencySign', 'unit', 'unitDisplay', 'useGrouping',
  'minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits', 'minimumSignificantDigits',
  'maximumSignificantDigits', 'notation', 'compactDisplay', 'signDisplay', 'roundingMode', 'roundingPriority',
  'roundingIncrement', 'trailingZeroDisplay', 'numberingSystem',
] as const;

/** `options` (what i18next hands a formatter: the format's own and every `t()` option) narrowed to NumberFormat's. */
export function numberOptionsOf(options: Readonly<Record<string, unknown>> | undefined): Intl.NumberFormatOptions {
  const out: Record<string, unknown> = {};
  if (options) for (const k of NUMBER_OPTIONS) if (options[k] !== undefined) out[k] = options[k];
  return out as Intl.NumberFormatOptions;
}

/** i18next's `number` format, for `instance.services.formatter.add('number', formatNumber)`. */
export function formatNumber(value: unknown, lng: string | undefined, options: Readonly<Record<string, unknown>> | undefined, fallback = 'en'): string {
  return numberFormat(lng ?? fallback, numberOptionsOf(options)).format(value as number);
}
