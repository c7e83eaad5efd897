/**
 * `nativeTheme`: the OS colour preference. STANDIN_DARK=1 makes the OS prefer dark colours; with
 * `themeSource` 'light'/'dark' the app's choice wins, as documented
 * (https://www.electronjs.org/docs/latest/api/native-theme#nativethemeshouldusedarkcolors-readonly).
 */
import { EventEmitter } from 'node:events';

export class StandinNativeTheme extends EventEmitter implements Pick<Electron.NativeTheme, 'shouldUseDarkColors' | 'themeSource'> {
  private source: Electron.NativeTheme['themeSource'] = 'system';
  get themeSource(): Electron.NativeTheme['themeSource'] {
    return this.source;
  }
  set themeSource(value: Electron.NativeTheme['themeSource']) {
    this.source = value;
    this.emit('updated');
  }
  get shouldUseDarkColors(): boolean {
    return this.source === 'system' ? process.env.STANDIN_DARK === '1' : this.source === 'dark';
  }
}
export const nativeTheme = new StandinNativeTheme();
