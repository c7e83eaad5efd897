/**
 * Phase 5: the IPC handlers, registered before the window opens so the renderer's first call finds
 * its handler. Only our own page is trusted (the app://lp renderer, or the dev server in
 * development). Also the shell pieces the handlers and the window use: external links after the
 * allow-check (external-links.ts) and the save dialog for exported logs.
 */
import { join } from 'node:path';
import type { UpdateRestartResult, UpdateStatus } from '../../../src-preload/api';
import { redact } from '../../lp';
import { confirmLinkDialog, openExternalLink } from '../external-links';
import { createIpcRegistry, type IpcMainLike, type IpcRegistry } from '../ipc';
import { createHandlers, registerHandlers, type HandlerDeps } from '../ipc-handlers';
import type { FileLogger } from '../logging';
import type { DesktopAttention } from '../attention/desktop-attention';
import type { Core } from './core';
import type { CrashActions } from './crash-phase';
import type { AppPaths } from './paths';
import type { SkillsCache } from './skills-cache';
import { t } from '../i18n';

interface SaveDialogOptions {
  title: string;
  defaultPath: string;
}
interface SaveDialogResult {
  canceled: boolean;
  filePath?: string;
}
export interface SaveDialogLike<W> {
  showSaveDialog(window: W, options: SaveDialogOptions): Promise<SaveDialogResult>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogResult>;
}

/** Result of opening a link: what `shell/open-external` answers. */
export type OpenLinkResult = { opened: true } | { opened: false; reason: string };

/** A main-process question box (Electron `dialog.showMessageBox`), over the window when there is one. */
export interface MessageBoxLike<W> {
  showMessageBox(window: W, options: ReturnType<typeof confirmLinkDialog>): Promise<{ response: number }>;
  showMessageBox(options: ReturnType<typeof confirmLinkDialog>): Promise<{ response: number }>;
}

/**
 * Opens a link in the OS browser after the allow-check (external-links.ts): refused links are logged
 * and not opened; look-alike (IDN) hosts are opened only when the agent confirms in a main-process
 * dialog showing the punycode host (button 1 = open; the default and Escape do not open).
 */
export function createOpenExternal<W>(deps: {
  shell: { openExternal(url: string): Promise<void> };
  dialog: MessageBoxLike<W>;
  window(): W | null;
  log(message: string): void;
}): (url: string) => Promise<OpenLinkResult> {
  const confirm = async (d: Parameters<typeof confirmLinkDialog>[0]): Promise<boolean> => {
    const options = confirmLinkDialog(d);
    const win = deps.window();
    const { response } = win ? await deps.dialog.showMessageBox(win, options) : await deps.dialog.showMessageBox(options);
    return response === 1;
  };
  return async (url) => {
    const result = await openExternalLink(url, { confirm, openExternal: (u) => deps.shell.openExternal(u) });
    if (!result.opened) deps.log(`external link not opened (${result.reason})`);
    return result;
  };
}

/** What a save dialog is for: the log export, the support zip (logs and crash reports), or an image. */
export type SaveTarget = { kind: 'logs' } | { kind: 'report' } | { kind: 'image'; name: string };

/**
 * Main's one save dialog (log export, support zip, image): asks over the window when there is one,
 * defaulting to Downloads (logs and the zip under a dated name, an image under its own); null when
 * cancelled.
 */
export function createSavePathChooser<W>(deps: { dialog: SaveDialogLike<W>; downloadsDir(): string; window(): W | null; today?(): string }): (target: SaveTarget) => Promise<string | null> {
  return async (target) => {
    const day = (): string => deps.today?.() ?? new Date().toISOString().slice(0, 10);
    const options = target.kind === 'image'
      ? { title: t('dialogs.saveImage'), defaultPath: join(deps.downloadsDir(), target.name) }
      : target.kind === 'report'
        ? { title: t('dialogs.exportReport'), defaultPath: join(deps.downloadsDir(), `lp-agent-desktop-report-${day()}.zip`) }
        : { title: t('dialogs.exportLogs'), defaultPath: join(deps.downloadsDir(), `lp-agent-desktop-${day()}.log`) };
    const win = deps.window();
    const result = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}

interface OpenDialogOptions {
  title: string;
  properties: Array<'openFile'>;
  filters: Array<{ name: string; extensions: string[] }>;
}
export interface OpenDialogLike<W> {
  showOpenDialog(window: W, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** Main's open dialog for one PEM certificate file (Settings → Network → Add a certificate…), over the window. */
export function createCertificateFileChooser<W>(deps: { dialog: OpenDialogLike<W>; window(): W | null }): () => Promise<string | null> {
  return async () => {
    const options: OpenDialogOptions = {
      title: t('network.openTitle'), properties: ['openFile'],
      filters: [{ name: t('network.pemFiles'), extensions: ['pem', 'crt', 'cer'] }, { name: t('network.allFiles'), extensions: ['*'] }],
    };
    const win = deps.window();
    const result = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
    return result.canceled ? null : result.filePaths[0] ?? null;
  };
}

export function registerIpc(deps: {
  ipcMain: IpcMainLike;
  paths: Pick<AppPaths, 'rendererOrigin' | 'devServerUrl'>;
  core: Pick<Core, 'modes' | 'accounts' | 'appState' | 'settings' | 'events' | 'drafts'> & { logger: FileLogger; notices?: Pick<Core['notices'], 'pageReady'>; networkControls?: Core['networkControls'] };
  skills: Pick<SkillsCache, 'list'>;
  chooseExportPath(): Promise<string | null>;
  openExternal(url: string): Promise<OpenLinkResult>;
  attention: Pick<DesktopAttention, 'viewing'>;
  files: HandlerDeps['files'];
  sso: HandlerDeps['sso'];
  updates: { restart(): UpdateRestartResult; checkNow(): void; status(): UpdateStatus };
  crash: CrashActions;
  resetProxyPrompt?(): void;
}): IpcRegistry {
  const { core, paths } = deps;
  const ipc = createIpcRegistry({
    ipcMain: deps.ipcMain,
    trusted: { appOrigin: paths.rendererOrigin, ...(paths.devServerUrl ? { devOrigin: paths.devServerUrl } : {}) },
    redact,
    logger: core.logger,
  });
  registerHandlers(ipc, createHandlers({
    modes: core.modes, accounts: core.accounts, appState: core.appState, settings: core.settings, events: core.events,
    skills: { list: (session) => deps.skills.list(session) },
    logs: core.logger,
    chooseExportPath: deps.chooseExportPath,
    openExternal: deps.openExternal,
    ...(core.notices ? { onSnapshot: core.notices.pageReady } : {}),
    attention: deps.attention,
    files: deps.files,
    sso: deps.sso,
    updates: deps.updates,
    drafts: core.drafts,
    crash: deps.crash,
    network: core.networkControls ?? null,
    ...(deps.resetProxyPrompt ? { resetProxyPrompt: deps.resetProxyPrompt } : {}),
  }));
  return ipc;
}
