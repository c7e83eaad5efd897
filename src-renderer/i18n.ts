/**
 * The renderer's i18next instance over the contract's catalogue (src-preload/i18n). Until main says
 * which language it chose (AppState.language), the browser's languages decide.
 */
import { useLayoutEffect } from 'react';
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { chooseLanguage, FALLBACK_LANGUAGE, formatNumber, rememberTexts, resources, type Language } from '../src-preload/i18n/index';

export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: chooseLanguage('system', typeof navigator === 'undefined' ? [] : navigator.languages),
  fallbackLng: FALLBACK_LANGUAGE,
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/** `{{count, number}}` through the shared formatters (src-preload/i18n/remember.ts: i18next issue #2227). */
i18n.services.formatter?.add('number', (value: unknown, lng: string | undefined, options: Readonly<Record<string, unknown>> | undefined) =>
  formatNumber(value, lng, options, FALLBACK_LANGUAGE));

const remembering = new WeakMap<TFunction, TFunction>();

/**
 * `t` (one language's, from `useTranslation`) that works each text out once per key and options
 * (src-preload/i18n/remember.ts): a list's rows ask for the same words ("You", "Read", "Accept",
 * "Ring from Ada") on every render. The same function for the same `t`, so memoised rows given it
 * still draw again exactly when the language changes (a new `t`).
 */
export function rememberingT(t: TFunction): TFunction {
  let remembered = remembering.get(t);
  if (!remembered) {
    remembered = rememberTexts(t as unknown as (key: unknown, options?: unknown) => unknown) as unknown as TFunction;
    remembering.set(t, remembered);
  }
  return remembered;
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
