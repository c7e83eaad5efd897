/**
 * The one catalogue of user-visible text (README "Languages"): every language's strings, keyed
 * alike. Plain data (no i18next here): main (tray, menus, notifications, dialogs) and the renderer
 * each build an i18next instance over `resources`.
 */
import { en } from './en';
import { es } from './es';
import type { Language } from './languages';

export * from './intl';
export * from './languages';
export type { Catalogue } from './en';

export const resources = {
  en: { translation: en },
  es: { translation: es },
} as const satisfies Record<Language, { translation: unknown }>;

/** The name of each language in itself, for the language setting. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', es: 'Español' };
