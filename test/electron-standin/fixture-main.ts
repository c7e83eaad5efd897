/**
 * A tiny main process that uses every stand-in piece, for standin.test.ts (bundled with esbuild,
 * `electron` external, then run by launchStandin like dist/main/main.js). Not the app.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import electronDefault, {
  app, BrowserWindow, globalShortcut, ipcMain, Menu, nativeImage, Notification, powerMonitor, safeStorage, session, shell, Tray,
} from 'electron';

const root = process.env.FIXTURE_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string): void => console.log(`fixture: ${line}`);

// ESM and CommonJS see ONE instance.
const cjs = createRequire(import.meta.url)('electron') as typeof import('electron');
log(`same-instance ${cjs.app === app && electronDefault.app === app}`);

// What the app sees of the platform (STANDIN_PLATFORM), and macOS's dock.
log(`platform ${process.platform} dock ${app.dock !== undefined}`);
// Electron warns about an unhandled rejection and goes on (launch.ts: --unhandled-rejections=warn-with-error-code).
void Promise.reject(new Error('fixture-unhandled-rejection'));
setTimeout(() => log('alive after rejection'), 0);

app.enableSandbox();
app.requestSingleInstanceLock();
let win: BrowserWindow | null = null;
let seq = 0;

app.on('second-instance', (_e, argv) => log(`second-instance ${argv.join(' ')}`));
powerMonitor.on('resume', () => log('resume'));
powerMonitor.on('lock-screen', () => log(`lock-screen idle=${powerMonitor.getSystemIdleState(60)}`));
app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => log('before-quit'));

ipcMain.handle('lp:req:ring/accept', (event, args: { ringId: string }) => {
  if (!event.senderFrame?.url.startsWith('file://')) throw new Error('foreign sender');
  if (args.ringId === 'bad') throw new Error('no such ring');
  seq += 1;
  win?.webContents.send('lp:evts', [{ name: 'ring/updated', seq, data: { ringId: args.ringId, state: 'ACCEPTED' } }]);
  return null;
});

// Structured clone: what Electron cannot clone throws, in a reply and in a send.
ipcMain.handle('fixture:unclonable-reply', () => ({ ok: true, callback: () => 1 }));
ipcMain.handle('fixture:unclonable-send', () => {
  try {
    win?.webContents.send('lp:evts', [{ name: 'ring/updated', seq: 99, data: { when: () => 1 } }]);
    return 'sent';
  } catch (err) {
    return (err as Error).message;
  }
});
ipcMain.handle('fixture:sender-frame', (event) => (event.senderFrame === null ? 'null' : event.senderFrame.url));
app.on('activate', (_e, hasVisibleWindows) => log(`activate visible=${hasVisibleWindows}`));

// A window on an in-memory partition whose page auto-posts a form; the session's onBeforeRequest
// sees the POST body and cancels it. Answers what the listener saw.
ipcMain.handle('fixture:partition-post', async () => {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'seen=1; Path=/' });
    res.end(req.url === '/form'
      ? '<form method="post" action="/acs"><input type="hidden" name="SAMLResponse" value="PHg+"></form><script>document.forms[0].submit()</script>'
      : '<p>other</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const ses = session.fromPartition('fixture-partition');
  const seen = new Promise<{ method: string; url: string; body: string; type: string }>((resolve) => {
    ses.webRequest.onBeforeRequest({ urls: ['http://127.0.0.1/*'] }, (details, callback) => {
      if (details.method === 'POST') {
        resolve({ method: details.method, url: details.url, body: Buffer.concat(details.uploadData.map((u) => u.bytes)).toString(), type: details.resourceType });
        callback({ cancel: true });
      } else callback({});
    });
  });
  const w = new BrowserWindow({ show: false, webPreferences: { partition: 'fixture-partition', sandbox: true, contextIsolation: true } });
  await w.loadURL(`http://127.0.0.1:${port}/form`);
  const got = await seen;
  ses.webRequest.onBeforeRequest(null);
  w.close();
  server.close();
  return { ...got, url: got.url.replace(String(port), 'PORT'), persistent: ses.isPersistent(), same: session.fromPartition('fixture-partition') === ses, isDefault: ses === session.defaultSession };
});

void app.whenReady().then(async () => {
  win = new BrowserWindow({
    width: 900, height: 700, show: false,
    webPreferences: { preload: join(root, 'dist', 'preload', 'preload.cjs'), contextIsolation: true, sandbox: true },
  });
  win.once('ready-to-show', () => win?.show());
  win.on('query-session-end', (e) => log(`query-session-end ${e.reasons.join(',')}`));
  win.on('session-end', (e) => log(`session-end ${e.reasons.join(',')}`));

  // safeStorage: a real reversible transform, plaintext never on disk.
  const file = join(app.getPath('userData'), 'secret.bin');
  writeFileSync(file, safeStorage.encryptString('hunter2-password'));
  log(`secret-roundtrip ${safeStorage.decryptString(readFileSync(file)) === 'hunter2-password'} backend=${safeStorage.getSelectedStorageBackend()}`);

  const icon = nativeImage.createFromPath(join(root, 'build', 'tray', 'online.png'));
  const size = icon.getSize();
  log(`tray-icon ${size.width}x${size.height}`);
  const tray = new Tray(icon);
  tray.setToolTip('LP Agent Desktop — online');
  const trayMenu = (): Electron.Menu => {
    const menu = Menu.buildFromTemplate([
      { id: 'accept-oldest', label: 'Accept oldest ring', click: () => log('tray accept-oldest') },
      { type: 'separator' },
      { label: 'Status', submenu: [{ id: 'away', label: 'Away', type: 'radio', click: () => log('tray away') }] },
      { id: 'rebuild', label: 'Rebuild menu', click: () => tray.setContextMenu(trayMenu()) },
      { label: 'Quit', click: () => app.quit() },
    ]);
    menu.on('menu-will-show', () => log('tray menu-will-show'));
    menu.on('menu-will-close', () => log('tray menu-will-close'));
    return menu;
  };
  tray.setContextMenu(trayMenu());
  ipcMain.handle('fixture:rebuild-tray-menu', () => tray.setContextMenu(trayMenu()));
  tray.on('click', () => log('tray click'));
  tray.on('right-click', () => log('tray right-click'));

  log(`shortcut ${globalShortcut.register('CommandOrControl+Shift+A', () => log('shortcut pressed'))}`);
  log(`shortcut-clash ${globalShortcut.register('CommandOrControl+Shift+L', () => undefined)}`);

  const n = new Notification({ title: 'New conversation', body: 'Consumer <b>Ann</b> is waiting', urgency: 'critical', timeoutType: 'never', actions: [{ type: 'button', text: 'Accept' }] });
  n.on('click', () => {
    log('notification click');
    win?.show();
    win?.focus();
  });
  n.on('action', (_e, index) => log(`notification action ${index}`));
  n.on('close', () => log('notification closed'));
  n.show();
  app.setBadgeCount(1);
  void shell.openExternal('https://example.com/help');
  await win.loadFile(join(root, 'dist', 'renderer', 'index.html'));
  log('loaded');
});
