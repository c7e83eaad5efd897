/**
 * The desktop's file pieces: the memory cache (cap, least recently used first), the files service
 * (open → an app://lp/files/<id> URL or a problem code; save as → the dialog's path; send/retry
 * passed to the core) and the app:// route that serves cached images with their checked type.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, fileRouteId } from '../../../src-main/desktop/app-protocol';
import { FileCache } from '../../../src-main/desktop/files/file-cache';
import { createFilesService } from '../../../src-main/desktop/files/files-service';
import { FileError } from '../../../src-main/lp/index';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/desktop/window';
import { FakeSession } from '../fakes';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const image = (n: number) => ({ mime: 'image/png', width: 1, height: 1, bytes: new Uint8Array(n) });

describe('FileCache', () => {
  it('keeps images under its byte cap, dropping the least recently used first', () => {
    const c = new FileCache(100);
    const a = c.put('c\n1', image(40));
    const b = c.put('c\n2', image(40));
    expect(c.get(a.id)).toBeDefined(); // a is now the most recently used
    c.put('c\n3', image(40));
    expect(c.get(b.id)).toBeUndefined();
    expect(c.find('c\n1')?.id).toBe(a.id);
    expect(c.size).toEqual({ entries: 2, bytes: 80 });
    // one larger than the cap is still kept (alone) until the next one
    const big = c.put('c\n4', image(150));
    expect(c.size).toEqual({ entries: 1, bytes: 150 });
    expect(c.get(big.id)).toBeDefined();
    // the same message again replaces its entry under a new id
    const again = c.put('c\n4', image(10));
    expect(again.id).not.toBe(big.id);
    expect(c.get(big.id)).toBeUndefined();
    c.clear();
    expect(c.size).toEqual({ entries: 0, bytes: 0 });
  });
});

describe('files service and the app://lp/files route', () => {
  function setup(savePath: string | null = null) {
    const session = new FakeSession();
    const logs: string[] = [];
    const files = createFilesService({ session: () => session, chooseSavePath: async () => savePath, log: (m) => logs.push(m) });
    const handler = createAppProtocolHandler({ rootDir: '/nonexistent', log: () => undefined, files });
    return { session, files, handler, logs };
  }

  it('open: fetched once, answered as an opaque /files/<id> path (app://lp/files/<id>) that serves the bytes with their checked type, CSP and nosniff', async () => {
    const { session, files, handler } = setup();
    const opened = await files.open('conv-1', 4);
    expect(opened).toMatchObject({ ok: true, width: 1, height: 1, mime: 'image/png', size: 4 });
    const url = opened.ok ? opened.url : '';
    expect(url).toMatch(/^\/files\/[0-9a-f-]{36}$/);
    expect(url).not.toContain('conv-1');
    expect(await files.open('conv-1', 4)).toEqual(opened);
    expect(session.calls.filter((c) => c[0] === 'downloadFile')).toEqual([['downloadFile', 'conv-1', 4]]);
    const res = await handler(new Request(`app://lp${url}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
    for (const bad of ['app://lp/files/00000000-0000-0000-0000-000000000000', 'app://lp/files/../index.html', 'app://lp/files/x', 'app://lp/files/']) {
      expect((await handler(new Request(bad))).status, bad).toBe(404);
    }
    expect((await handler(new Request(`app://lp${url}`, { method: 'POST', body: 'x' }))).status).toBe(404);
    expect(fileRouteId('app://evil/files/x')).toBeUndefined();
  });

  it('rich image: fetched once per (message, index) by the core, answered as /files/<id> served like a file; a problem as its code', async () => {
    const { session, files, handler } = setup();
    const opened = await files.openRichImage('conv-1', 7, 2);
    expect(opened).toMatchObject({ ok: true, width: 1, height: 1 });
    const url = opened.ok ? opened.url : '';
    expect(url).toMatch(/^\/files\/[0-9a-f-]{36}$/);
    expect(await files.openRichImage('conv-1', 7, 2)).toEqual(opened);
    const other = await files.openRichImage('conv-1', 7, 3);
    expect(other.ok && other.url !== url).toBe(true);
    // a file message with the same sequence is another entry
    const file = await files.open('conv-1', 7);
    expect(file.ok && file.url !== url).toBe(true);
    expect(session.calls.filter((c) => c[0] === 'downloadRichImage')).toEqual([['downloadRichImage', 'conv-1', 7, 2], ['downloadRichImage', 'conv-1', 7, 3]]);
    const res = await handler(new Request(`app://lp${url}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    session.download = new FileError('unsafe');
    expect(await files.openRichImage('conv-1', 8, 0)).toEqual({ ok: false, problem: 'unsafe' });
  });

  it('open: a problem is answered as its code, never thrown; other errors are thrown', async () => {
    const { session, files, logs } = setup();
    session.download = new FileError('unsafe');
    expect(await files.open('c', 1)).toEqual({ ok: false, problem: 'unsafe' });
    expect(logs).toEqual(['file not shown (unsafe)']);
    session.download = new Error('boom');
    await expect(files.open('c', 2)).rejects.toThrow('boom');
  });

  it('save as: the bytes written where the dialog says; cancelled writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpad-save-'));
    dirs.push(dir);
    const path = join(dir, 'photo.png');
    expect(await setup(path).files.saveAs('c', 1)).toEqual({ saved: true });
    expect(new Uint8Array(readFileSync(path))).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(await setup(null).files.saveAs('c', 1)).toEqual({ saved: false });
    const failing = setup(path);
    failing.session.download = new FileError('expired');
    expect(await failing.files.saveAs('c', 1)).toEqual({ saved: false, problem: 'expired' });
  });

  it('send and retry go to the core as asked', () => {
    const { session, files } = setup();
    expect(files.send('c', new Uint8Array(9), 'cap', true)).toMatchObject({ contentType: 'hosted/file', file: { uploading: true } });
    expect(files.retry('lf1')).toBeNull();
    expect(session.calls.filter((c) => c[0] === 'sendFile' || c[0] === 'retryFile')).toEqual([['sendFile', 'c', 9, 'cap'], ['retryFile', 'lf1']]);
  });
});
