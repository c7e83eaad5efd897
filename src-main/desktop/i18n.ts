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

const translate: TFunction = instance.t.bind(instance);

/**
 * Results already translated, by language, key and options. One i18next `t()` costs ~4–8 µs here
 * (key path, nesting and interpolation passes on every call); a ring's text takes several and the
 * tray's countdowns retake them every second, and the catalogue is fixed in memory, so a text is
 * worked out once. Cleared on a language change; bounded (cleared when full: the keys are the
 * catalogue's, the option values a few countdown times and counts).
 */
const memo = new Map<string, string>();
const MEMO_LIMIT = 2_000;
instance.on('languageChanged', () => memo.clear());

function memoKey(key: unknown, options: unknown): string | null {
  if (typeof key !== 'string') return null;
  if (options === undefined) return `${instance.language}\u0000${key}`;
  if (typeof options !== 'object' || options === null) return null;
  for (const v of Object.values(options)) if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
  return `${instance.language}\u0000${key}\u0000${JSON.stringify(options)}`;
}

/** Text for a catalogue key in main's current language (keys typed: i18next.d.ts). */
export const t = ((key: unknown, options?: unknown): string => {
  const k = memoKey(key, options);
  const hit = k === null ? undefined : memo.get(k);
  if (hit !== undefined) return hit;
  const text = (translate as (key: unknown, options?: unknown) => string)(key, options);
  if (k !== null && typeof text === 'string') {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(k, text);
  }
  return text;
}) as TFunction;

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
