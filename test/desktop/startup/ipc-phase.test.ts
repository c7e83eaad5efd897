import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestChannel, requestNames } from '../../../src-preload/api';
import type { InvokeEventLike } from '../../../src-main/desktop/ipc';
import { createExportPathChooser, createOpenExternal, registerIpc } from '../../../src-main/desktop/startup/ipc-phase';
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
      chooseExportPath: async () => null, openExternal: async () => undefined,
      attention: { viewing: () => ({ counts: {}, total: 0 }) },
    });
    expect([...handlers.keys()].sort()).toEqual(requestNames.map(requestChannel).sort());
    const appState = handlers.get(requestChannel('app/state'));
    await expect(Promise.resolve(appState?.({ senderFrame: { url: paths.rendererFileUrl } }))).resolves.toMatchObject({ mode: 'signed-out' });
    await expect(Promise.resolve().then(() => appState?.({ senderFrame: { url: 'https://evil.example/' } }))).rejects.toThrow(/rejected/);
    ipc.dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('shell pieces', () => {
  it('external links: allowed ones open, others are refused and logged', async () => {
    const opened: string[] = [];
    const lines: string[] = [];
    const openExternal = createOpenExternal({ shell: { openExternal: async (u) => { opened.push(u); } }, log: (l) => lines.push(l) });
    await openExternal('https://developers.liveperson.com/');
    await openExternal('file:///etc/passwd');
    expect(opened).toEqual(['https://developers.liveperson.com/']);
    expect(lines).toEqual(['external link refused (scheme file: is not allowed)']);
  });

  it('log export asks over the window when there is one; cancelling gives null', async () => {
    const asked: Array<{ over: string | null; defaultPath: string }> = [];
    let canceled = false;
    const dialog = {
      showSaveDialog(...args: [string, { defaultPath: string }] | [{ defaultPath: string }]) {
        const [over, options] = args.length === 2 ? args : [null, args[0]];
        asked.push({ over, defaultPath: options.defaultPath });
        return Promise.resolve(canceled ? { canceled: true } : { canceled: false, filePath: options.defaultPath });
      },
    };
    let win: string | null = 'main window';
    const choose = createExportPathChooser<string>({ dialog, downloadsDir: () => '/home/a/Downloads', window: () => win, today: () => '2026-12-06' });
    expect(await choose()).toBe('/home/a/Downloads/lp-agent-desktop-2026-12-06.log');
    win = null;
    canceled = true;
    expect(await choose()).toBeNull();
    expect(asked.map((a) => a.over)).toEqual(['main window', null]);
  });
});
