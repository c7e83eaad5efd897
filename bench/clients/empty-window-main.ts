/**
 * The start-up floor (bench/cases/startup.ts): the emptiest Electron main — one window showing one
 * line of HTML. Bundled with esbuild (`electron` external) and run by the same stand-in as the app,
 * so "first paint of an empty window" costs what the stand-in itself costs.
 */
import { app, BrowserWindow } from 'electron';

app.on('window-all-closed', () => app.quit());
void app.whenReady().then(async () => {
  const win = new BrowserWindow({ width: 800, height: 600, show: true });
  await win.loadURL('data:text/html,<!doctype html><title>empty</title><p>empty window</p>');
});
