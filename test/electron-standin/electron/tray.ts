/** `Tray`: icon, tooltip and context menu recorded; child.ts clicks its items. */
import { EventEmitter } from 'node:events';
import type { RecordedTray } from '../protocol';
import { StandinMenu } from './menu';
import { imageName, StandinNativeImage } from './native-image';
import { changed, recorded } from './record';

let nextTrayId = 1;
const trays: StandinTray[] = [];

export class StandinTray extends EventEmitter implements Pick<Electron.Tray, 'setToolTip' | 'setTitle' | 'getTitle' | 'destroy' | 'isDestroyed'> {
  readonly id = nextTrayId++;
  private readonly record: RecordedTray;
  private menu: StandinMenu | null = null;

  constructor(image: StandinNativeImage | string) {
    super();
    this.record = { id: this.id, image: imageName(image), tooltip: '', title: '', menu: null, destroyed: false };
    recorded.trays.push(this.record);
    trays.push(this);
    changed();
  }
  setImage(image: StandinNativeImage | string): void {
    this.record.image = imageName(image);
    changed();
  }
  setToolTip(toolTip: string): void {
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
  /** Test hook: click the menu item with this id or label. */
  clickItem(idOrLabel: string): void {
    const item = this.menu?.find(idOrLabel);
    if (!item) throw new Error(`tray #${this.id} has no menu item "${idOrLabel}"`);
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
