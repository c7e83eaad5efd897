/**
 * Start the built app (dist/main/main.js) in a CHILD process under the Electron stand-in and hand
 * the test a control channel (Node IPC) plus the windows as Playwright pages (CDP on loopback).
 *
 *   const app = await launchStandin();
 *   const page = await app.firstWindow();
 *   await expect(page.locator('h1')).toHaveText('LP Agent Desktop');
 *   const n = await app.waitFor((s) => s.notifications.find((x) => x.shown > 0));
 *   await app.clickNotification(n.id);
 *   await app.close();
 *
 * One app per test: app.quit() ends the child process, as it ends Electron.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EMPTY_STATE, type ChildMessage, type ContextMenuInput, type ControlCommand, type ControlRequest, type InvokeReply, type MainHeap, type OsCalls, type PowerEvent, type RecordedIpcPayload, type RecordedNotification, type RecordedTray, type StandinEnv, type StandinState, type StorageBackend } from './protocol';
import { applyStateDelta, countStateTraffic, type StateTraffic } from './state-feed';

export type { InvokeReply, MainHeap, RecordedIpcPayload, StandinState, RecordedNotification, RecordedTray, RecordedMenuItem, RecordedWindow, PowerEvent } from './protocol';

const here = fileURLToPath(new URL('.', import.meta.url));
export const projectRoot = resolve(here, '..', '..');

/** One safeStorage key per test process: an app relaunched in the same test decrypts what it stored. */
const safeStorageKey = randomBytes(32).toString('hex');

