import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { requestChannel } from '../../src-preload/api';
import {
  createIpcRegistry, isTrustedSender, parseSerialisedError, type IpcMainLike, type InvokeEventLike,
} from '../../src-main/desktop/ipc';
import { redact as coreRedact, silentLogger } from '../../src-main/lp/index';

const fileUrl = 'file:///opt/app/resources/app.asar/dist/renderer/index.html';
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
  it('accepts our renderer file (query and hash ignored) and the dev origin', () => {
    expect(isTrustedSender(fileUrl, { fileUrl })).toBe(true);
    expect(isTrustedSender(`${fileUrl}#/settings`, { fileUrl })).toBe(true);
    expect(isTrustedSender('http://localhost:5173/x', { fileUrl, devOrigin: 'http://localhost:5173' })).toBe(true);
  });
  it('refuses other files, other origins, no frame', () => {
    expect(isTrustedSender('file:///tmp/evil.html', { fileUrl })).toBe(false);
    expect(isTrustedSender('https://example.com/', { fileUrl })).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', { fileUrl })).toBe(false);
    expect(isTrustedSender(undefined, { fileUrl })).toBe(false);
    expect(isTrustedSender('garbage', { fileUrl })).toBe(false);
  });
});

describe('createIpcRegistry.handle', () => {
  it('runs the handler with the parsed argument for our own page', async () => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { fileUrl }, redact, logger: silentLogger });
    const handler = vi.fn(async () => null);
    ipc.handle('ring/accept', handler);
    await expect(f.invoke(requestChannel('ring/accept'), fileUrl, { ringId: 'r1' })).resolves.toBeNull();
    expect(handler).toHaveBeenCalledWith({ ringId: 'r1' });
  });

  it('rejects a foreign sender before the handler runs', async () => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { fileUrl }, redact, logger: silentLogger });
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
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { fileUrl }, redact, logger: silentLogger });
    const handler = vi.fn(async () => null);
    ipc.handle('ring/accept', handler);
    const err = await f.invoke(requestChannel('ring/accept'), fileUrl, arg).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    const shape = parseSerialisedError((err as Error).message);
    expect(shape).toMatchObject({ code: 400, location: 'IPC#ring/accept' });
    expect(shape?.message).toMatch(/^ring\/accept: invalid argument: /);
    expect(shape?.message).toMatch(issue);
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects extra positional arguments', async () => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { fileUrl }, redact, logger: silentLogger });
    const handler = vi.fn(async () => null);
    ipc.handle('ring/accept', handler);
    await expect(f.invoke(requestChannel('ring/accept'), fileUrl, { ringId: 'r1' }, 'extra')).rejects.toThrow(/400/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('serialises core errors as code|location|message, redacted and flattened', async () => {
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { fileUrl }, redact, logger: silentLogger });
    ipc.handle('ring/accept', async () => {
      throw Object.assign(new Error('refused | Bearer abc.def\nsecond line'), { code: 400, location: 'Socket#Request' });
    });
    const err = (await f.invoke(requestChannel('ring/accept'), fileUrl, { ringId: 'r1' }).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe('400|Socket#Request|refused Bearer [redacted] second line');
    expect(err.message).not.toContain('abc.def');
  });

  it('a rejected login throws an error that holds no password anywhere (Electron logs the whole object)', async () => {
    const password = 'hunter2-very-secret';
    const login = { accountId: '70071234', username: 'agent1', password, remember: false };
    const f = fakeIpcMain();
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { fileUrl }, redact: coreRedact, logger: silentLogger });
    ipc.handle('session/login', async (args) => {
      // A plain Error (not the core's self-redacting LpError) that quotes what it was given.
      throw Object.assign(new Error(`refused ${JSON.stringify(args)} (password=${args.password})`), { code: 401, location: 'Login#REST' });
    });
    const refused = await f.invoke(requestChannel('session/login'), fileUrl, login).catch((e: unknown) => e);
    const invalid = await f.invoke(requestChannel('session/login'), fileUrl, { ...login, extra: password }).catch((e: unknown) => e);
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
    const ipc = createIpcRegistry({ ipcMain: f.ipcMain, trusted: { fileUrl }, redact, logger: silentLogger });
    ipc.handle('app/state', () => ({}) as never);
    ipc.handle('ring/accept', async () => null);
    ipc.dispose();
    expect(f.handlers.size).toBe(0);
  });
});
