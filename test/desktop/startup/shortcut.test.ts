import { describe, expect, it } from 'vitest';
import { reactToSettings } from '../../../src-main/desktop/startup/settings-reactions';
import { createShortcutPhase } from '../../../src-main/desktop/startup/shortcut';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-preload/api';

function setUp(taken: ReadonlySet<string>) {
  const errors: string[] = [];
  const registered = new Map<string, () => void>();
  let unregisteredAll = 0;
  let accepted = 0;
  const phase = createShortcutPhase({
    globalShortcut: {
      register: (accel, cb) => {
        if (taken.has(accel)) return false;
        registered.set(accel, cb);
        return true;
      },
      unregister: (accel) => registered.delete(accel),
      unregisterAll: () => { unregisteredAll += 1; registered.clear(); },
    },
    onAcceptOldest: () => { accepted += 1; },
    events: { emit: (name, data) => { if (name === 'app/error') errors.push((data as { message: string }).message); } },
    log: () => undefined,
  });
  return { phase, errors, registered, unregisteredAll: () => unregisteredAll, accepted: () => accepted };
}

describe('global shortcut phase', () => {
  it('by default no global shortcut is registered (a system-wide grab must be chosen by the agent)', () => {
    expect(DEFAULT_SETTINGS.acceptOldestShortcut).toBeNull();
    const t = setUp(new Set());
    t.phase.apply(DEFAULT_SETTINGS.acceptOldestShortcut);
    expect(t.registered.size).toBe(0);
    expect(t.errors).toEqual([]);
  });

  it('a refused shortcut is reported, and replayed to a renderer that loads later', () => {
    const t = setUp(new Set(['Ctrl+Shift+A']));
    t.phase.apply('Ctrl+Shift+A');
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toContain('already used by another application');
    t.phase.replayError(); // the page finished loading
    expect(t.errors).toEqual([t.errors[0], t.errors[0]]);
  });

  it('after a shortcut that works, nothing is replayed, and pressing it accepts', () => {
    const t = setUp(new Set(['Ctrl+Shift+A']));
    t.phase.apply('Ctrl+Shift+A');
    t.phase.apply('Ctrl+Alt+A');
    t.phase.replayError();
    expect(t.errors).toHaveLength(1);
    t.registered.get('Ctrl+Alt+A')?.();
    expect(t.accepted()).toBe(1);
    t.phase.dispose();
    expect(t.registered.size).toBe(0);
    expect(t.unregisteredAll()).toBe(1);
  });
});

describe('settings reactions', () => {
  function settingsHub() {
    let listener: ((next: Settings, previous: Settings) => void) | undefined;
    return {
      settings: { onChange: (l: (next: Settings, previous: Settings) => void) => { listener = l; return () => undefined; } },
      change: (patch: Partial<Settings>) => listener?.({ ...DEFAULT_SETTINGS, ...patch }, DEFAULT_SETTINGS),
    };
  }

  it('sends the change, re-applies a changed shortcut and sets the login item when packaged', () => {
    const hub = settingsHub();
    const sent: string[] = [];
    const applied: Array<string | null> = [];
    const loginItems: boolean[] = [];
    reactToSettings({
      settings: hub.settings, events: { emit: (name) => sent.push(name) }, applyShortcut: (a) => applied.push(a),
      app: { isPackaged: true, setLoginItemSettings: (s) => loginItems.push(s.openAtLogin) },
    });
    hub.change({ sound: !DEFAULT_SETTINGS.sound });
    expect(sent).toEqual(['settings/changed']);
    expect(applied).toEqual([]);
    hub.change({ acceptOldestShortcut: 'Alt+Shift+K', launchAtLogin: !DEFAULT_SETTINGS.launchAtLogin });
    expect(applied).toEqual(['Alt+Shift+K']);
    expect(loginItems).toEqual([!DEFAULT_SETTINGS.launchAtLogin]);
  });

  it('launch at login goes through setLaunchAtLogin when given (Linux autostart entry, login-item.ts)', () => {
    const hub = settingsHub();
    const viaLoginItem: boolean[] = [];
    const viaElectron: boolean[] = [];
    reactToSettings({
      settings: hub.settings, events: { emit: () => undefined }, applyShortcut: () => undefined,
      app: { isPackaged: true, setLoginItemSettings: (s) => viaElectron.push(s.openAtLogin) },
      setLaunchAtLogin: (open) => viaLoginItem.push(open),
    });
    hub.change({ launchAtLogin: !DEFAULT_SETTINGS.launchAtLogin });
    expect(viaLoginItem).toEqual([!DEFAULT_SETTINGS.launchAtLogin]);
    expect(viaElectron).toEqual([]);
  });

  it('a development build never registers itself as a login item', () => {
    const hub = settingsHub();
    const loginItems: boolean[] = [];
    reactToSettings({
      settings: hub.settings, events: { emit: () => undefined }, applyShortcut: () => undefined,
      app: { isPackaged: false, setLoginItemSettings: (s) => loginItems.push(s.openAtLogin) },
    });
    hub.change({ launchAtLogin: !DEFAULT_SETTINGS.launchAtLogin });
    expect(loginItems).toEqual([]);
  });
});