let childBundle: Promise<string> | undefined;
/** Bundle child.ts (stand-in + redirect) once per process: ~100 ms. */
function bundleChild(): Promise<string> {
  childBundle ??= (async () => {
    const outDir = join(projectRoot, 'test-results', '.standin');
    mkdirSync(outDir, { recursive: true });
    const outfile = join(outDir, `child-${process.pid}.mjs`);
    process.once('exit', () => rmSync(outfile, { force: true }));
    // Bundles left by test processes that were killed before 'exit'.
    for (const f of readdirSync(outDir)) {
      const pid = Number(/^child-(\d+)\.mjs$/.exec(f)?.[1]);
      if (!pid || pid === process.pid) continue;
      try {
        process.kill(pid, 0);
      } catch {
        rmSync(join(outDir, f), { force: true });
      }
    }
    await build({
      entryPoints: [join(here, 'child.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['playwright-core', 'esbuild'],
      logLevel: 'warning',
      banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
    });
    return outfile;
  })();
  return childBundle;
}

export interface LaunchOptions {
  /** The built main bundle (default dist/main/main.js). */
  main?: string;
  /** userData dir (default: a fresh temp dir, removed by close()). Reuse it to relaunch "the same install". */
  userDataDir?: string;
  /** Visible Chromium (also env STANDIN_HEADED=1). */
  headed?: boolean;
  /** Extra environment for the app (STANDIN_* knobs from protocol.ts, or the app's own). */
  env?: Partial<StandinEnv> & Record<string, string | undefined>;
  /** Echo the app's stdout/stderr to this process (also env STANDIN_ECHO=1). */
  echo?: boolean;
  /** Extra Node flags for the child (bench: ['--expose-gc'] so mainHeap() can force a GC). */
  nodeArgs?: string[];
}

export interface WaitOptions {
  timeout?: number;
  /** Words for the timeout message. */
  what?: string;
}

export class StandinApp {
  /** The latest recorded state pushed by the child. */
  state: StandinState | undefined;
  /** stdout/stderr lines of the app (main's console output). */
  readonly logs: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly waiters = new Set<() => void>();
  private browser: Promise<Browser> | undefined;
  /** Bench: what the state pushes carried (stateTraffic), counted from countStateTraffic() on; null until then. */
  private traffic: StateTraffic | null = null;

  /** `ownsUserData`: launchStandin made userDataDir, so close() removes it. */
  constructor(readonly child: ChildProcess, readonly userDataDir: string, echo: boolean, private readonly ownsUserData = false) {
    this.exited = new Promise((done) => {
      child.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        for (const p of this.pending.values()) p.reject(new Error(`app exited (code ${code}, signal ${signal}) before replying`));
        this.pending.clear();
        for (const w of this.waiters) w();
        done(this.exitInfo);
      });
    });
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'state') {
        this.state = applyStateDelta(this.state, m.delta);
        if (this.traffic) countStateTraffic(this.traffic, m.delta, this.state);
        for (const w of [...this.waiters]) w();
        return;
      }
      const p = this.pending.get(m.requestId);
      if (!p) return;
      this.pending.delete(m.requestId);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    });
    const lines = (prefix: string) => (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.logs.push(line);
        if (echo) console.log(`${prefix}${line}`);
      }
      for (const w of [...this.waiters]) w();
    };
    child.stdout?.on('data', lines('[app] '));
    child.stderr?.on('data', lines('[app:err] '));
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** Send a control command; resolves with the child's answer. */
  command<T = unknown>(command: ControlCommand): Promise<T> {
    if (!this.running || !this.child.connected) return Promise.reject(new Error('app is not running'));
    const requestId = this.nextId++;
    return new Promise<T>((resolveReply, reject) => {
      this.pending.set(requestId, { resolve: (v) => resolveReply(v as T), reject });
      const request: ControlRequest = { requestId, command };
      this.child.send(request);
    });
  }

  /**
   * Resolve with the first truthy value of `check(state)`, re-checked on every state change the
   * child pushes (no polling). Rejects on timeout or when the app exits first.
   */
  waitFor<T>(check: (state: StandinState) => T | undefined | null | false, opts: WaitOptions = {}): Promise<T> {
    const timeout = opts.timeout ?? 15_000;
    return new Promise<T>((resolveWait, reject) => {
      const test = (): void => {
        {
          const value = check(this.state ?? EMPTY_STATE);
          if (value) {
            finish();
            resolveWait(value);
            return;
          }
        }
        if (!this.running) {
          finish();
          reject(new Error(`app exited (code ${this.exitInfo?.code}) while waiting for ${opts.what ?? 'a state'}\n${this.logs.slice(-20).join('\n')}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeout} ms waiting for ${opts.what ?? 'a state'}\nlast app output:\n${this.logs.slice(-20).join('\n')}`));
      }, timeout);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(test);
      };
      this.waiters.add(test);
      test();
    });
  }

  /** Every IPC payload main sent to a renderer so far (events and invoke results), serialised. */
  ipcPayloads(): Promise<RecordedIpcPayload[]> {
    return this.command<RecordedIpcPayload[]>({ cmd: 'ipc/payloads' });
  }

  /** Resolve with the first line of the app's output matching `pattern` (past lines count). */
  waitForLog(pattern: RegExp, opts: WaitOptions = {}): Promise<string> {
    return this.waitFor(() => this.logs.find((l) => pattern.test(l)), { what: `log ${pattern}`, ...opts });
  }

  /**
   * Bench: from now on, count the state pushes and the JSON they carried (`bytes`), and what the
   * same pushes would have carried had every small part gone whole each time (`wholePartsBytes`,
   * as until 2026-12-08). Costs this process a JSON.stringify per push while on.
   */
  countStateTraffic(): void {
    this.traffic = { pushes: 0, bytes: 0, wholePartsBytes: 0 };
  }

  /** What countStateTraffic() counted so far (null when it was never called). */
  stateTraffic(): StateTraffic | null {
    return this.traffic ? { ...this.traffic } : null;
  }

  /**
   * Bench: drops the stand-in's recorded history (ipc, payloads, console lines, sounds,
   * protocol requests, closed notifications), which grows with use and would count as main's heap.
   */
  async forgetHistory(): Promise<void> {
    await this.command({ cmd: 'debug/forget' });
  }

  /** Bench: a V8 heap snapshot of main after GC, written to `file` (open it in Chrome DevTools → Memory). */
  async mainHeapSnapshot(file: string): Promise<string> {
    return this.command<string>({ cmd: 'debug/heap-snapshot', file });
  }

  /** Bench: how often the app has called the tray's and the badge's setters since launch (OsCalls). */
  osCalls(): Promise<OsCalls> {
    return this.command<OsCalls>({ cmd: 'debug/os-calls' });
  }

  /** Bench: main's heap after GC (GC only with nodeArgs ['--expose-gc']; MainHeap.gc says). */
  mainHeap(): Promise<MainHeap> {
    return this.command<MainHeap>({ cmd: 'debug/heap' });
  }

  /** Fresh state straight from the child. */
  snapshot(): Promise<StandinState> {
    return this.command<StandinState>({ cmd: 'state' });
  }

  /** The Chromium behind the windows, attached over CDP on 127.0.0.1. */
  cdpBrowser(): Promise<Browser> {
    this.browser ??= this.command<string>({ cmd: 'cdp' }).then((endpoint) => chromium.connectOverCDP(endpoint));
    return this.browser;
  }

  /** The page standing in for BrowserWindow `id` (default: the first window), once its document has loaded. */
  async window(id?: number): Promise<Page> {
    const rec = await this.waitFor((s) => {
      const w = id === undefined ? s.windows[0] : s.windows.find((x) => x.id === id);
      return w?.targetId && w.loaded ? w : undefined;
    // A first load can take long on a machine shared by many test runs: room, not a speed claim.
    }, { what: `window ${id ?? '#1'} to load`, timeout: 60_000 });
    const browser = await this.cdpBrowser();
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        const session = await context.newCDPSession(page);
        const info = await session.send('Target.getTargetInfo');
        await session.detach();
        if (info.targetInfo.targetId === rec.targetId) return page;
      }
    }
    throw new Error(`window #${rec.id} (target ${rec.targetId}) not found over CDP`);
  }

  firstWindow(): Promise<Page> {
    return this.window();
  }

  notifications(): RecordedNotification[] {
    return this.state?.notifications ?? [];
  }
  trays(): RecordedTray[] {
    return this.state?.trays ?? [];
  }
  clickNotification(id: number): Promise<unknown> {
    return this.command({ cmd: 'notification/click', id });
  }
  notificationAction(id: number, index: number): Promise<unknown> {
    return this.command({ cmd: 'notification/action', id, index });
  }
  dismissNotification(id: number): Promise<unknown> {
    return this.command({ cmd: 'notification/close', id, reason: 'userCanceled' });
  }
  /** A click on the tray icon as the selected platform reports it (left: 'click'; macOS opens the menu; right: the menu). */
  clickTray(trayId?: number, button: 'left' | 'right' = 'left'): Promise<unknown> {
    return this.command(trayId === undefined ? { cmd: 'tray/click', button } : { cmd: 'tray/click', trayId, button });
  }
  /** The open tray menu goes away without a choice (menu-will-close). */
  closeTrayMenu(trayId?: number): Promise<unknown> {
    return this.command(trayId === undefined ? { cmd: 'tray/close-menu' } : { cmd: 'tray/close-menu', trayId });
  }
  /** Windows only: shutdown / log-off (the window's query-session-end, then session-end). */
  endSession(reasons: Array<'shutdown' | 'close-app' | 'critical' | 'logoff'> = ['shutdown'], windowId?: number): Promise<unknown> {
    return this.command({ cmd: 'window/session-end', reasons, ...(windowId === undefined ? {} : { windowId }) });
  }
  /** The OS minimises or restores the window. */
  minimizeWindow(minimized: boolean, windowId?: number): Promise<unknown> {
    return this.command({ cmd: 'window/minimize', minimized, ...(windowId === undefined ? {} : { windowId }) });
  }
  /** An invoke whose frame is gone when main reads it (event.senderFrame === null). */
  invokeFrameless(channel: string, args: unknown[] = [], windowId?: number): Promise<InvokeReply> {
    return this.command<InvokeReply>({ cmd: 'ipc/invoke-frameless', channel, args, ...(windowId === undefined ? {} : { windowId }) });
  }
  /** Click a tray menu item by id or label. */
  clickTrayItem(item: string, trayId?: number): Promise<unknown> {
    return this.command(trayId === undefined ? { cmd: 'tray/click-item', item } : { cmd: 'tray/click-item', item, trayId });
  }
  clickMenuItem(item: string): Promise<unknown> {
    return this.command({ cmd: 'menu/click-item', item });
  }
  /** A right click in the window ('context-menu' with these params). */
  contextMenu(params: ContextMenuInput, windowId?: number): Promise<unknown> {
    return this.command(windowId === undefined ? { cmd: 'window/context-menu', params } : { cmd: 'window/context-menu', params, windowId });
  }
  /** Click an item (id or label) of the newest popup menu. */
  clickPopupItem(item: string): Promise<unknown> {
    return this.command({ cmd: 'popup/click-item', item });
  }
  /** Another instance was started with these argv (delivered as 'second-instance'). */
  secondInstance(argv: string[] = [], cwd?: string): Promise<boolean> {
    return this.command<boolean>(cwd === undefined ? { cmd: 'app/second-instance', argv } : { cmd: 'app/second-instance', argv, cwd });
  }
  activate(): Promise<unknown> {
    return this.command({ cmd: 'app/activate' });
  }
  power(event: PowerEvent): Promise<unknown> {
    return this.command({ cmd: 'power', event });
  }
  setOnline(online: boolean): Promise<unknown> {
    return this.command({ cmd: 'net/online', online });
  }
  pressShortcut(accelerator: string): Promise<unknown> {
    return this.command({ cmd: 'shortcut/press', accelerator });
  }
  setSafeStorage(opts: { available?: boolean; backend?: StorageBackend }): Promise<unknown> {
    return this.command({ cmd: 'safe-storage', ...opts });
  }
  /** Ask the app's permission handler, as a page requesting `permission` would. */
  requestPermission(permission: string, windowId?: number): Promise<boolean> {
    return this.command<boolean>(windowId === undefined ? { cmd: 'permission/request', permission } : { cmd: 'permission/request', permission, windowId });
  }
  /**
   * ipcRenderer.invoke(channel, ...args) as if sent by a frame at `senderUrl` (what a foreign page or
   * iframe would send): main's handler sees that URL as event.senderFrame.url.
   */
  invokeAs(senderUrl: string, channel: string, args: unknown[] = [], windowId?: number): Promise<InvokeReply> {
    return this.command<InvokeReply>({ cmd: 'ipc/invoke-as', senderUrl, channel, args, ...(windowId === undefined ? {} : { windowId }) });
  }
  nextDialogResponse(response: number): Promise<unknown> {
    return this.command({ cmd: 'dialog/next-response', response });
  }
  /** The files the next open dialog answers (null: the user cancels). */
  nextOpenDialog(filePaths: string[] | null): Promise<unknown> {
    return this.command({ cmd: 'dialog/next-open', filePaths });
  }
  /** The user closes the window (its 'close' handler may keep it, e.g. close-to-tray). */
  /** Kills the window's renderer: main gets 'render-process-gone'. */
  crashRenderer(windowId?: number): Promise<unknown> {
    return this.command(windowId === undefined ? { cmd: 'window/crash-renderer' } : { cmd: 'window/crash-renderer', windowId });
  }
  closeWindow(windowId?: number): Promise<unknown> {
    return this.command(windowId === undefined ? { cmd: 'window/close' } : { cmd: 'window/close', windowId });
  }
  setWindowFocused(focused: boolean, windowId?: number): Promise<unknown> {
    return this.command(windowId === undefined ? { cmd: 'window/focus', focused } : { cmd: 'window/focus', focused, windowId });
  }

  /** app.quit() in the child; resolves with how the process ended. */
  async quit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.running) await this.command({ cmd: 'app/quit' }).catch(() => undefined);
    return this.exited;
  }

  /**
   * End the app whatever its state: quit, then SIGKILL after `graceMs`. Safe to call twice. A userData
   * dir launchStandin made is removed once the process has ended; one the caller passed is left.
   */
  async close(graceMs = 5_000): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
    if (this.running) {
      void this.command({ cmd: 'app/quit' }).catch(() => undefined);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    // maxRetries: the child's Chromium may still be writing its profile for a moment.
    if (this.ownsUserData) rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

export async function launchStandin(opts: LaunchOptions = {}): Promise<StandinApp> {
  const childPath = await bundleChild();
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'lp-standin-'));
  const env: Record<string, string | undefined> = {
    ...process.env,
    STANDIN_MAIN: resolve(projectRoot, opts.main ?? 'dist/main/main.js'),
    STANDIN_USER_DATA: userDataDir,
    STANDIN_SAFE_STORAGE_KEY: safeStorageKey,
    ...(opts.headed ? { STANDIN_HEADED: '1' } : {}),
    ...opts.env,
  };
  // The app must not inherit a test runner's NODE_OPTIONS loaders.
  delete env.NODE_OPTIONS;
  // Electron runs main with --unhandled-rejections=warn-with-error-code (electron/electron#37464):
  // an unhandled rejection prints a warning and the app goes on, where plain Node would exit.
  const child = spawn(process.execPath, ['--unhandled-rejections=warn-with-error-code', ...(opts.nodeArgs ?? []), childPath], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return new StandinApp(child, userDataDir, opts.echo ?? process.env.STANDIN_ECHO === '1', opts.userDataDir === undefined);
}
