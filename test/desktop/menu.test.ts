// The application menu: its model (no Electron default items, dev-only items, About where each OS
// expects it), the Electron template made from it, the shortcut list, zoom and what each item does.
import { describe, expect, it } from 'vitest';
import { aboutMessage, licencesPath } from '../../src-main/desktop/about';
import { menuTemplate } from '../../src-main/desktop/menu';
import { appMenuModel, menuActions, type MenuAction, type MenuNode } from '../../src-main/desktop/menu-model';
import { displayAccelerator, shortcutList } from '../../src-main/desktop/shortcut-list';
import { createMenuActions, type MenuPhaseDeps, type MessageBoxOptionsLike } from '../../src-main/desktop/startup/menu-phase';
import { createZoom, nextZoomLevel, ZOOM_MAX, ZOOM_MIN } from '../../src-main/desktop/zoom';

const ids = (model: MenuNode[]): MenuAction[] => menuActions(model).map((a) => a.id);

describe('menu model', () => {
  it('offers About, Settings, Diagnostics, Export logs, zoom, shortcuts and Quit on every OS', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const got = ids(appMenuModel({ appName: 'LP Agent Desktop', platform, development: false }));
      expect(new Set(got)).toEqual(new Set(['about', 'settings', 'diagnostics', 'export-logs', 'quit', 'zoom-in', 'zoom-out', 'zoom-reset', 'shortcuts']));
    }
  });

  it('has Reload and developer tools only in development builds', () => {
    expect(ids(appMenuModel({ appName: 'A', platform: 'linux', development: true }))).toEqual(expect.arrayContaining(['reload', 'devtools']));
    expect(ids(appMenuModel({ appName: 'A', platform: 'linux', development: false }))).not.toEqual(expect.arrayContaining(['reload']));
    expect(ids(appMenuModel({ appName: 'A', platform: 'linux', development: false }))).not.toContain('devtools');
  });

  it('puts About and Settings in the app menu on macOS, in Help and File elsewhere', () => {
    const mac = appMenuModel({ appName: 'LP Agent Desktop', platform: 'darwin', development: false });
    expect(mac[0]).toMatchObject({ kind: 'submenu', label: 'LP Agent Desktop', role: 'appMenu' });
    expect(ids(mac.slice(0, 1))).toEqual(['about', 'settings', 'quit']);
    const linux = appMenuModel({ appName: 'LP Agent Desktop', platform: 'linux', development: false });
    expect(linux.map((n) => (n.kind === 'submenu' ? n.label : ''))).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(ids(linux.slice(-1))).toEqual(['shortcuts', 'about']);
  });

  it('becomes an Electron template: our items with ids and clicks, Edit as roles, nothing of Electron\'s default help', () => {
    const clicked: MenuAction[] = [];
    const template = menuTemplate(appMenuModel({ appName: 'A', platform: 'linux', development: false }), (a) => clicked.push(a));
    const edit = template.find((t) => t.label === 'Edit');
    expect((edit?.submenu as Array<{ role?: string }>).map((i) => i.role)).toEqual(expect.arrayContaining(['copy', 'paste', 'undo']));
    const view = template.find((t) => t.label === 'View')?.submenu as Array<{ id?: string; accelerator?: string; click?: () => void }>;
    const zoomIn = view.find((i) => i.id === 'zoom-in');
    expect(zoomIn?.accelerator).toBe('CommandOrControl+=');
    zoomIn?.click?.();
    expect(clicked).toEqual(['zoom-in']);
    expect(JSON.stringify(template)).not.toMatch(/electronjs|Learn More|Documentation|toggleDevTools|forceReload/i);
  });
});

describe('shortcut list', () => {
  it('names keys for the platform and lists the global shortcut, the menu accelerators and the window keys', () => {
    expect(displayAccelerator('CommandOrControl+Shift+A', 'linux')).toBe('Ctrl+Shift+A');
    expect(displayAccelerator('CommandOrControl+Shift+A', 'darwin')).toBe('⌘+Shift+A');
    const list = shortcutList({ model: appMenuModel({ appName: 'A', platform: 'linux', development: false }), platform: 'linux', acceptOldestShortcut: 'Alt+Shift+K' });
    expect(list[0]).toEqual({ keys: 'Alt+Shift+K', what: 'Accept the oldest request (anywhere on the desktop)' });
    expect(list).toEqual(expect.arrayContaining([{ keys: 'Ctrl+=', what: 'Zoom in' }, { keys: 'Ctrl+Q', what: 'Quit' }, { keys: 'Alt+A', what: expect.stringMatching(/Accept/) }]));
    expect(shortcutList({ model: [], platform: 'linux', acceptOldestShortcut: '' }).some((e) => /anywhere/.test(e.what))).toBe(false);
  });
});

