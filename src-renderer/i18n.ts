/**
 * The renderer's i18next instance over the contract's catalogue (src-preload/i18n). Until main says
 * which language it chose (AppState.language), the browser's languages decide.
 */
import { useLayoutEffect } from 'react';
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { chooseLanguage, FALLBACK_LANGUAGE, numberFormat, resources, type Language } from '../src-preload/i18n/index';

export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: chooseLanguage('system', typeof navigator === 'undefined' ? [] : navigator.languages),
  fallbackLng: FALLBACK_LANGUAGE,
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

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

/**
 * `{{count, number}}` through the shared formatters (src-preload/i18n/intl.ts). i18next's own cached `number`
 * formatter keys its cache on every option of the `t()` call, the count included (i18next issue
 * #2227): each new count built an Intl.NumberFormat (~0.2 ms, most of what an append cost the
 * thread once it held more than it keeps: "N earlier messages are not shown") and kept it for good.
 */
i18n.services.formatter?.add('number', (value: unknown, lng: string | undefined, options: Readonly<Record<string, unknown>> | undefined) =>
  numberFormat(lng ?? FALLBACK_LANGUAGE, numberOptionsOf(options)).format(value as number));

/** Texts a remembering `t` keeps before it starts over (keys are the catalogue's; values a few names, times, counts). */
export const REMEMBERED_TEXTS = 2_000;
const remembering = new WeakMap<TFunction, TFunction>();

/**
 * `t` (one language's, from `useTranslation`) that works each text out once per key and options:
 * one i18next `t()` is tens of µs (key path, plural and interpolation passes), and a list's rows ask
 * for the same words ("You", "Read", "Accept", "Ring from Ada") on every render. Options with other
 * than string, number or boolean values are not remembered. The same function for the same `t`, so
 * memoised rows given it still draw again exactly when the language changes (a new `t`).
 */
export function rememberingT(t: TFunction): TFunction {
  const known = remembering.get(t);
  if (known) return known;
  const texts = new Map<string, string>();
  const call = t as unknown as (key: unknown, options?: unknown) => unknown;
  const remembered = ((key: unknown, options?: unknown): unknown => {
    const k = rememberKey(key, options);
    const hit = k === null ? undefined : texts.get(k);
    if (hit !== undefined) return hit;
    const text = call(key, options);
    if (k !== null && typeof text === 'string') {
      if (texts.size >= REMEMBERED_TEXTS) texts.clear();
      texts.set(k, text);
    }
    return text;
  }) as unknown as TFunction;
  remembering.set(t, remembered);
  return remembered;
}

function rememberKey(key: unknown, options: unknown): string | null {
  if (typeof key !== 'string') return null;
  if (options === undefined) return key;
  if (typeof options !== 'object' || options === null) return null;
  for (const v of Object.values(options)) if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
  return `${key}\u0000${JSON.stringify(options)}`;
}

/**
 * Switches the UI language (and the document's lang, for screen readers and spellcheck). In a layout
 * effect, before the browser paints: switching while rendering updated every other component that
 * speaks (their `useTranslation`) in the middle of this one's render, which React warns against.
 */
export function useLanguage(language: Language | undefined): void {
  useLayoutEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = i18n.language;
  }, [language]);
}
