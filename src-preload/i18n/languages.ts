/**
 * The languages the app speaks and how one is chosen: the setting when it names a language, else the
 * first of the OS's preferred languages (Electron's app.getPreferredSystemLanguages(), then
 * app.getLocale()) that the catalogue has, else English. Pure: main and the renderer share it.
 */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The language setting: a language, or 'system' to follow the OS. */
export const LANGUAGE_SETTINGS = ['system', ...LANGUAGES] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The catalogue language for a BCP 47 tag ('es-419' → 'es', 'en_US' → 'en'), or undefined. */
export function catalogueLanguage(tag: string): Language | undefined {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isLanguage(base) ? base : undefined;
}

export function chooseLanguage(setting: LanguageSetting, osPreferred: readonly string[]): Language {
  if (setting !== 'system') return setting;
  for (const tag of osPreferred) {
    const lang = catalogueLanguage(tag);
    if (lang) return lang;
  }
  return FALLBACK_LANGUAGE;
}
