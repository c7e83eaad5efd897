/**
 * A real generic update feed on loopback, as electron-builder publishes one (`publish: generic`):
 * `latest-linux.yml` / `latest.yml` naming an artifact with its real sha512 (base64, as
 * electron-builder writes it) and size, and the artifact file itself. The test changes what it serves:
 * another version, a corrupt yml, a wrong sha512, or a connection cut half way through the artifact.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Release {
  version: string;
  /** The artifact's file name, e.g. `LP-Agent-Desktop-0.2.0.AppImage`. */
  file: string;
  bytes: Buffer;
  /** What the yml claims (default: the real sha512 of `bytes`). */
  sha512?: string;
}

export function sha512Base64(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** The yml electron-builder writes for one artifact (app-builder-lib's UpdateInfo). */
export function latestYml(r: Release): string {
  const sha = r.sha512 ?? sha512Base64(r.bytes);
  return [
    `version: ${r.version}`,
    'files:',
    `  - url: ${r.file}`,
    `    sha512: ${sha}`,
    `    size: ${r.bytes.length}`,
    `path: ${r.file}`,
    `sha512: ${sha}`,
    "releaseDate: '2026-12-07T00:00:00.000Z'",
    '',
  ].join('\n');
}

/**
 * A release of `size` bytes whose artifact is an inert shell script, never random bytes: on quit,
 * electron-updater installs a downloaded AppImage by moving it over the running one and RUNNING it
 * (AppImageUpdater.doInstall: execFileSync, with APPIMAGE_SILENT_INSTALL and
 * APPIMAGE_EXIT_AFTER_INSTALL), and an executable that is not one is run by /bin/sh (execvp's
 * ENOEXEC fallback): random bytes were once run as a shell script on the test machine (a file named
 * with random bytes appeared in the working directory). This one writes one line — its version and
 * those two variables — to `<itself>.ran` and exits; the rest is random hex in comment lines (each
 * release unique, as a real build is), never read by the shell.
 */
export function release(version: string, ext = 'AppImage', size = 300 * 1024): Release {
  const head = [
    '#!/bin/sh',
    `# LP Agent Desktop ${version}: a test release standing in for the AppImage (test/desktop/updates/feed-server.ts).`,
    `printf '%s %s %s\\n' '${version}' "\${APPIMAGE_SILENT_INSTALL:-}" "\${APPIMAGE_EXIT_AFTER_INSTALL:-}" > "$0.ran"`,
    'exit 0',
    '',
  ].join('\n');
  const padding: string[] = [];
  for (let n = head.length; n < size;) {
    const line = `# ${randomBytes(32).toString('hex')}\n`;
    padding.push(line);
    n += line.length;
  }
  return { version, file: `LP-Agent-Desktop-${version}.${ext}`, bytes: Buffer.from(head + padding.join(''), 'utf8').subarray(0, Math.max(size, head.length)) };
}

export interface FeedServer {
  /** The feed's base URL (ends with /feed). */
  url: string;
  /** Serve this release (or a raw yml text) under `ymlName`. */
  serve(what: Release | { rawYml: string }, ymlName?: string): void;
  /** The next N artifact downloads are cut after half the bytes (the socket destroyed). */
  cutNextDownloads(n: number): void;
  /** Requests seen, as `GET /feed/…` lines. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  let current: Release | { rawYml: string } = { rawYml: '' };
  let ymlName = 'latest-linux.yml';
  let cuts = 0;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(`${req.method ?? ''} ${path}`);
    if (path === `/feed/${ymlName}`) {
      res.writeHead(200, { 'content-type': 'text/yaml' });
      res.end('rawYml' in current ? current.rawYml : latestYml(current));
      return;
    }
    if (!('rawYml' in current) && path === `/feed/${current.file}`) {
      const { bytes } = current;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
      if (cuts > 0) {
        cuts -= 1;
        // Half the file, then the connection dies (a network loss mid-download).
        res.write(bytes.subarray(0, bytes.length >> 1), () => res.socket?.destroy());
        return;
      }
      res.end(bytes);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed`,
    serve(what, name = 'latest-linux.yml') {
      current = what;
      ymlName = name;
    },
    cutNextDownloads(n) {
      cuts = n;
    },
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
