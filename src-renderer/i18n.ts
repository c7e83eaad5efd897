/**
 * The renderer's i18next instance over the contract's catalogue (src-preload/i18n). Until main says
 * which language it chose (AppState.language), the browser's languages decide.
 */
import { useLayoutEffect } from 'react';
import i18next, { type i18n as I18n } from 'i18next';
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
