import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartEntry, autostartPath, createLaunchAtLogin, execArgument } from '../../src-main/desktop/login-item';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function home(): string {
  const d = mkdtempSync(join(tmpdir(), 'lp-autostart-'));
  dirs.push(d);
  return d;
}

describe('launch at login on Linux: an XDG autostart entry', () => {
  it('is written when turned on and removed when turned off (packaged executable, then AppImage)', () => {
    const h = home();
    const logs: string[] = [];
    const electronCalls: boolean[] = [];
    const deps = {
      platform: 'linux', env: {}, home: h, execPath: '/opt/LP Agent Desktop/lp-agent-desktop', name: 'LP Agent Desktop',
      setLoginItemSettings: (s: { openAtLogin: boolean }) => electronCalls.push(s.openAtLogin), log: (m: string) => logs.push(m),
    };
    const path = join(h, '.config', 'autostart', 'com.lpagentdesktop.app.desktop');
    createLaunchAtLogin(deps)(true);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('[Desktop Entry]\nType=Application\n');
    expect(text).toContain('Exec="/opt/LP Agent Desktop/lp-agent-desktop"\n');
    expect(text).toContain('Name=LP Agent Desktop\n');
    expect(statSync(path).mode & 0o777).toBe(0o644);
    createLaunchAtLogin(deps)(false);
    expect(existsSync(path)).toBe(false);
    createLaunchAtLogin(deps)(false); // already gone: fine
    createLaunchAtLogin({ ...deps, env: { APPIMAGE: '/home/a/Apps/LP-Agent-Desktop.AppImage' } })(true);
    expect(readFileSync(path, 'utf8')).toContain('Exec=/home/a/Apps/LP-Agent-Desktop.AppImage\n');
    expect(electronCalls).toEqual([]);
    expect(logs.filter((l) => l.startsWith('autostart entry'))).toHaveLength(4);
  });

  it('follows XDG_CONFIG_HOME (absolute only)', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/x/conf' }, '/home/a')).toBe('/x/conf/autostart/com.lpagentdesktop.app.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative' }, '/home/a')).toBe('/home/a/.config/autostart/com.lpagentdesktop.app.desktop');
  });

  it('quotes Exec arguments as the Desktop Entry spec asks', () => {
    expect(execArgument('/usr/bin/app')).toBe('/usr/bin/app');
    expect(execArgument('/a b/app')).toBe('"/a b/app"');
    expect(execArgument('/a/$HOME"x`')).toBe('"/a/\\\\$HOME\\\\"x\\\\`"');
    expect(execArgument('/a/100%')).toBe('"/a/100%%"');
    expect(() => execArgument('/a\nExec=evil')).toThrow(/control characters/);
    expect(autostartEntry({ name: 'X\nExec=evil', command: ['/a'] })).not.toMatch(/^Exec=evil/m);
  });

  it('a write that fails is logged, not thrown (the setting stays, the app goes on)', () => {
    const h = home();
    const logs: string[] = [];
    // A file where the config dir should be: mkdir fails.
    const blocker = join(h, 'conf');
    writeFileSync(blocker, 'x');
    createLaunchAtLogin({
      platform: 'linux', env: { XDG_CONFIG_HOME: blocker }, home: h, execPath: '/a', name: 'A', setLoginItemSettings: () => undefined, log: (m) => logs.push(m),
    })(true);
    expect(logs[0]).toMatch(/^launch at login could not be set: /);
  });
});

describe('launch at login on macOS and Windows: Electron\'s login item', () => {
  it.each(['darwin', 'win32'])('%s uses app.setLoginItemSettings and writes no file', (platform) => {
    const h = home();
    const calls: boolean[] = [];
    const set = createLaunchAtLogin({
      platform, env: {}, home: h, execPath: '/a', name: 'A', setLoginItemSettings: (s) => calls.push(s.openAtLogin), log: () => undefined,
    });
    set(true);
    set(false);
    expect(calls).toEqual([true, false]);
    expect(existsSync(join(h, '.config'))).toBe(false);
  });
});
