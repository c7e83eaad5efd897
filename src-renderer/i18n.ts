/**
 * The renderer's i18next instance over the contract's catalogue (src-preload/i18n). Until main says
 * which language it chose (AppState.language), the browser's languages decide.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { chooseLanguage, FALLBACK_LANGUAGE, resources, type Language } from '../src-preload/i18n/index';

export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: chooseLanguage('system', typeof navigator === 'undefined' ? [] : navigator.languages),
  fallbackLng: FALLBACK_LANGUAGE,
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/** Switches the UI language (and the document's lang, for screen readers and spellcheck). */
export function useLanguage(language: Language | undefined): void {
  if (language && i18n.language !== language) void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;
}
