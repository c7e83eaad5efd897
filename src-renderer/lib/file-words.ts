/** File problems and sizes in words (the codes come from main: src-main/lp/decisions/files.ts; the words from the catalogue). */
import type { TFunction } from 'i18next';
import type { FileProblem } from '../../src-preload/api';

/** The words of a problem, from the catalogue (`files.problem.<code>`). */
export function fileProblemWords(problem: FileProblem, t: TFunction): string {
  return t(`files.problem.${problem}`);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Only what main serves on the app's own origin: /files/<id> (app://lp/files/<id>). Anything else is never put in an <img>. */
export function isAppFileUrl(url: string): boolean {
  return /^\/files\/[0-9a-f-]{36}$/.test(url);
}

/** The image types the window offers to send (main checks the bytes again). */
export const SENDABLE_TYPES = ['image/jpeg', 'image/png', 'image/gif'] as const;
