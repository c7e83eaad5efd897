// The update adapter driving electron-updater's own code against a real generic feed on loopback:
// GenericProvider reads latest-linux.yml / latest.yml, AppImageUpdater / NsisUpdater download the
// artifact and check its sha512. What runs without a packaged app: an AppAdapter of ours (version,
// paths, quit) instead of Electron's app, and Node's http instead of Electron's net (the app itself
// uses electron-updater's ElectronHttpExecutor). Not exercised here: the install step (running the
// installer / replacing the AppImage) and code-signature checks (Windows Authenticode, macOS).
import { createHash } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater, NsisUpdater, type AppUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../src-preload/api';
import { createUpdates, type Updates, type UpdaterLike } from '../../../src-main/desktop/updates/updater';
import { retryDelay } from '../../../src-main/desktop/updates/update-model';
import { release, sha512Base64, startFeedServer, type FeedServer } from './feed-server';

/**
 * Node's http for electron-updater (builder-util's NodeHttpExecutor, without its proxy handling),
 * with `download` as electron-updater's ElectronHttpExecutor implements it (out/electronHttpExecutor.js).
 */
class LoopbackExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return httpRequest(options, callback);
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, {
        destination, options, onCancel, responseHandler: null,
        callback: (error) => (error == null ? resolve(destination) : reject(error)),
      }, 0);
    });
  }
}

/** electron-updater's AppAdapter (src/AppAdapter.ts) without Electron: what ElectronAppAdapter reads from `app`. */
function appAdapter(dir: string, version: string) {
  return {
    version, name: 'LP Agent Desktop', isPackaged: false,
    appUpdateConfigPath: join(dir, 'app-update.yml'), userDataPath: join(dir, 'userData'), baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined, quit: () => undefined, onQuit: () => undefined,
  };
}

interface Rig {
  updates: Updates;
  statuses: UpdateStatus[];
  logs: string[];
  downloaded: string[];
  /** Run the timer the adapter set (a retry or the next check), moving the fake clock to it. */
  fireTimer(): void;
  until(check: (s: UpdateStatus) => boolean): Promise<UpdateStatus>;
}

let dir = '';
let feed: FeedServer;
let rigs: Rig[] = [];
const savedAppImage = process.env.APPIMAGE;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-updates-'));
  feed = await startFeedServer();
  // AppImageUpdater reads the running AppImage's path from APPIMAGE (it tries a differential download from it first).
  writeFileSync(join(dir, 'old.AppImage'), 'not an AppImage');
  process.env.APPIMAGE = join(dir, 'old.AppImage');
});
afterEach(async () => {
  for (const r of rigs) r.updates.dispose();
  rigs = [];
  await feed.close();
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
  rmSync(dir, { recursive: true, force: true });
});