describe('zoom', () => {
  it('steps by half a level, clamps, snaps odd values and resets', () => {
    expect(nextZoomLevel(0, 'in')).toBe(0.5);
    expect(nextZoomLevel(0.5, 'out')).toBe(0);
    expect(nextZoomLevel(ZOOM_MAX, 'in')).toBe(ZOOM_MAX);
    expect(nextZoomLevel(ZOOM_MIN, 'out')).toBe(ZOOM_MIN);
    expect(nextZoomLevel(0.7, 'in')).toBe(1);
    expect(nextZoomLevel(Number.NaN, 'in')).toBe(0.5);
    expect(nextZoomLevel(3, 'reset')).toBe(0);
  });

  it('applies to the page and remembers; a reloaded page gets the remembered level', () => {
    let stored = 1;
    const applied: number[] = [];
    const zoom = createZoom({ get: () => stored, set: (l) => (stored = l), target: () => ({ setZoomLevel: (l) => applied.push(l) }) });
    expect(zoom.change('in')).toBe(1.5);
    expect(stored).toBe(1.5);
    zoom.apply();
    expect(applied).toEqual([1.5, 1.5]);
    // No window: remembered all the same.
    const noWindow = createZoom({ get: () => stored, set: (l) => (stored = l), target: () => null });
    noWindow.change('reset');
    expect(stored).toBe(0);
  });
});

describe('about', () => {
  it('says name, version, Electron, Chromium and Node versions and where the licences are', () => {
    const m = aboutMessage({ name: 'LP Agent Desktop', version: '1.2.3', versions: { electron: '45.4.1', chrome: '140.0.1', node: '22.1.0' } });
    expect(m.message).toBe('LP Agent Desktop 1.2.3');
    expect(m.detail).toContain('Electron 45.4.1');
    expect(m.detail).toContain('Chromium 140.0.1');
    expect(m.detail).toContain('Node.js 22.1.0');
    expect(m.detail).toMatch(/LICENSES\.chromium\.html/);
    expect(licencesPath('/opt/LP Agent Desktop/lp-agent-desktop')).toBe('/opt/LP Agent Desktop/LICENSES.chromium.html');
  });
});

describe('menu actions', () => {
  function harness(over: Partial<MenuPhaseDeps> = {}) {
    const calls: string[] = [];
    const boxes: MessageBoxOptionsLike[] = [];
    const answers: number[] = [];
    let settled: () => void = () => undefined;
    const deps: MenuPhaseDeps = {
      model: appMenuModel({ appName: 'A', platform: 'linux', development: true }), platform: 'linux',
      about: { name: 'A', version: '1.0.0', versions: {} },
      exePath: () => '/opt/a/a',
      showMessageBox: async (o) => { boxes.push(o); return { response: answers.shift() ?? 0 }; },
      openPath: async (p) => { calls.push(`openPath ${p}`); settled(); return ''; },
      showWindow: () => calls.push('show'),
      openPanel: (p) => calls.push(`open ${p}`),
      exportLogs: async () => ({ path: '/tmp/x.log', lines: 3 }),
      zoom: (c) => { calls.push(`zoom ${c}`); return 0; },
      acceptOldestShortcut: () => 'CommandOrControl+Shift+A',
      reload: () => calls.push('reload'),
      toggleDevTools: () => calls.push('devtools'),
      restartToUpdate: () => { calls.push('restart'); return { restarting: true }; },
      quit: () => calls.push('quit'),
      log: (m) => { calls.push(`log ${m}`); settled(); },
      ...over,
    };
    const run = createMenuActions(deps);
    const until = (action: MenuAction): Promise<void> => new Promise((r) => { settled = r; run(action); });
    return { calls, boxes, answers, run, until };
  }

  it('Settings and Diagnostics show the window and open that panel', async () => {
    const h = harness();
    await h.until('zoom-in');
    h.run('settings');
    h.run('diagnostics');
    await h.until('zoom-out');
    expect(h.calls.filter((c) => !c.startsWith('log') && !c.startsWith('zoom'))).toEqual(['show', 'open settings', 'show', 'open diagnostics']);
  });

  it('About shows the box; its Licences button opens the licences beside the program', async () => {
    const h = harness();
    h.answers.push(1);
    await h.until('about');
    expect(h.boxes[0]?.message).toBe('A 1.0.0');
    expect(h.calls).toContain('openPath /opt/a/LICENSES.chromium.html');
  });

  it('the shortcut list box holds the global shortcut; a failing action is logged, not thrown', async () => {
    const h = harness({ showMessageBox: async (o) => { if (o.title === 'Keyboard shortcuts') throw new Error('no display'); return { response: 0 }; } });
    await h.until('shortcuts');
    expect(h.calls).toContain('log menu action shortcuts failed: no display');
    const ok = harness();
    await ok.until('zoom-reset');
    ok.run('shortcuts');
    await ok.until('zoom-in');
    expect(ok.boxes[0]?.detail).toContain('Ctrl+Shift+A — Accept the oldest request');
  });

  it('Restart to update is offered only with an update ready; refused, it says why in a box', async () => {
    expect(menuActions(appMenuModel({ appName: 'A', platform: 'linux', development: false })).map((a) => a.id)).not.toContain('restart-to-update');
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const item = menuActions(appMenuModel({ appName: 'A', platform, development: false, restartToUpdateLabel: 'Restart to update (0.2.0)…' })).find((a) => a.id === 'restart-to-update');
      expect(item?.label).toBe('Restart to update (0.2.0)…');
    }
    const h = harness({ restartToUpdate: () => ({ restarting: false, reason: 'conversations-open', count: 1 }) });
    h.run('restart-to-update');
    await h.until('zoom-in');
    expect(h.boxes.at(-1)).toMatchObject({ title: 'Restart to update', detail: '1 conversation is open: close it first. The update also installs when you quit the app.' });
  });
});
