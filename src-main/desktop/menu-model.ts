/**
 * The application menu as data (no Electron): what the app offers instead of Electron's default menu.
 * Every item of ours has an action id; Edit and Window items are Electron roles (copy/paste and
 * window handling work in text fields, macOS needs them in a menu). Reload and DevTools only in
 * development builds. menu.ts turns this into an Electron Menu; the shortcut list reads it too.
 * Every label comes from the catalogue in main's language (role items too: Electron's own role
 * labels are English), so the model is rebuilt when the language changes (app.ts, installMenu).
 */
import { t } from './i18n';

export type MenuAction =
  | 'about' | 'settings' | 'diagnostics' | 'export-logs' | 'quit'
  | 'zoom-in' | 'zoom-out' | 'zoom-reset' | 'reload' | 'devtools' | 'shortcuts' | 'restart-to-update';

export type MenuRole =
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'minimize' | 'close' | 'hide' | 'hideOthers'
  | 'unhide' | 'front' | 'togglefullscreen';

export type MenuNode =
  | { kind: 'action'; id: MenuAction; label: string; accelerator?: string }
  | { kind: 'role'; role: MenuRole; label: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; role?: 'appMenu' | 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'help'; items: MenuNode[] };

export interface MenuModelOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Not packaged: Reload and Toggle DevTools are offered. */
  development: boolean;
  /** A downloaded, verified update: "Restart to update" is offered with this label (updates/; catalogue `updates.menuRestart`). */
  restartToUpdateLabel?: string;
}

const sep: MenuNode = { kind: 'separator' };
const act = (id: MenuAction, label: string, accelerator?: string): MenuNode =>
  accelerator ? { kind: 'action', id, label, accelerator } : { kind: 'action', id, label };
function role(r: MenuRole, appName: string): MenuNode {
  return { kind: 'role', role: r, label: r === 'hide' ? t('menuRole.hide', { app: appName }) : t(`menuRole.${r}`) };
}

export function appMenuModel(opts: MenuModelOptions): MenuNode[] {
  const mac = opts.platform === 'darwin';
  const r = (x: MenuRole): MenuNode => role(x, opts.appName);
  const about = act('about', t('menu.about', { app: opts.appName }));
  const settings = act('settings', t('menu.settings'), 'CommandOrControl+,');
  const quit = act('quit', mac ? t('menu.quitApp', { app: opts.appName }) : t('menu.quit'), 'CommandOrControl+Q');
  const diagnostics = act('diagnostics', t('menu.diagnostics'));
  const exportLogs = act('export-logs', t('menu.exportLogs'));
  const update: MenuNode[] = opts.restartToUpdateLabel === undefined ? [] : [act('restart-to-update', opts.restartToUpdateLabel), sep];
  const appMenu: MenuNode[] = mac
    ? [{ kind: 'submenu', label: opts.appName, role: 'appMenu', items: [about, ...(update.length > 0 ? [sep, ...update] : [sep]), settings, sep, r('hide'), r('hideOthers'), r('unhide'), sep, quit] }]
    : [];
  const file: MenuNode = {
    kind: 'submenu', label: t('menu.file'), role: 'fileMenu',
    items: mac ? [diagnostics, exportLogs, sep, r('close')] : [settings, diagnostics, exportLogs, sep, ...update, quit],
  };
  const edit: MenuNode = {
    kind: 'submenu', label: t('menu.edit'), role: 'editMenu',
    items: [r('undo'), r('redo'), sep, r('cut'), r('copy'), r('paste'), r('selectAll')],
  };
  const view: MenuNode = {
    kind: 'submenu', label: t('menu.view'), role: 'viewMenu',
    items: [
      act('zoom-in', t('menu.zoomIn'), 'CommandOrControl+='),
      act('zoom-out', t('menu.zoomOut'), 'CommandOrControl+-'),
      act('zoom-reset', t('menu.actualSize'), 'CommandOrControl+0'),
      sep, r('togglefullscreen'),
      ...(opts.development ? [sep, act('reload', t('menu.reload'), 'CommandOrControl+R'), act('devtools', t('menu.devtools'), mac ? 'Alt+Command+I' : 'Control+Shift+I')] : []),
    ],
  };
  const windowMenu: MenuNode = {
    kind: 'submenu', label: t('menu.window'), role: 'windowMenu',
    items: mac ? [r('minimize'), sep, r('front')] : [r('minimize'), r('close')],
  };
  const shortcuts = act('shortcuts', t('menu.shortcuts'), 'F1');
  const help: MenuNode = {
    kind: 'submenu', label: t('menu.help'), role: 'help',
    items: mac ? [shortcuts] : [shortcuts, sep, about],
  };
  return [...appMenu, file, edit, view, windowMenu, help];
}

/** Every action item of the model, depth first. */
export function menuActions(model: readonly MenuNode[]): Array<Extract<MenuNode, { kind: 'action' }>> {
  return model.flatMap((n) => (n.kind === 'action' ? [n] : n.kind === 'submenu' ? menuActions(n.items) : []));
}
