/** `shell`: every call recorded, nothing opened. */
import { changed, recorded } from './record';

export const shell = {
  async openExternal(url: string): Promise<void> {
    recorded.shell.push({ fn: 'openExternal', arg: url });
    changed();
  },
  async openPath(path: string): Promise<string> {
    recorded.shell.push({ fn: 'openPath', arg: path });
    changed();
    return '';
  },
  showItemInFolder(fullPath: string): void {
    recorded.shell.push({ fn: 'showItemInFolder', arg: fullPath });
    changed();
  },
  beep(): void {
    recorded.shell.push({ fn: 'beep', arg: '' });
    changed();
  },
} satisfies Pick<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder' | 'beep'>;
