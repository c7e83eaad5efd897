/**
 * `dialog`: recorded; message boxes answer from a queue the test fills (default: the first button);
 * open dialogs answer the files the test queued (default: cancelled).
 */
import { isAbsolute, join } from 'node:path';
import { app } from './app';
import { StandinBrowserWindow } from './browser-window';
import { changed, recorded } from './record';

const dialogResponses: number[] = [];
const openDialogAnswers: Array<string[] | null> = [];
/** Test hook: the files the next showOpenDialog answers (null: the user cancels; default: cancel). */
export function queueOpenDialogAnswer(filePaths: string[] | null): void {
  openDialogAnswers.push(filePaths);
}
/** Test hook: the answer the next showMessageBox gets (default 0: the first button). */
export function queueDialogResponse(response: number): void {
  dialogResponses.push(response);
}
interface BoxOptions { title?: string; message?: string; detail?: string; type?: string; buttons?: string[] }
function recordDialog(fn: string, options: BoxOptions | undefined): void {
  recorded.dialogs.push({ fn, title: options?.title, message: options?.message, detail: options?.detail, type: options?.type, buttons: options?.buttons });
  changed();
}
/** Electron's dialog functions take an optional window first. */
function boxOptions<T>(a: unknown, b: T | undefined): T | undefined {
  return a instanceof StandinBrowserWindow ? b : (a as T | undefined);
}
export const dialog = {
  async showMessageBox(a: unknown, b?: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> {
    recordDialog('showMessageBox', boxOptions(a, b));
    return { response: dialogResponses.shift() ?? 0, checkboxChecked: false };
  },
  showMessageBoxSync(a: unknown, b?: Electron.MessageBoxSyncOptions): number {
    recordDialog('showMessageBoxSync', boxOptions(a, b));
    return dialogResponses.shift() ?? 0;
  },
  showErrorBox(title: string, content: string): void {
    recordDialog('showErrorBox', { title, message: content });
  },
  async showOpenDialog(a: unknown, b?: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> {
    recordDialog('showOpenDialog', boxOptions(a, b));
    // Electron: `canceled` true with an empty `filePaths` when the user cancels (docs api/dialog showOpenDialog).
    const answer = openDialogAnswers.shift() ?? null;
    return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: answer };
  },
  async showSaveDialog(a: unknown, b?: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue> {
    const options = boxOptions(a, b);
    recordDialog('showSaveDialog', options);
    const path = options?.defaultPath;
    return path ? { canceled: false, filePath: isAbsolute(path) ? path : join(app.getPath('userData'), path) } : { canceled: true, filePath: '' };
  },
};
