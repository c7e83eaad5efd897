/**
 * `Tray`: icon, tooltip and context menu recorded; child.ts clicks the icon and its items. A click on
 * the icon is what each platform does (https://www.electronjs.org/docs/latest/api/tray, "Platform
 * Considerations" and the 'click' / 'right-click' events): on Windows a left click emits only 'click'
 * (the menu opens on a right click, 'right-click' first); on macOS a click on an icon with a context
 * menu opens the menu (and emits 'click'); on Linux (StatusNotifierItem) activation emits 'click' and
 * the menu opens from the secondary button. An open menu emits 'menu-will-show' on the Menu, and
 * 'menu-will-close' when it goes away; setContextMenu while it is open closes it (Electron issues
 * 4801, 10951).
 */
import { EventEmitter } from 'node:events';
import type { RecordedTray } from '../protocol';
import { StandinMenu } from './menu';
import { standinPlatform } from './platform';
import { imageName, StandinNativeImage } from './native-image';
import { changed, countOsCall, recorded } from './record';

let nextTrayId = 1;
const trays: StandinTray[] = [];

export class StandinTray extends EventEmitter implements Pick<Electron.Tray, 'setToolTip' | 'setTitle' | 'getTitle' | 'destroy' | 'isDestroyed'> {
  readonly id = nextTrayId++;
  private readonly record: RecordedTray;
  private menu: StandinMenu | null = null;

  constructor(image: StandinNativeImage | string) {
    super();
    this.record = { id: this.id, image: imageName(image), tooltip: '', title: '', menu: null, menuOpen: false, destroyed: false };
    recorded.trays.push(this.record);
    trays.push(this);
    changed();
  }
  setImage(image: StandinNativeImage | string): void {
    countOsCall('tray.setImage');
    this.record.image = imageName(image);
    changed();
  }
  setToolTip(toolTip: string): void {
    countOsCall('tray.setToolTip');
    this.record.tooltip = toolTip;
    changed();
  }
  setTitle(title: string): void {
    this.record.title = title;
    changed();
  }
  getTitle(): string {
    return this.record.title;
  }
  setContextMenu(menu: StandinMenu | null): void {
    countOsCall('tray.setContextMenu');
    // Replacing the menu under the cursor closes it.
    if (this.record.menuOpen && menu !== this.menu) this.closeMenu();
    this.menu = menu;
    this.record.menu = menu ? menu.toRecord() : null;
    changed();
  }
  popUpContextMenu(): void {}
  destroy(): void {
    this.record.destroyed = true;
    changed();
  }
  isDestroyed(): boolean {
    return this.record.destroyed;
  }
  /** Test hook: a click on the icon, as the selected platform reports it. */
  clickIcon(button: 'left' | 'right'): void {
    const event = { preventDefault: () => undefined, defaultPrevented: false };
    const bounds = { x: 0, y: 0, width: 16, height: 16 };
    const platform = standinPlatform();
    if (button === 'right') {
      if (platform !== 'linux') this.emit('right-click', event, bounds);
      this.openMenu();
      return;
    }
    if (platform === 'darwin' && this.menu) this.openMenu();
    this.emit('click', event, bounds, { x: 0, y: 0 });
  }
  private openMenu(): void {
    if (!this.menu || this.record.menuOpen) return;
    this.record.menuOpen = true;
    changed();
    this.menu.emit('menu-will-show', { preventDefault: () => undefined, defaultPrevented: false });
  }
  /** Test hook: the open menu goes away (an item was clicked, or the user clicked elsewhere). */
  closeMenu(): void {
    if (!this.record.menuOpen) return;
    this.record.menuOpen = false;
    changed();
    this.menu?.emit('menu-will-close', { preventDefault: () => undefined, defaultPrevented: false });
  }
  /** Test hook: click the menu item with this id or label (an open menu closes first, as on screen). */
  clickItem(idOrLabel: string): void {
    const item = this.menu?.find(idOrLabel);
    if (!item) throw new Error(`tray #${this.id} has no menu item "${idOrLabel}"`);
    this.closeMenu();
    item.click();
    // Checkbox/radio state may have changed.
    if (this.menu) this.record.menu = this.menu.toRecord();
    changed();
  }
}

export function liveTray(id?: number): StandinTray {
  const tray = id === undefined ? trays.filter((t) => !t.isDestroyed()).at(-1) : trays.find((t) => t.id === id);
  if (!tray || tray.isDestroyed()) throw new Error(id === undefined ? 'no tray' : `no tray #${id}`);
  return tray;
}
