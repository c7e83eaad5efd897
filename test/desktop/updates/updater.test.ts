// The adapter's wiring to an updater (a fake AppUpdater): which feed it sets, what it configures,
// that it never checks when off, and that a restart goes to quitAndInstall only when allowed.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../src-preload/api';
import { createUpdates, type UpdaterLike } from '../../../src-main/desktop/updates/updater';
import { chooseUpdateFeed } from '../../../src-main/desktop/updates/update-feed';

function fakeUpdater() {
  const emitter = new EventEmitter();
  const calls: unknown[][] = [];
  const u = Object.assign(emitter, {
    autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: true, allowPrerelease: true, forceDevUpdateConfig: false,
    logger: null, updateConfigPath: null,
    checkForUpdates: () => { calls.push(['check']); return Promise.resolve(null); },
    quitAndInstall: (...a: unknown[]) => { calls.push(['quitAndInstall', ...a]); },
    setFeedURL: (o: unknown) => { calls.push(['setFeedURL', o]); },
  });
  return { updater: u as unknown as UpdaterLike & EventEmitter, calls };
}

const noTimers = { now: () => 0, setTimeout: () => 1, clearTimeout: () => undefined };

describe('chooseUpdateFeed', () => {
  it('policy first, then the build; a development build only with a dev config', () => {
    expect(chooseUpdateFeed({ isPackaged: true, policyUrl: 'https://u.corp.example/lpad' })).toEqual({ on: true, source: 'policy', url: 'https://u.corp.example/lpad' });
    expect(chooseUpdateFeed({ isPackaged: true })).toEqual({ on: true, source: 'build' });
    expect(chooseUpdateFeed({ isPackaged: true, devConfigPath: '/tmp/x.yml' })).toEqual({ on: true, source: 'build' });
    expect(chooseUpdateFeed({ isPackaged: false, policyUrl: 'https://u.corp.example/lpad' })).toMatchObject({ on: false });
    expect(chooseUpdateFeed({ isPackaged: false })).toEqual({ on: false, reason: 'development' });
    expect(chooseUpdateFeed({ isPackaged: false, devConfigPath: '/tmp/x.yml' })).toEqual({ on: true, source: 'dev-config', configPath: '/tmp/x.yml' });
  });
});

describe('createUpdates', () => {
  it('a policy feed becomes a generic provider; downgrades and prereleases are off; installs on quit', () => {
    const { updater, calls } = fakeUpdater();
    const published: UpdateStatus[] = [];
    createUpdates({ updater, feed: { on: true, source: 'policy', url: 'https://u.corp.example/lpad' }, ...noTimers, log: () => undefined, publish: (s) => published.push(s), busy: () => ({ openConversations: 0, waitingRings: 0 }) });
    expect(calls).toContainEqual(['setFeedURL', { provider: 'generic', url: 'https://u.corp.example/lpad' }]);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false, allowPrerelease: false });
    expect(published).toEqual([{ state: 'idle' }]);
  });

  it('off: says why, never checks, restart refused', () => {
    const { updater, calls } = fakeUpdater();
    const logs: string[] = [];
    const u = createUpdates({ updater, feed: { on: false, reason: 'development' }, ...noTimers, log: (m) => logs.push(m), publish: () => undefined, busy: () => ({ openConversations: 0, waitingRings: 0 }) });
    u.checkNow();
    expect(calls).toEqual([]);
    expect(u.status()).toEqual({ state: 'off', reason: 'development' });
    expect(u.restart()).toMatchObject({ restarting: false, reason: 'no-update' });
    expect(logs).toEqual(['updates off (development: not packaged, no LP_AGENT_DEV_UPDATE_CONFIG)', 'restart to update refused: no-update']);
  });

  it('restarts through quitAndInstall once ready and idle; a waiting ring refuses it', () => {
    const { updater, calls } = fakeUpdater();
    const busy = { openConversations: 0, waitingRings: 1 };
    const u = createUpdates({ updater, feed: { on: true, source: 'build' }, ...noTimers, log: () => undefined, publish: () => undefined, busy: () => busy });
    updater.emit('checking-for-update');
    updater.emit('update-available', { version: '0.2.0' });
    updater.emit('download-progress', { percent: 50 });
    expect(u.status()).toEqual({ state: 'downloading', version: '0.2.0', percent: 50 });
    updater.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/x' });
    expect(u.restart()).toMatchObject({ restarting: false, reason: 'ring-waiting' });
    expect(calls.filter((c) => c[0] === 'quitAndInstall')).toEqual([]);
    busy.waitingRings = 0;
    expect(u.restart()).toEqual({ restarting: true });
    expect(calls).toContainEqual(['quitAndInstall', false, true]);
  });
});
