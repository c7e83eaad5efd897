/**
 * The window's file requests (issue 12.1), over the core's file methods:
 * - open: the image a file message names, fetched by the core (the app's network stack: the desktop
 *   transport), checked by content, kept in the FileCache, answered as its path `/files/<id>` (below);
 *   a problem is answered as its code (the window says it in words), never thrown.
 * - openRichImage: an image inside structured content (its index in the card), the same way: the core
 *   takes the https URL from the normalised card, fetches it through the app's network stack and checks
 *   it by content as a file; cached under its own key.
 * - saveAs: the same bytes written where the agent chooses in a main-process save dialog.
 * - send / retry: bytes from the window to the core's sendFile (which checks type and size before
 *   anything is sent).
 * The URL handed to the window is root-relative (`/files/<id>`): on the app's own origin it is
 * `app://lp/files/<id>` (and it works on the e2e stand-in's carrier origin too).
 */
import { writeFile } from 'node:fs/promises';
import type { OpenedFile, OpenedRichImage } from '../../../src-preload/api';
import { FileError, type AgentSession, type ChatMessage, type FileDownload, type FileProblem } from '../../lp';
import { FileCache, type CachedImage } from './file-cache';

export const FILE_ROUTE = '/files/';

export interface FilesServiceDeps {
  session(): AgentSession;
  /** Where to save (a save dialog over the window); null = cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  log(message: string): void;
  cache?: FileCache;
}

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif' };

export function createFilesService(deps: FilesServiceDeps) {
  const cache = deps.cache ?? new FileCache();

  async function cached(key: string, what: 'file' | 'rich image', fetch: () => Promise<FileDownload>): Promise<CachedImage | FileProblem> {
    const hit = cache.find(key);
    if (hit) return hit;
    try {
      const f = await fetch();
      return cache.put(key, { mime: f.mime, width: f.width, height: f.height, bytes: f.bytes });
    } catch (err) {
      if (err instanceof FileError) {
        deps.log(`${what} not shown (${err.problem})`);
        return err.problem;
      }
      throw err;
    }
  }

  function fetchImage(conversationId: string, sequence: number): Promise<CachedImage | FileProblem> {
    return cached(FileCache.key(conversationId, sequence), 'file', () => deps.session().downloadFile(conversationId, sequence));
  }

  return {
    cache,
    async open(conversationId: string, sequence: number): Promise<OpenedFile> {
      const r = await fetchImage(conversationId, sequence);
      if (typeof r === 'string') return { ok: false, problem: r };
      return { ok: true, url: `${FILE_ROUTE}${r.id}`, width: r.width, height: r.height, mime: r.mime, size: r.bytes.length };
    },
    async openRichImage(conversationId: string, sequence: number, imageIndex: number): Promise<OpenedRichImage> {
      const r = await cached(`${FileCache.key(conversationId, sequence)}\nrich ${imageIndex}`, 'rich image', () => deps.session().downloadRichImage(conversationId, sequence, imageIndex));
      if (typeof r === 'string') return { ok: false, problem: r };
      return { ok: true, url: `${FILE_ROUTE}${r.id}`, width: r.width, height: r.height };
    },
    async saveAs(conversationId: string, sequence: number): Promise<{ saved: boolean; problem?: FileProblem }> {
      const r = await fetchImage(conversationId, sequence);
      if (typeof r === 'string') return { saved: false, problem: r };
      const path = await deps.chooseSavePath(`image-${sequence}.${EXTENSION[r.mime] ?? 'img'}`);
      if (path === null) return { saved: false };
      await writeFile(path, r.bytes);
      deps.log('file saved where the agent chose');
      return { saved: true };
    },
    send(conversationId: string, bytes: Uint8Array, caption: string | undefined, isPrivate: boolean): ChatMessage {
      return deps.session().sendFile(conversationId, { bytes, ...(caption !== undefined ? { caption } : {}), ...(isPrivate ? { private: true } : {}) });
    },
    retry(localId: string): ChatMessage | null {
      return deps.session().retryFile(localId) ?? null;
    },
    /** What `app://lp/files/<id>` serves: the image, or undefined (404). */
    serve(id: string): { bytes: Uint8Array; mime: string } | undefined {
      const e = cache.get(id);
      return e ? { bytes: e.bytes, mime: e.mime } : undefined;
    },
  };
}

export type FilesService = ReturnType<typeof createFilesService>;