function rig(kind: 'appimage' | 'nsis', version = '0.1.0', busy = { openConversations: 0, waitingRings: 0 }, extraConfig = ''): { rig: Rig; updater: AppUpdater } {
  // The dev config electron-updater reads (the format electron-builder writes as app-update.yml).
  const configPath = join(dir, 'dev-app-update.yml');
  writeFileSync(configPath, `provider: generic\nurl: ${feed.url}\nupdaterCacheDirName: lp-agent-desktop-updater-test\n${extraConfig}`);
  const adapter = appAdapter(dir, version);
  const updater: AppUpdater = kind === 'appimage' ? new AppImageUpdater(null, adapter) : new NsisUpdater(null, adapter);
  // Not part of the public API: the executor Electron's net would be, and (NSIS) the platform to read latest.yml for.
  Object.assign(updater, { httpExecutor: new LoopbackExecutor() });
  if (kind === 'nsis') Object.assign(updater, { _testOnlyOptions: { platform: 'win32', isUseDifferentialDownload: false } });
  const statuses: UpdateStatus[] = [];
  const logs: string[] = [];
  const downloaded: string[] = [];
  updater.on('update-downloaded', (e) => downloaded.push(e.downloadedFile));
  let now = 1_000_000;
  let pending: { at: number; fn: () => void } | null = null;
  const waiters = new Set<{ check: (s: UpdateStatus) => boolean; resolve: (s: UpdateStatus) => void }>();
  const updates = createUpdates({
    updater: updater as unknown as UpdaterLike,
    feed: { on: true, source: 'dev-config', configPath },
    now: () => now,
    setTimeout: (fn, ms) => { const t = { at: now + ms, fn }; pending = t; return t; },
    clearTimeout: (h) => { if (pending === h) pending = null; },
    log: (m) => logs.push(m),
    publish: (s) => {
      statuses.push(s);
      for (const w of [...waiters]) if (w.check(s)) { waiters.delete(w); w.resolve(s); }
    },
    busy: () => busy,
  });
  const r: Rig = {
    updates, statuses, logs, downloaded,
    fireTimer() {
      const t = pending;
      if (!t) throw new Error('no timer pending');
      pending = null;
      now = t.at;
      t.fn();
    },
    until: (check) => {
      const last = statuses.at(-1);
      if (last && check(last)) return Promise.resolve(last);
      return new Promise((resolve) => waiters.add({ check, resolve }));
    },
  };
  rigs.push(r);
  return { rig: r, updater };
}

const fileSha512 = (path: string): string => createHash('sha512').update(readFileSync(path)).digest('base64');

describe('updates from a real feed on loopback (electron-updater AppImageUpdater)', () => {
  it('a newer version is found at the first scheduled check, downloaded with progress and verified, then offered', async () => {
    const r2 = release('0.2.0');
    feed.serve(r2);
    const { rig: t } = rig('appimage');
    expect(t.statuses.at(-1)).toEqual({ state: 'idle' });
    t.fireTimer(); // the first check, FIRST_CHECK_DELAY_MS after start
    const ready = await t.until((s) => s.state === 'ready' || (s.state === 'idle' && s.problem !== undefined));
    expect(ready).toEqual({ state: 'ready', version: '0.2.0' });
    expect(t.statuses.some((s) => s.state === 'downloading')).toBe(true);
    expect(t.downloaded).toHaveLength(1);
    expect(fileSha512(t.downloaded[0] ?? '')).toBe(sha512Base64(r2.bytes));
    expect(feed.requests).toContain(`GET /feed/${r2.file}`);
    expect(t.logs.join('\n')).toMatch(/update 0\.2\.0 downloaded and verified/);
  });

  it('the same or an older version is not offered (no download), and the next check is hours away', async () => {
    for (const version of ['0.1.0', '0.0.9']) {
      feed.requests.length = 0;
      feed.serve(release(version));
      const { rig: t } = rig('appimage', '0.1.0');
      t.updates.checkNow();
      const s = await t.until((x) => x.state === 'idle' && (x.latest !== undefined || x.problem !== undefined));
      expect(s).toMatchObject({ state: 'idle', latest: version });
      expect(feed.requests.filter((l) => !l.endsWith('.yml'))).toEqual([]);
      t.updates.dispose();
    }
  });

  it('a corrupt yml is refused: said in words, logged once, the app carries on and tries again later', async () => {
    feed.serve({ rawYml: 'version: [0.2.0\nfiles: {{{ not yaml' });
    const { rig: t } = rig('appimage');
    t.updates.checkNow();
    const s = await t.until((x) => x.state === 'idle' && x.problem !== undefined);
    expect(s).toMatchObject({ problem: { kind: 'invalid-feed' } });
    t.fireTimer(); // the retry: same problem, not logged again
    await t.until((x) => x.state === 'checking');
    await t.until((x) => x.state === 'idle');
    expect(t.logs.filter((l) => l.startsWith('update problem'))).toHaveLength(1);
  });

  it('a download whose sha512 does not match is refused and never offered', async () => {
    const bad = release('0.2.0');
    feed.serve({ ...bad, sha512: sha512Base64(Buffer.from('something else')) });
    const { rig: t } = rig('appimage');
    t.updates.checkNow();
    const s = await t.until((x) => x.state === 'idle' && x.problem !== undefined);
    expect(s).toMatchObject({ problem: { kind: 'checksum' } });
    expect(t.statuses.some((x) => x.state === 'ready')).toBe(false);
    expect(t.downloaded).toEqual([]);
  });

  it('a connection lost mid-download is retried after the retry delay and then completes', async () => {
    const r2 = release('0.2.0');
    feed.serve(r2);
    feed.cutNextDownloads(1);
    const { rig: t } = rig('appimage');
    t.updates.checkNow();
    const failed = await t.until((x) => x.state === 'idle' && x.problem !== undefined);
    expect(failed).toMatchObject({ problem: { kind: 'unreachable' } });
    expect(t.logs.join('\n')).toMatch(/update problem/);
    t.fireTimer(); // retryDelay(1) later
    const ready = await t.until((x) => x.state === 'ready' || (x.state === 'idle' && x.problem !== undefined && t.statuses.filter((y) => y.state === 'checking').length > 1));
    expect(ready).toEqual({ state: 'ready', version: '0.2.0' });
    expect(fileSha512(t.downloaded[0] ?? '')).toBe(sha512Base64(r2.bytes));
    expect(feed.requests.filter((l) => l === `GET /feed/${r2.file}`).length).toBeGreaterThanOrEqual(2);
    expect(retryDelay(1)).toBeLessThan(60 * 60_000);
  });

  it('a ready update is not installed while a conversation is open: restart refused, updater untouched', async () => {
    feed.serve(release('0.2.0'));
    const { rig: t, updater } = rig('appimage', '0.1.0', { openConversations: 1, waitingRings: 0 });
    let installs = 0;
    Object.assign(updater, { quitAndInstall: () => { installs += 1; } });
    t.updates.checkNow();
    await t.until((s) => s.state === 'ready');
    expect(t.updates.restart()).toMatchObject({ restarting: false, reason: 'conversations-open' });
    expect(installs).toBe(0);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });
});

