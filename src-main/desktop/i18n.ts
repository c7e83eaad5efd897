/**
 * Main's text: tray, menus, notifications and dialogs speak the same catalogue as the renderer
 * (src-preload/i18n) through main's one i18next instance, in the language main chose: the setting,
 * else the OS's preferred languages (app.getPreferredSystemLanguages(), then app.getLocale()).
 * English until the core applies the choice (createMainI18n).
 */
import i18next, { type TFunction } from 'i18next';
import { chooseLanguage, FALLBACK_LANGUAGE, resources, type Language, type LanguageSetting } from '../../src-preload/i18n/index';

const instance = i18next.createInstance();
// Resources are in memory, so init completes synchronously (initAsync: false).
void instance.init({
  resources, lng: FALLBACK_LANGUAGE, fallbackLng: FALLBACK_LANGUAGE,
  initAsync: false, interpolation: { escapeValue: false }, returnNull: false,
});

/** Text for a catalogue key in main's current language (keys typed: i18next.d.ts). */
export const t: TFunction = instance.t.bind(instance);

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
