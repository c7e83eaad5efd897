/**
 * The application menu (menu-model.ts, menu.ts) and what its items do: About and the shortcut list
 * as message boxes, Settings and Diagnostics opened in the window ('ui/open'), Export logs through
 * the same save dialog as Diagnostics, zoom kept in the settings file and re-applied on each page
 * load, Quit; Reload and DevTools in development only.
 */
import type { UpdateRestartResult } from '../../../src-preload/api';
import { ABOUT_LICENCES_BUTTON, aboutButtons, aboutMessage, licencesPath, type AboutInfo } from '../about';
import { t } from '../i18n';
import { restartRefusalText } from '../updates/update-text';
import type { MenuAction, MenuNode } from '../menu-model';
import { shortcutList, shortcutListText } from '../shortcut-list';
import type { ZoomChange } from '../zoom';

export interface MessageBoxOptionsLike {
  type: 'info';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
}

export interface MenuPhaseDeps {
  model: readonly MenuNode[];
  platform: NodeJS.Platform;
  about: AboutInfo;
  exePath(): string;
  showMessageBox(options: MessageBoxOptionsLike): Promise<{ response: number }>;
  openPath(path: string): Promise<string>;
  showWindow(): void;
  openPanel(panel: 'settings' | 'diagnostics'): void;
  exportLogs(): Promise<{ path: string; lines: number } | null>;
  zoom(change: ZoomChange): number;
  acceptOldestShortcut(): string;
  reload(): void;
  toggleDevTools(): void;
  /** "Restart to update" (updates/updater.ts): restarts, or why not. */
  restartToUpdate(): UpdateRestartResult;
  quit(): void;
  log(message: string): void;
}

/** The click handler for every action of the menu; failures are logged (a menu click has no caller). */
export function createMenuActions(deps: MenuPhaseDeps): (action: MenuAction) => void {
  const box = (title: string, message: string, detail: string, buttons: string[] = [t('menu.ok')]): Promise<{ response: number }> =>
    deps.showMessageBox({ type: 'info', title, message, detail, buttons });
  const run: Record<MenuAction, () => unknown> = {
    about: async () => {
      const m = aboutMessage(deps.about);
      const { response } = await box(m.title, m.message, m.detail, aboutButtons());
      if (response === ABOUT_LICENCES_BUTTON) {
        const error = await deps.openPath(licencesPath(deps.exePath()));
        if (error) deps.log(`licences could not be opened: ${error}`);
      }
    },
    shortcuts: () => box(t('menu.shortcuts'), t('menu.shortcuts'),
      shortcutListText(shortcutList({ model: deps.model, platform: deps.platform, acceptOldestShortcut: deps.acceptOldestShortcut() }))),
    settings: () => {
      deps.showWindow();
      deps.openPanel('settings');
    },
    diagnostics: () => {
      deps.showWindow();
      deps.openPanel('diagnostics');
    },
    'export-logs': async () => {
      const result = await deps.exportLogs();
      if (result) await box(t('dialogs.exportLogs'), t('menu.logsExported'), t('diagnostics.exported', { count: result.lines, path: result.path }));
    },
    'zoom-in': () => deps.log(`zoom level ${deps.zoom('in')}`),
    'zoom-out': () => deps.log(`zoom level ${deps.zoom('out')}`),
    'zoom-reset': () => deps.log(`zoom level ${deps.zoom('reset')}`),
    reload: () => deps.reload(),
    devtools: () => deps.toggleDevTools(),
    'restart-to-update': async () => {
      const result = deps.restartToUpdate();
      if (!result.restarting) await box(t('updates.boxTitle'), t('updates.boxMessage'), restartRefusalText(result));
    },
    quit: () => deps.quit(),
  };
  return (action) => {
    void Promise.resolve()
      .then(run[action])
      .catch((err: unknown) => deps.log(`menu action ${action} failed: ${err instanceof Error ? err.message : String(err)}`));
  };
}
