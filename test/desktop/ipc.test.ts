import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { requestChannel } from '../../src-preload/api';
import {
  createIpcRegistry, isTrustedSender, parseSerialisedError, type IpcMainLike, type InvokeEventLike,
} from '../../src-main/desktop/ipc';
import { resolveAppPaths } from '../../src-main/desktop/startup/paths';
import { redact as coreRedact, silentLogger } from '../../src-main/lp/index';

const pageUrl = 'app://lp/index.html';
const appOrigin = 'app://lp';
const redact = (s: string): string => s.replace(/Bearer \S+/g, 'Bearer [redacted]');

function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (c, l) => {
      handlers.set(c, l);
    },
    removeHandler: (c) => {
      handlers.delete(c);
    },
  };
  const invoke = async (channel: string, url: string | undefined, ...args: unknown[]): Promise<unknown> => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: url === undefined ? null : { url } }, ...args);
  };
  return { ipcMain, handlers, invoke };
}

describe('isTrustedSender', () => {
  it('accepts our app:// renderer (any path, query, hash) and the dev origin', () => {
    expect(isTrustedSender(pageUrl, { appOrigin })).toBe(true);
    expect(isTrustedSender('app://lp/index.html?x=1#/settings', { appOrigin })).toBe(true);
    expect(isTrustedSender('APP://LP/', { appOrigin })).toBe(true);
    expect(isTrustedSender('http://localhost:5173/x', { appOrigin, devOrigin: 'http://localhost:5173' })).toBe(true);
  });
  it('refuses files (the renderer is never file://), other hosts and schemes, no frame', () => {
    expect(isTrustedSender('file:///opt/app/resources/app.asar/dist/renderer/index.html', { appOrigin })).toBe(false);
    expect(isTrustedSender('file:///tmp/evil.html', { appOrigin })).toBe(false);
    expect(isTrustedSender('app://evil/index.html', { appOrigin })).toBe(false);
    expect(isTrustedSender('app://user@lp/index.html', { appOrigin })).toBe(false);
    expect(isTrustedSender('https://lp/index.html', { appOrigin })).toBe(false);
    expect(isTrustedSender('https://example.com/', { appOrigin })).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', { appOrigin })).toBe(false);
    expect(isTrustedSender(undefined, { appOrigin })).toBe(false);
    expect(isTrustedSender('garbage', { appOrigin })).toBe(false);
  });
  it('does not depend on where the app is installed (issue 16.8: drive letters, % in folder names)', () => {
    // What Chromium reports for a page loaded from app://lp/ is the same for every install folder:
    // C:\Program Files\LP Agent Desktop, c:\users\ann\100% agents\…, /opt/…
    for (const distDir of ['c:\\Users\\ann\\100% agents\\resources\\app.asar\\dist', '/opt/LP Agent Desktop/resources/app.asar/dist']) {
      const paths = resolveAppPaths({ distDir, isPackaged: true });
      expect(paths.rendererUrl).toBe('app://lp/index.html');
      expect(isTrustedSender(paths.rendererUrl, { appOrigin: paths.rendererOrigin })).toBe(true);
    }
  });
});

describe('createIpcRegistry.handle', () => {
  it('runs the handler with the parsed argument for our own page', async () => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { appOrigin }, redact, logger: silentLogger });
    const handler = vi.fn(async () => null);
    ipc.handle('ring/accept', handler);
    await expect(f.invoke(requestChannel('ring/accept'), pageUrl, { ringId: 'r1' })).resolves.toBeNull();
    expect(handler).toHaveBeenCalledWith({ ringId: 'r1' });
  });

  it('rejects a foreign sender before the handler runs', async () => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { appOrigin }, redact, logger: silentLogger });
    const handler = vi.fn(async () => null);
    ipc.handle('ring/accept', handler);
    await expect(f.invoke(requestChannel('ring/accept'), 'https://evil.example/', { ringId: 'r1' })).rejects.toThrow(/^403\|IPC#ring\/accept\|ring\/accept rejected: the sender is not the app window$/);
    await expect(f.invoke(requestChannel('ring/accept'), undefined, { ringId: 'r1' })).rejects.toThrow(/403/);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['a wrong type', { ringId: 42 }, /ringId/],
    ['an extra key', { ringId: 'r1', admin: true }, /admin|Unrecognized/i],
    ['a missing argument', undefined, /invalid argument/],
    ['an empty id', { ringId: '' }, /ringId/],
  ])('rejects %s with a clear error naming the request and the issue; handler not called', async (_what, arg, issue) => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { appOrigin }, redact, logger: silentLogger });
    const handler = vi.fn(async () => null);
    ipc.handle('ring/accept', handler);
    const err = await f.invoke(requestChannel('ring/accept'), pageUrl, arg).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    const shape = parseSerialisedError((err as Error).message);
    expect(shape).toMatchObject({ code: 400, location: 'IPC#ring/accept' });
    expect(shape?.message).toMatch(/^ring\/accept: invalid argument: /);
    expect(shape?.message).toMatch(issue);
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects extra positional arguments', async () => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { appOrigin }, redact, logger: silentLogger });
    const handler = vi.fn(async () => null);
    ipc.handle('ring/accept', handler);
    await expect(f.invoke(requestChannel('ring/accept'), pageUrl, { ringId: 'r1' }, 'extra')).rejects.toThrow(/400/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('serialises core errors as code|location|message, redacted and flattened', async () => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { appOrigin }, redact, logger: silentLogger });
    ipc.handle('ring/accept', async () => {
      throw Object.assign(new Error('refused | Bearer abc.def\nsecond line'), { code: 400, location: 'Socket#Request' });
    });
    const err = (await f.invoke(requestChannel('ring/accept'), pageUrl, { ringId: 'r1' }).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe('400|Socket#Request|refused Bearer [redacted] second line');
    expect(err.message).not.toContain('abc.def');
  });

  it('a rejected login throws an error that holds no password anywhere (Electron logs the whole object)', async () => {
    const password = 'hunter2-very-secret';
    const login = { accountId: '70071234', username: 'agent1', password, remember: false };
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { appOrigin }, redact: coreRedact, logger: silentLogger });
    ipc.handle('session/login', async (args) => {
      // A plain Error (not the core's self-redacting LpError) that quotes what it was given.
      throw Object.assign(new Error(`refused ${JSON.stringify(args)} (password=${args.password})`), { code: 401, location: 'Login#REST' });
    });
    const refused = await f.invoke(requestChannel('session/login'), pageUrl, login).catch((e: unknown) => e);
    const invalid = await f.invoke(requestChannel('session/login'), pageUrl, { ...login, extra: password }).catch((e: unknown) => e);
    const foreign = await f.invoke(requestChannel('session/login'), 'https://evil.example/', login).catch((e: unknown) => e);
    for (const err of [refused, invalid, foreign]) {
      expect(err).toBeInstanceOf(Error);
      expect(inspect(err, { depth: Infinity, showHidden: true })).not.toContain(password);
    }
    expect(parseSerialisedError((refused as Error).message)).toMatchObject({ code: 401, location: 'Login#REST' });
    expect((refused as { shape: unknown }).shape).toEqual(parseSerialisedError((refused as Error).message));
  });

  it('dispose removes every handler', () => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { appOrigin }, redact, logger: silentLogger });
    ipc.handle('app/state', () => ({}) as never);
    ipc.handle('ring/accept', async () => null);
    ipc.dispose();
    expect(f.handlers.size).toBe(0);
  });
});
