/**
 * Phase 4 (continued): a settings change is sent to the renderer ('settings/changed'), re-applies
 * the global shortcut when it changed, and the login item when "launch at login" changed (packaged
 * builds only: a development build must not register itself with the OS). `setLaunchAtLogin`
 * (login-item.ts) covers Linux too; without it, Electron's setLoginItemSettings (macOS/Windows).
 */
import type { EventsBridge } from '../events-bridge';
import type { SettingsService } from '../settings';

export function reactToSettings(deps: {
  settings: Pick<SettingsService, 'onChange'>;
  events: Pick<EventsBridge, 'emit'>;
  applyShortcut(accelerator: string | null): void;
  app: { readonly isPackaged: boolean; setLoginItemSettings(settings: { openAtLogin: boolean }): void };
  setLaunchAtLogin?(open: boolean): void;
}): () => void {
  const setLaunchAtLogin = deps.setLaunchAtLogin ?? ((open: boolean) => deps.app.setLoginItemSettings({ openAtLogin: open }));
  return deps.settings.onChange((next, previous) => {
    deps.events.emit('settings/changed', next);
    if (next.acceptOldestShortcut !== previous.acceptOldestShortcut) deps.applyShortcut(next.acceptOldestShortcut);
    if (next.launchAtLogin !== previous.launchAtLogin && deps.app.isPackaged) setLaunchAtLogin(next.launchAtLogin);
  });
}
