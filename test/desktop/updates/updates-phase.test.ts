// electron-updater's autoUpdater from its imported module (updates-phase.ts): named (Node's loader)
// or under `default` (the split main bundle, where a CommonJS chunk exports only a default).
import { describe, expect, it } from 'vitest';
import { autoUpdaterOf } from '../../../src-main/desktop/updates/updates-phase';
import type { UpdaterLike } from '../../../src-main/desktop/updates/updater';

const updater = { autoDownload: true } as unknown as UpdaterLike;

describe('autoUpdaterOf', () => {
  it('takes the named export, else the one under default', () => {
    expect(autoUpdaterOf({ autoUpdater: updater })).toBe(updater);
    expect(autoUpdaterOf({ default: { autoUpdater: updater } })).toBe(updater);
  });

  it('says so when neither holds one', () => {
    expect(() => autoUpdaterOf({})).toThrow('electron-updater exports no autoUpdater');
    expect(() => autoUpdaterOf({ default: null })).toThrow('electron-updater exports no autoUpdater');
  });
});
