/** File problems and sizes in words (the codes come from main: src-main/lp/decisions/files.ts). */
import type { FileProblem } from '../../src-preload/api';

const PROBLEM_WORDS: Record<FileProblem, string> = {
  expired: 'File expired — the link to it is no longer valid.',
  'not-found': 'File no longer available.',
  'not-an-image': 'Not an image — only JPEG, PNG and GIF are shown.',
  'too-large': 'File too large (over 25 MB).',
  'too-many-pixels': 'Image too large to show (over 50 megapixels).',
  damaged: 'Image damaged or incomplete.',
  unsafe: 'File refused: it contains web page or script content.',
  'bad-reference': 'This file message is not valid.',
  network: 'Could not download the file — network problem.',
  refused: 'The file store refused to send the file.',
};

export function fileProblemWords(problem: FileProblem): string {
  return PROBLEM_WORDS[problem] ?? 'The file cannot be shown.';
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
