/**
 * The renderer is served from `app://lp/` (issue 17.5), not `file://`: a page from a file:// URL
 * gets Chromium's extra file privileges (and the `grantFileProtocolExtraPrivileges` fuse is off in
 * packaged builds), so injected script could read local files. The `app` scheme is registered as
 * standard + secure before `ready` (Electron allows that only then), and `protocol.handle` serves
 * only files under the built renderer folder: any path that leaves it (`..`, encoded slashes or
 * backslashes, NUL) is refused with 403, a missing file is 404, only GET/HEAD are served. Every
 * response carries the CSP, so it holds even without the page's meta tag. IPC trusts exactly this
 * origin (ipc.ts), which also ends the file:// URL comparison that failed on Windows drive letters
 * and `%` paths (issue 16.8).
 * `app://lp/files/<id>` serves an image main fetched and checked (files/files-service.ts), from
 * memory, with its checked type and `nosniff`: the renderer never loads a remote URL, and the CSP's
 * `img-src 'self'` covers it.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './window';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lp';
/** The renderer's origin and its page. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** `protocol.registerSchemesAsPrivileged` entry: standard (origin, relative URLs), secure (like https), fetch allowed. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
} as const;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.webp': 'image/webp',
  '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.wav': 'audio/wav',
};

export type AppRequestDecision = { file: string; contentType: string } | { status: 400 | 403 | 404 | 405; reason: string };

/** Which file an app:// request may read (pure: no file system access). */
export function resolveAppRequest(method: string, url: string, rootDir: string): AppRequestDecision {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, reason: `method ${method}` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { status: 403, reason: `not ${APP_ORIGIN}` };
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { status: 400, reason: 'bad escape' };
  }
  // After decoding, a separator or dot segment the URL parser did not see means an escape attempt.
  if (/[\\\0]/.test(path) || path.split('/').some((seg) => seg === '..' || seg === '.')) return { status: 403, reason: 'path leaves the renderer folder' };
  const relativePath = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const file = resolve(root, relativePath);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return { status: 403, reason: 'path leaves the renderer folder' };
  const contentType = MIME[extname(file).toLowerCase()];
  if (!contentType) return { status: 404, reason: 'unknown file type' };
  return { file, contentType };
}

/** Images served under app://lp/files/<id> (files/files-service.ts). */
export interface FileRoute {
  serve(id: string): { bytes: Uint8Array; mime: string } | undefined;
}

const FILE_PATH = /^\/files\/([0-9a-f-]{36})$/;

/** The id of an `app://lp/files/<id>` URL, or undefined when the URL is not one. */
export function fileRouteId(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || !u.pathname.startsWith('/files/')) return undefined;
    return FILE_PATH.exec(u.pathname)?.[1] ?? '';
  } catch {
    return undefined;
  }
}

/** The `protocol.handle` handler for `app://`, serving `rootDir` (dist/renderer) and, with `files`, app://lp/files/<id>. */
export function createAppProtocolHandler(deps: { rootDir: string; log(message: string): void; files?: FileRoute }): (request: Request) => Promise<Response> {
  const headers = (contentType: string): Record<string, string> => ({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  return async (request) => {
    const fileId = deps.files ? fileRouteId(request.url) : undefined;
    if (fileId !== undefined) {
      const image = fileId === '' || (request.method !== 'GET' && request.method !== 'HEAD') ? undefined : deps.files?.serve(fileId);
      if (!image) return new Response(null, { status: 404, headers: headers('text/plain') });
      return new Response(request.method === 'HEAD' ? null : Buffer.from(image.bytes), { status: 200, headers: headers(image.mime) });
    }
    const decision = resolveAppRequest(request.method, request.url, deps.rootDir);
    if ('status' in decision) {
      deps.log(`app:// refused (${decision.status}: ${decision.reason}): ${request.url.slice(0, 120)}`);
      return new Response(null, { status: decision.status, headers: headers('text/plain') });
    }
    try {
      const body = await readFile(decision.file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(decision.contentType) });
    } catch {
      return new Response(null, { status: 404, headers: headers('text/plain') });
    }
  };
}

/** The part of Electron's `protocol` the app uses. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

/** Before `ready`: the `app` scheme's privileges (Electron accepts this only before ready, once). */
export function registerAppScheme(protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME_PRIVILEGES.scheme, privileges: { ...APP_SCHEME_PRIVILEGES.privileges } }]);
}

/** After `ready`: serve the renderer folder on app://lp/. */
export function serveRenderer(protocol: Pick<ProtocolLike, 'handle'>, deps: { rootDir: string; log(message: string): void; files?: FileRoute }): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(deps));
}
