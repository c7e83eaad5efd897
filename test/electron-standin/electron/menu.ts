/** `Menu` and `MenuItem`: a tree of items that can be recorded and clicked by id or label. */
import { EventEmitter } from 'node:events';
import type { RecordedMenuItem } from '../protocol';
import { StandinBrowserWindow } from './browser-window';
import { standinPlatform } from './platform';
import { changed, recorded } from './record';

type Click = (menuItem: StandinMenuItem, window: StandinBrowserWindow | undefined, event: Electron.KeyboardEvent) => void;
type ItemOptions = Omit<Electron.MenuItemConstructorOptions, 'click' | 'submenu'> & {
  click?: Click;
  submenu?: ItemOptions[] | StandinMenu;
};

export class StandinMenuItem implements Pick<Electron.MenuItem, 'label' | 'id' | 'enabled' | 'visible' | 'checked' | 'sublabel' | 'toolTip'> {
  label: string;
  id: string;
  type: string;
  role?: string;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  sublabel: string;
  toolTip: string;
  accelerator?: string;
  submenu?: StandinMenu;
  readonly clickHandler?: Click;

  constructor(options: ItemOptions) {
    this.label = options.label ?? '';
    this.id = options.id ?? '';
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.role = options.role;
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.checked = options.checked ?? false;
    this.sublabel = options.sublabel ?? '';
    this.toolTip = options.toolTip ?? '';
    this.accelerator = typeof options.accelerator === 'string' ? options.accelerator : undefined;
    this.clickHandler = options.click;
    if (options.submenu) this.submenu = options.submenu instanceof StandinMenu ? options.submenu : StandinMenu.buildFromTemplate(options.submenu);
  }
  click(): void {
    if (!this.enabled || !this.visible) throw new Error(`menu item "${this.label || this.id}" is ${this.enabled ? 'hidden' : 'disabled'}`);
    if (this.type === 'checkbox') this.checked = !this.checked;
    const window = StandinBrowserWindow.getFocusedWindow() ?? undefined;
    // Electron: "when specified [role], the click property will be ignored"; editing roles act on the focused webContents.
    const role = this.role as EditRole | undefined;
    if (role && EDIT_ROLES.includes(role)) {
      window?.webContents[role]();
      return;
    }
    this.clickHandler?.(this, window, { triggeredByAccelerator: false });
  }
  toRecord(): RecordedMenuItem {
    const r: RecordedMenuItem = { type: this.type, enabled: this.enabled, visible: this.visible, checked: this.checked };
    if (this.label) r.label = this.label;
    if (this.id) r.id = this.id;
    if (this.role) r.role = this.role;
    if (this.accelerator) r.accelerator = this.accelerator;
    if (this.submenu) r.submenu = this.submenu.toRecord();
    return r;
  }
}

export class StandinMenu extends EventEmitter implements Pick<Electron.Menu, 'closePopup'> {
  readonly items: StandinMenuItem[] = [];
  static buildFromTemplate(template: (ItemOptions | StandinMenuItem)[]): StandinMenu {
    const menu = new StandinMenu();
    for (const t of template) menu.append(t instanceof StandinMenuItem ? t : new StandinMenuItem(t));
    return menu;
  }
  static setApplicationMenu(menu: StandinMenu | null): void {
    applicationMenuWasSet = true;
    recorded.app.applicationMenu = menu ? menu.toRecord() : null;
    applicationMenu = menu;
    changed();
  }
  static getApplicationMenu(): StandinMenu | null {
    return applicationMenu;
  }
  append(item: StandinMenuItem): void {
    this.items.push(item);
  }
  getMenuItemById(id: string): StandinMenuItem | null {
    for (const item of this.items) {
      if (item.id === id) return item;
      const inner = item.submenu?.getMenuItemById(id);
      if (inner) return inner;
    }
    return null;
  }
  /** Find by id, else by label (depth first). */
  find(idOrLabel: string): StandinMenuItem | null {
    const byId = this.getMenuItemById(idOrLabel);
    if (byId) return byId;
    for (const item of this.items) {
      if (item.label === idOrLabel) return item;
      const inner = item.submenu?.find(idOrLabel);
      if (inner) return inner;
    }
    return null;
  }
  /** Recorded in `popups`; its items are clicked with child.ts's popup/click-item. */
  popup(options?: { window?: StandinBrowserWindow }): void {
    setLastPopup(this);
    recorded.popups.push({ ...(options?.window ? { windowId: options.window.id } : {}), menu: this.toRecord() });
    changed();
  }
  static lastPopup(): StandinMenu | null {
    return lastPopup;
  }
  closePopup(): void {}
  toRecord(): RecordedMenuItem[] {
    return this.items.map((i) => i.toRecord());
  }
}
let applicationMenu: StandinMenu | null = null;

/** Set by Menu.setApplicationMenu (null included): Electron then leaves the menu alone. */
let applicationMenuWasSet = false;

/**
 * Electron's default application menu, set at start-up when the app has not set one
 * (lib/browser/default-menu.ts `setDefaultApplicationMenu`, called from lib/browser/init.ts):
 * macOS app menu, File, Edit, View (with Reload and Toggle Developer Tools), Window, Help (Electron's
 * links unless packaged). Roles are recorded as such; Electron fills their submenus.
 */
export function setDefaultApplicationMenu(): void {
  if (applicationMenuWasSet) return;
  const template: ItemOptions[] = [
    ...(standinPlatform() === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Learn More' }, { label: 'Documentation' }, { label: 'Community Discussions' }, { label: 'Search Issues' }] },
  ];
  const menu = StandinMenu.buildFromTemplate(template);
  applicationMenu = menu;
  recorded.app.applicationMenu = menu.toRecord();
  changed();
}

let lastPopup: StandinMenu | null = null;
function setLastPopup(menu: StandinMenu): void {
  lastPopup = menu;
}

type EditRole = 'cut' | 'copy' | 'paste' | 'selectAll' | 'undo' | 'redo';
const EDIT_ROLES: readonly string[] = ['cut', 'copy', 'paste', 'selectAll', 'undo', 'redo'] satisfies EditRole[];