describe('updates from a real feed on loopback (electron-updater NsisUpdater, latest.yml)', () => {
  it('reads latest.yml for Windows and downloads the installer with its sha512 checked', async () => {
    const r2 = release('0.3.0', 'exe');
    feed.serve(r2, 'latest.yml');
    const { rig: t } = rig('nsis');
    t.updates.checkNow();
    const s = await t.until((x) => x.state === 'ready' || (x.state === 'idle' && x.problem !== undefined));
    expect(s).toEqual({ state: 'ready', version: '0.3.0' });
    expect(fileSha512(t.downloaded[0] ?? '')).toBe(sha512Base64(r2.bytes));
  });

  it('with a publisher name in the build config, an installer whose signature check fails is refused', async () => {
    feed.serve(release('0.3.0', 'exe'), 'latest.yml');
    const { rig: t, updater } = rig('nsis', '0.1.0', undefined, 'publisherName:\n  - LP Agent Desktop Contributors\n');
    const checked: string[][] = [];
    // Windows runs Get-AuthenticodeSignature here (PowerShell); this machine cannot, so the hook answers as a failed check does.
    (updater as NsisUpdater).verifyUpdateCodeSignature = async (publishers) => {
      checked.push(publishers);
      return 'publisherNames: LP Agent Desktop Contributors, raw info: {"Status":"NotSigned"}';
    };
    t.updates.checkNow();
    const s = await t.until((x) => x.state === 'ready' || (x.state === 'idle' && x.problem !== undefined));
    expect(checked).toEqual([['LP Agent Desktop Contributors']]);
    expect(s).toMatchObject({ state: 'idle', problem: { kind: 'signature' } });
    expect(t.downloaded).toEqual([]);
  });
});
