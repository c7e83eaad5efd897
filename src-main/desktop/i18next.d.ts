/** Typed keys in main too: t(…) accepts only keys of the English catalogue (a typo is a compile error). */
import 'i18next';
import type { en } from '../../src-preload/i18n/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
