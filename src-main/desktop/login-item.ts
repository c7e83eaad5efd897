/**
 * "Launch at login". macOS and Windows: Electron's app.setLoginItemSettings. Linux has no such API
 * in Electron (setLoginItemSettings is macOS/Windows only), so the app writes an XDG autostart entry,
 * $XDG_CONFIG_HOME/autostart/<app id>.desktop (default ~/.config/autostart; the XDG Autostart and
 * Desktop Entry specifications), and removes it when the setting is turned off. An AppImage is
 * started from its own file ($APPIMAGE), not from the mount point it runs from, which changes on
 * every run. Hand-written rather than the `auto-launch` package: that one is unmaintained (last
 * release 2023), brings macOS/Windows code Electron already covers, and what Linux needs is this file.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/** = package.json desktopName without `.desktop` (and electron-builder's appId). */
export const AUTOSTART_ID = 'com.lpagentdesktop.app';

export function autostartPath(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart', `${AUTOSTART_ID}.desktop`);
}

/** One Exec argument, quoted as the Desktop Entry spec asks ("Exec key"), then string-escaped. */
export function execArgument(arg: string): string {
  if (/[\n\r\t\0]/.test(arg)) throw new Error('an autostart command cannot contain control characters');
  const reserved = /[\s"'\\><~|&;$*?#()`%]/.test(arg);
  const quoted = reserved ? `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : arg;
  // Field codes start with %: a literal % is %%. Then the general string escape (\ → \\).
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

export function autostartEntry(opts: { name: string; command: readonly string[] }): string {
  const name = opts.name.replace(/[\n\r]/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${name}`,
    `Comment=Starts ${name} when you log in`,
    `Exec=${opts.command.map(execArgument).join(' ')}`,
    `Icon=${AUTOSTART_ID}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface LaunchAtLoginDeps {
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** The executable (app.getPath('exe')). */
  execPath: string;
  name: string;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
  log(message: string): void;
}

/** Turns launching at login on or off for this platform. */
export function createLaunchAtLogin(deps: LaunchAtLoginDeps): (open: boolean) => void {
  return (open) => {
    if (deps.platform !== 'linux') {
      deps.setLoginItemSettings({ openAtLogin: open });
      return;
    }
    const path = autostartPath(deps.env, deps.home);
    try {
      if (open) writeFileAtomic(path, autostartEntry({ name: deps.name, command: [deps.env.APPIMAGE || deps.execPath] }), 0o644);
      else rmSync(path, { force: true });
      deps.log(open ? `autostart entry written: ${path}` : `autostart entry removed: ${path}`);
    } catch (err) {
      deps.log(`launch at login could not be ${open ? 'set' : 'removed'}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
