/**
 * Main's text: tray, menus, notifications and dialogs speak the same catalogue as the renderer
 * (src-preload/i18n) through main's one i18next instance, in the language main chose: the setting,
 * else the OS's preferred languages (app.getPreferredSystemLanguages(), then app.getLocale()).
 * English until the core applies the choice (createMainI18n).
 */
import i18next, { type TFunction } from 'i18next';
import { chooseLanguage, FALLBACK_LANGUAGE, formatNumber, rememberTexts, resources, type Language, type LanguageSetting } from '../../src-preload/i18n/index';

const instance = i18next.createInstance();
// Resources are in memory, so init completes synchronously (initAsync: false).
void instance.init({
  resources, lng: FALLBACK_LANGUAGE, fallbackLng: FALLBACK_LANGUAGE,
  initAsync: false, interpolation: { escapeValue: false }, returnNull: false,
});

// `{{count, number}}` through the shared formatters (src-preload/i18n/remember.ts: i18next issue #2227).
instance.services.formatter?.add('number', (value: unknown, lng: string | undefined, options: Readonly<Record<string, unknown>> | undefined) =>
  formatNumber(value, lng, options, FALLBACK_LANGUAGE));

// Each text worked out once per language, key and options (src-preload/i18n/remember.ts): a ring's
// notification takes several, the tray's countdowns retake them every second.
const remembered = rememberTexts(instance.t.bind(instance) as unknown as (key: unknown, options?: unknown) => unknown, () => instance.language);
instance.on('languageChanged', () => remembered.forget());

/** Text for a catalogue key in main's current language (keys typed: i18next.d.ts). */
export const t = remembered as unknown as TFunction;

/** Main's current language (a BCP 47 tag for Intl). */
export function mainLanguage(): Language {
  return instance.language as Language;
}

export interface MainI18n {
  language(): Language;
  /** Re-chooses the language from the setting and the OS; true when it changed. */
  apply(setting: LanguageSetting): boolean;
}

export function createMainI18n(osLanguages: () => readonly string[], setting: LanguageSetting): MainI18n {
  const apply = (next: LanguageSetting): boolean => {
    const lang = chooseLanguage(next, osLanguages());
    if (lang === instance.language) return false;
    void instance.changeLanguage(lang);
    return true;
  };
  apply(setting);
  return { language: mainLanguage, apply };
}
