/**
 * Files both ways (lp-protocol.md §6 `hosted/file`, GenerateURLFor{Upload,Download}File): pure rules.
 * - fileRefOf: a hosted/file message → its reference, or undefined when any field is not as expected.
 * - checkRelativePath: a relativePath the app is willing to put after the file store's host.
 * - inspectImage: what a file IS, by its bytes (never its name or announced type): JPEG, PNG or GIF,
 *   complete (its trailer present), parsed by `image-size` for its dimensions, under the size and
 *   pixel caps, and with no markup inside (an HTML/SVG polyglot is refused, whatever else it is).
 * Nothing here does I/O.
 */
import { imageSize } from 'image-size';
import type { FileProblem, FileRef, ImageKind } from '../protocol/model';

export const FILE_LIMITS = {
  /** Largest file downloaded or sent (bytes). */
  maxBytes: 25 * 1024 * 1024,
  /** Largest image accepted, in pixels (a small file can decode to gigabytes: decompression bombs). */
  maxPixels: 50_000_000,
  /** Longest relativePath and caption kept. */
  maxPathChars: 512,
  maxCaptionChars: 2_000,
} as const;

/** Words for each problem, as the window and headless say them. */
export const FILE_PROBLEM_TEXT: Record<FileProblem, string> = {
  expired: 'The file link has expired or was refused by the file store',
  'not-found': 'The file is no longer on the file store',
  'not-an-image': 'Not an image the app can show (only JPEG, PNG and GIF)',
  'too-large': 'The file is too large (over 25 MB)',
  'too-many-pixels': 'The image is too large to show (over 50 megapixels)',
  damaged: 'The image is damaged or incomplete',
  unsafe: 'The file was refused: it carries web page or script content',
  'bad-reference': 'The file reference in this message is not valid',
  network: 'The file could not be downloaded: network problem',
  refused: 'The file store refused the request',
};

const TYPE_WORD = /^[A-Za-z]{1,8}$/;

/** A hosted/file message body → FileRef (strings only, capped), or undefined. */
export function fileRefOf(message: unknown): FileRef | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  const { relativePath, fileType, caption } = m;
  if (typeof relativePath !== 'string' || relativePath.length === 0 || relativePath.length > FILE_LIMITS.maxPathChars) return undefined;
  if (typeof fileType !== 'string' || !TYPE_WORD.test(fileType)) return undefined;
  const ref: FileRef = { relativePath, fileType: fileType.toUpperCase() };
  if (typeof caption === 'string' && caption.trim() !== '') ref.caption = caption.slice(0, FILE_LIMITS.maxCaptionChars);
  return ref;
}

/**
 * A relativePath is put after `https://{swift host}` as it is, so it must be a plain absolute path:
 * `/` then segments of URL-safe characters; no `.`/`..` segment (also percent-encoded), no `//`,
 * backslash, `?`, `#`, `@` or control character — nothing that could move the request to another
 * host or another folder.
 */
export function checkRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > FILE_LIMITS.maxPathChars) return false;
  if (!/^\/[A-Za-z0-9._~\-/]+$/.test(path)) return false;
  if (path.includes('//')) return false;
  return path.split('/').slice(1).every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

export type ImageCheck =
  | { ok: true; kind: ImageKind; mime: string; width: number; height: number; size: number }
  | { ok: false; problem: FileProblem };

const MIME: Record<ImageKind, string> = { JPEG: 'image/jpeg', PNG: 'image/png', GIF: 'image/gif' };

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((v, i) => b[i] === v);
}

/** The type its first bytes say, if JPEG, PNG or GIF. */
export function magicKind(b: Uint8Array): ImageKind | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return 'GIF';
  return undefined;
}

const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/** The file ends as its format says a complete file ends (a cut-off download does not). */
function complete(b: Uint8Array, kind: ImageKind): boolean {
  const n = b.length;
  if (kind === 'PNG') return n >= PNG_IEND.length && PNG_IEND.every((v, i) => b[n - PNG_IEND.length + i] === v);
  if (kind === 'GIF') return b[n - 1] === 0x3b;
  // JPEG: the EOI marker, allowing trailing zero padding some encoders add
  let end = n;
  while (end > 2 && b[end - 1] === 0x00 && n - end < 4096) end -= 1;
  return b[end - 2] === 0xff && b[end - 1] === 0xd9;
}

/** Markup a browser would run or render as a page, anywhere in the file (case-insensitive). */
const MARKUP = ['<script', '<html', '<svg', '<!doctype html', '<iframe', '<body', '<object', '<embed', '<foreignobject'];

function carriesMarkup(b: Uint8Array): boolean {
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1').toLowerCase();
  return MARKUP.some((m) => text.includes(m));
}

/** What the bytes are, decided by content alone. */
export function inspectImage(bytes: Uint8Array, limits: { maxBytes: number; maxPixels: number } = FILE_LIMITS): ImageCheck {
  if (bytes.length > limits.maxBytes) return { ok: false, problem: 'too-large' };
  const kind = magicKind(bytes);
  if (!kind) return { ok: false, problem: carriesMarkup(bytes.subarray(0, 4096)) ? 'unsafe' : 'not-an-image' };
  if (carriesMarkup(bytes)) return { ok: false, problem: 'unsafe' };
  let dims: { width?: number; height?: number; type?: string };
  try {
    dims = imageSize(bytes);
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  const parsedKind = dims.type === 'jpg' ? 'JPEG' : dims.type?.toUpperCase();
  const { width, height } = dims;
  if (parsedKind !== kind || width === undefined || height === undefined || width < 1 || height < 1) return { ok: false, problem: 'damaged' };
  if (width * height > limits.maxPixels) return { ok: false, problem: 'too-many-pixels' };
  if (!complete(bytes, kind)) return { ok: false, problem: 'damaged' };
  return { ok: true, kind, mime: MIME[kind], width, height, size: bytes.length };
}

/** The §6 fileType to announce for an image kind. */
export function fileTypeOf(kind: ImageKind): string {
  return kind;
}
