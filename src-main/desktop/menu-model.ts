/**
 * The application menu as data (no Electron): what the app offers instead of Electron's default menu.
 * Every item of ours has an action id; Edit and Window items are Electron roles (copy/paste and
 * window handling work in text fields, macOS needs them in a menu). Reload and DevTools only in
 * development builds. menu.ts turns this into an Electron Menu; the shortcut list reads it too.
 */
export type MenuAction =
  | 'about' | 'settings' | 'diagnostics' | 'export-logs' | 'quit'
  | 'zoom-in' | 'zoom-out' | 'zoom-reset' | 'reload' | 'devtools' | 'shortcuts' | 'restart-to-update';

export type MenuRole =
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'minimize' | 'close' | 'hide' | 'hideOthers'
  | 'unhide' | 'front' | 'windowMenu' | 'togglefullscreen';

export type MenuNode =
  | { kind: 'action'; id: MenuAction; label: string; accelerator?: string }
  | { kind: 'role'; role: MenuRole }
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
const role = (r: MenuRole): MenuNode => ({ kind: 'role', role: r });

export function appMenuModel(opts: MenuModelOptions): MenuNode[] {
  const mac = opts.platform === 'darwin';
  const about = act('about', `About ${opts.appName}`);
  const settings = act('settings', mac ? 'Settings…' : 'Settings…', 'CommandOrControl+,');
  const quit = act('quit', mac ? `Quit ${opts.appName}` : 'Quit', 'CommandOrControl+Q');
  const update: MenuNode[] = opts.restartToUpdateLabel === undefined ? [] : [act('restart-to-update', opts.restartToUpdateLabel), sep];
  const appMenu: MenuNode[] = mac
    ? [{ kind: 'submenu', label: opts.appName, role: 'appMenu', items: [about, ...(update.length > 0 ? [sep, ...update] : [sep]), settings, sep, role('hide'), role('hideOthers'), role('unhide'), sep, quit] }]
    : [];
  const file: MenuNode = {
    kind: 'submenu', label: 'File', role: 'fileMenu',
    items: mac
      ? [act('diagnostics', 'Diagnostics…'), act('export-logs', 'Export logs…'), sep, role('close')]
      : [settings, act('diagnostics', 'Diagnostics…'), act('export-logs', 'Export logs…'), sep, ...update, quit],
  };
  const edit: MenuNode = {
    kind: 'submenu', label: 'Edit', role: 'editMenu',
    items: [role('undo'), role('redo'), sep, role('cut'), role('copy'), role('paste'), role('selectAll')],
  };
  const view: MenuNode = {
    kind: 'submenu', label: 'View', role: 'viewMenu',
    items: [
      act('zoom-in', 'Zoom in', 'CommandOrControl+='),
      act('zoom-out', 'Zoom out', 'CommandOrControl+-'),
      act('zoom-reset', 'Actual size', 'CommandOrControl+0'),
      sep, role('togglefullscreen'),
      ...(opts.development ? [sep, act('reload', 'Reload', 'CommandOrControl+R'), act('devtools', 'Toggle developer tools', mac ? 'Alt+Command+I' : 'Control+Shift+I')] : []),
    ],
  };
  const windowMenu: MenuNode = {
    kind: 'submenu', label: 'Window', role: 'windowMenu',
    items: mac ? [role('minimize'), sep, role('front')] : [role('minimize'), role('close')],
  };
  const help: MenuNode = {
    kind: 'submenu', label: 'Help', role: 'help',
    items: mac ? [act('shortcuts', 'Keyboard shortcuts', 'F1')] : [act('shortcuts', 'Keyboard shortcuts', 'F1'), sep, about],
  };
  return [...appMenu, file, edit, view, windowMenu, help];
}

/** Every action item of the model, depth first. */
export function menuActions(model: readonly MenuNode[]): Array<Extract<MenuNode, { kind: 'action' }>> {
  return model.flatMap((n) => (n.kind === 'action' ? [n] : n.kind === 'submenu' ? menuActions(n.items) : []));
}
