import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestChannel, requestNames } from '../../../src-preload/api';
import type { InvokeEventLike } from '../../../src-main/desktop/ipc';
import { createOpenExternal, createSavePathChooser, registerIpc } from '../../../src-main/desktop/startup/ipc-phase';
import { resolveAppPaths } from '../../../src-main/desktop/startup/paths';
import { createSkillsCache } from '../../../src-main/desktop/startup/skills-cache';
import { testCore } from './fakes';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-ipc-phase-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

describe('registerIpc', () => {
  it('registers every request of the contract, answers our page only, and releases all on dispose', async () => {
    const handlers = new Map<string, Listener>();
    const paths = resolveAppPaths({ distDir: '/opt/app/dist', isPackaged: true });
    const ipc = registerIpc({
      ipcMain: { handle: (channel, l) => handlers.set(channel, l), removeHandler: (channel) => handlers.delete(channel) },
      paths, core: testCore(dir), skills: createSkillsCache({ log: () => undefined }),
      chooseExportPath: async () => null, openExternal: async () => ({ opened: false, reason: 'test' }),
      attention: { viewing: () => ({ counts: {}, total: 0 }) },
      files: { open: async () => ({ ok: false, problem: 'not-found' }), openRichImage: async () => ({ ok: false, problem: 'not-found' }), saveAs: async () => ({ saved: false }), send: () => { throw new Error('not in this test'); }, retry: () => null },
      sso: { signIn: async () => ({ remembered: false }) },
      updates: { restart: () => ({ restarting: true }), checkNow: () => undefined, status: () => ({ state: 'idle' }) },
      crash: { openFolder: async () => ({ path: '/u/Crashpad' }), exportReport: async () => null },
    });
    expect([...handlers.keys()].sort()).toEqual(requestNames.map(requestChannel).sort());
    const appState = handlers.get(requestChannel('app/state'));
    await expect(Promise.resolve(appState?.({ senderFrame: { url: paths.rendererUrl } }))).resolves.toMatchObject({ mode: 'signed-out' });
    await expect(Promise.resolve().then(() => appState?.({ senderFrame: { url: 'https://evil.example/' } }))).rejects.toThrow(/rejected/);
    ipc.dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('shell pieces', () => {
  it('external links: allowed ones open, refused ones are logged, look-alike hosts open only when confirmed', async () => {
    const opened: string[] = [];
    const lines: string[] = [];
    const asked: Array<{ over: string | null; message: string }> = [];
    let answer = 0;
    const dialog = {
      showMessageBox(...args: [string, { message: string }] | [{ message: string }]) {
        const [over, options] = args.length === 2 ? args : [null, args[0]];
        asked.push({ over, message: options.message });
        return Promise.resolve({ response: answer });
      },
    };
    const openExternal = createOpenExternal<string>({
      shell: { openExternal: async (u) => { opened.push(u); } }, dialog, window: () => 'main window', log: (l) => lines.push(l),
    });
    expect(await openExternal('https://developers.liveperson.com/')).toEqual({ opened: true });
    expect(await openExternal('file:///etc/passwd')).toEqual({ opened: false, reason: 'scheme file: is not allowed' });
    expect(await openExternal('http://127.0.0.1:9222/json')).toMatchObject({ opened: false });
    expect(asked).toEqual([]);
    // Cyrillic "а" in a look-alike host: asked over the window with the punycode host; default = not opened
    expect(await openExternal('https://\u0430pple.com/')).toMatchObject({ opened: false });
    answer = 1;
    expect(await openExternal('https://\u0430pple.com/')).toEqual({ opened: true });
    expect(asked).toEqual([
      { over: 'main window', message: 'This link goes to xn--pple-43d.com' },
      { over: 'main window', message: 'This link goes to xn--pple-43d.com' },
    ]);
    expect(opened).toEqual(['https://developers.liveperson.com/', 'https://xn--pple-43d.com/']);
    expect(lines[0]).toBe('external link not opened (scheme file: is not allowed)');
    expect(lines).toHaveLength(3);
  });

  it('one save dialog for logs, the support zip and images: over the window when there is one, in Downloads; cancelling gives null', async () => {
    const asked: Array<{ over: string | null; title: string; defaultPath: string }> = [];
    let canceled = false;
    const dialog = {
      showSaveDialog(...args: [string, { title: string; defaultPath: string }] | [{ title: string; defaultPath: string }]) {
        const [over, options] = args.length === 2 ? args : [null, args[0]];
        asked.push({ over, title: options.title, defaultPath: options.defaultPath });
        return Promise.resolve(canceled ? { canceled: true } : { canceled: false, filePath: options.defaultPath });
      },
    };
    let win: string | null = 'main window';
    const choose = createSavePathChooser<string>({ dialog, downloadsDir: () => '/home/a/Downloads', window: () => win, today: () => '2026-12-06' });
    expect(await choose({ kind: 'logs' })).toBe('/home/a/Downloads/lp-agent-desktop-2026-12-06.log');
    expect(await choose({ kind: 'report' })).toBe('/home/a/Downloads/lp-agent-desktop-report-2026-12-06.zip');
    expect(await choose({ kind: 'image', name: 'photo.png' })).toBe('/home/a/Downloads/photo.png');
    expect(asked.map((a) => a.title)).toEqual(['Export logs', 'Export logs and crash reports', 'Save image']);
    win = null;
    canceled = true;
    expect(await choose({ kind: 'logs' })).toBeNull();
    expect(asked.map((a) => a.over)).toEqual(['main window', 'main window', 'main window', null]);
  });
});
