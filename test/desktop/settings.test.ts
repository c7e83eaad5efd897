import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-preload/api';
import {
  createSettings, migrateSettingsFile, SETTINGS_SCHEMA_VERSION, SETTINGS_STORE_OPTIONS, type KeyValueStore, type StoreFactory,
} from '../../src-main/desktop/settings';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** electron-store is Conf plus Electron's userData as cwd: Conf with a temp cwd is the same store. */
const confFactory = (): StoreFactory => (options) => new Conf<Record<string, unknown>>({
  cwd: dir, configName: options.name, schema: options.schema, defaults: options.defaults, clearInvalidConfig: options.clearInvalidConfig,
}) as KeyValueStore;

describe('settings', () => {
  it('starts from DEFAULT_SETTINGS with the current schema version', () => {
    const s = createSettings(confFactory());
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    const file = JSON.parse(readFileSync(s.path, 'utf8')) as Record<string, unknown>;
    expect(file.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
  });

  it('persists changes, notifies listeners, survives a reopen', () => {
    const s = createSettings(confFactory());
    const seen: boolean[] = [];
    s.onChange((next, prev) => seen.push(next.sound, prev.sound));
    expect(s.set({ sound: false, theme: 'dark' })).toMatchObject({ sound: false, theme: 'dark' });
    expect(seen).toEqual([false, true]);
    expect(createSettings(confFactory()).get()).toMatchObject({ sound: false, theme: 'dark', notifications: true });
  });

  it('the JSON schema generated from the contract rejects invalid values', () => {
    const s = createSettings(confFactory());
    const raw = confFactory()(SETTINGS_STORE_OPTIONS);
    expect(() => raw.set('settings', { ...DEFAULT_SETTINGS, theme: 'neon' })).toThrow(/schema/i);
    expect(() => raw.set('settings', { ...DEFAULT_SETTINGS, cannedResponses: [{ id: '', title: 't', text: 'x' }] })).toThrow(/schema/i);
    expect(() => raw.set('savedAccount', { accountId: 'bad id!', username: 'x' })).toThrow(/schema/i);
    expect(() => s.set({ theme: 'neon' as never })).toThrow();
    expect(s.get().theme).toBe('system');
  });

  it('keeps the saved account (no secrets) and window bounds apart from the settings', () => {
    const s = createSettings(confFactory());
    s.setSavedAccount({ accountId: '123', username: 'agent', csdsUrl: 'http://127.0.0.1:9/' });
    s.setWindowBounds({ x: 10, y: 20, width: 900, height: 700 });
    const reopened = createSettings(confFactory());
    expect(reopened.savedAccount()).toEqual({ accountId: '123', username: 'agent', csdsUrl: 'http://127.0.0.1:9/' });
    expect(reopened.windowBounds()).toEqual({ x: 10, y: 20, width: 900, height: 700 });
    expect(() => s.setSavedAccount({ accountId: '123', username: 'agent', password: 'x' } as never)).toThrow();
    expect(readFileSync(s.path, 'utf8')).not.toMatch(/password|secret|token/i);
  });

  it('keeps the zoom level (main only) across a reopen; an out-of-range value is ignored', () => {
    const s = createSettings(confFactory());
    expect(s.zoomLevel()).toBe(0);
    s.setZoomLevel(1.5);
    s.setZoomLevel(99);
    expect(createSettings(confFactory()).zoomLevel()).toBe(1.5);
    expect(createSettings(confFactory()).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('a settings file that is not JSON is moved aside with a timestamp and reported; defaults are used', () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{"schemaVersion":1,"settings":{"sound":fal');
    const moved: Array<[string, string]> = [];
    const s = createSettings(confFactory(), { file, onMovedAside: (to, why) => moved.push([to, why]), now: () => new Date('2026-12-06T23:15:00.123Z') });
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(moved).toEqual([[`${file}.corrupt-20261206T231500Z`, 'not valid JSON']]);
    expect(readFileSync(moved[0]![0], 'utf8')).toBe('{"schemaVersion":1,"settings":{"sound":fal');
    // A second damaged file in the same second gets a name of its own.
    writeFileSync(file, '[1,2]');
    createSettings(confFactory(), { file, onMovedAside: (to, why) => moved.push([to, why]), now: () => new Date('2026-12-06T23:15:00.900Z') });
    expect(moved[1]).toEqual([`${file}.corrupt-20261206T231500Z-2`, 'unexpected content']);
  });

  it('a JSON file with one invalid value keeps everything else (electron-store alone would empty it)', () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, settings: { ...DEFAULT_SETTINGS, sound: false, theme: 'neon' }, savedAccount: { accountId: '42', username: 'ann' } }));
    const moved: string[] = [];
    const s = createSettings(confFactory(), { file, onMovedAside: (to) => moved.push(to) });
    expect(moved).toEqual([]);
    expect(s.get()).toEqual({ ...DEFAULT_SETTINGS, sound: false });
    expect(s.savedAccount()).toEqual({ accountId: '42', username: 'ann' });
  });

  it('migrates a v0 file: flat settings move in, secrets and unknown keys go, bad values fall back', () => {
    const { data, changed } = migrateSettingsFile({
      sound: false, theme: 'dark', notifications: 'yes', acceptOldestShortcut: null,
      account: { accountId: '42', username: 'ann', password: 'hunter2', bearer: 'abc' },
      windowBounds: { x: 1, y: 2, width: 50, height: 50 }, junk: 1,
    });
    expect(changed).toBe(true);
    expect(data.schemaVersion).toBe(1);
    expect(data.settings).toEqual({ ...DEFAULT_SETTINGS, sound: false, theme: 'dark', acceptOldestShortcut: null });
    expect(data.savedAccount).toEqual({ accountId: '42', username: 'ann' });
    expect(data.windowBounds).toBeUndefined();
    expect(JSON.stringify(data)).not.toMatch(/hunter2|abc|password|bearer/);
  });

  it('an up-to-date file is left alone', () => {
    const { changed } = migrateSettingsFile({ schemaVersion: 1, settings: DEFAULT_SETTINGS });
    expect(changed).toBe(false);
  });

  it('opening a v0 file on disk migrates it in place', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ sound: false, closeToTray: true }));
    const s = createSettings(confFactory());
    expect(s.get()).toMatchObject({ sound: false, closeToTray: true, notifications: true });
    const file = JSON.parse(readFileSync(s.path, 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ schemaVersion: 1 });
    expect(file.sound).toBeUndefined();
  });
});
