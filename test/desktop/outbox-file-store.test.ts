import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileOutboxStore, outboxFilePath } from '../../src-main/desktop/outbox-file-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-outbox-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const item = { localId: 'l1', conversationId: 'c1', text: 'hello', createdAt: 5, sentAfterSequence: 3 };

describe('file outbox store', () => {
  it('survives a reload (a new store on the same file)', async () => {
    const path = outboxFilePath(dir, '70071234', 'agent1');
    await fileOutboxStore(path).save([item, { ...item, localId: 'l2', sentAfterSequence: undefined }]);
    expect(await fileOutboxStore(path).load()).toEqual([item, { localId: 'l2', conversationId: 'c1', text: 'hello', createdAt: 5 }]);
  });

  it('a private note stays private across a reload (the flag is never dropped on save)', async () => {
    const path = outboxFilePath(dir, '70071234', 'agent1');
    await fileOutboxStore(path).save([{ ...item, private: true }, { ...item, localId: 'l2' }]);
    const loaded = await fileOutboxStore(path).load();
    expect(loaded.map((i) => i.private)).toEqual([true, undefined]);
    writeFileSync(path, JSON.stringify({ version: 1, items: [{ ...item, private: 'yes' }] }));
    expect(await fileOutboxStore(path).load()).toEqual([]); // mistyped: dropped like any malformed entry
  });

  it('writes atomically: no temp files left, and a missing or corrupt file loads as empty', async () => {
    const path = outboxFilePath(dir, 'a', 'b');
    expect(await fileOutboxStore(path).load()).toEqual([]);
    for (let i = 0; i < 5; i += 1) await fileOutboxStore(path).save([{ ...item, localId: `l${i}` }]);
    expect(readdirSync(dir)).toEqual([path.slice(dir.length + 1)]);
    writeFileSync(path, '{ half a file');
    expect(await fileOutboxStore(path).load()).toEqual([]);
  });

  it('keeps one file per account and user, named without identifiers, holding only message fields', async () => {
    const a = outboxFilePath(dir, '1', 'ann');
    const b = outboxFilePath(dir, '1', 'bob');
    expect(a).not.toBe(b);
    expect(a).not.toContain('ann');
    await fileOutboxStore(a).save([{ ...item, password: 'x' } as never]);
    expect(readFileSync(a, 'utf8')).not.toContain('password');
  });

  it('drops malformed entries', async () => {
    const path = outboxFilePath(dir, '1', 'ann');
    writeFileSync(path, JSON.stringify({ version: 1, items: [item, { localId: 1 }, null] }));
    expect(await fileOutboxStore(path).load()).toEqual([item]);
  });
});

describe('file outbox store: a damaged file, a full disk', () => {
  it('a file that is not JSON is moved aside with a timestamp and reported; the store starts empty', async () => {
    const path = outboxFilePath(dir, 'a', 'b');
    writeFileSync(path, '{ half a file');
    const moved: Array<[string, string]> = [];
    expect(await fileOutboxStore(path, { onMovedAside: (to, why) => moved.push([to, why]) }).load()).toEqual([]);
    expect(moved).toEqual([[expect.stringMatching(/outbox-[0-9a-f]+\.json\.corrupt-\d{8}T\d{6}Z$/), 'not valid JSON']]);
    expect(readFileSync(moved[0]![0], 'utf8')).toBe('{ half a file');
    expect(existsSync(path)).toBe(false);
  });

  it('a file with some bad entries is moved aside whole, and its good entries are still loaded', async () => {
    const path = outboxFilePath(dir, '1', 'ann');
    const original = JSON.stringify({ version: 1, items: [item, { localId: 1 }, null] });
    writeFileSync(path, original);
    const moved: string[] = [];
    expect(await fileOutboxStore(path, { onMovedAside: (to) => moved.push(to) }).load()).toEqual([item]);
    expect(readFileSync(moved[0]!, 'utf8')).toBe(original);
  });

  it('a full disk: nothing lost — reported once, retried on a timer and on each change, written when space returns', async () => {
    const path = outboxFilePath(dir, '1', 'ann');
    let diskFull = true;
    const events: string[] = [];
    const timers: Array<() => void> = [];
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const store = fileOutboxStore(path, {
      write: (p, c) => {
        if (diskFull) throw enospc;
        writeFileSync(p, c);
      },
      onWriteFailed: (err) => events.push(`failed ${err.code}`),
      onWriteRecovered: () => events.push('recovered'),
      setTimeout: (fn) => timers.push(fn),
      clearTimeout: () => undefined,
    });
    await store.save([item]);
    await store.save([item, { ...item, localId: 'l2' }]);
    expect(events).toEqual(['failed ENOSPC']);
    expect(existsSync(path)).toBe(false);
    timers.shift()?.(); // a retry while the disk is still full: still one report
    expect(events).toEqual(['failed ENOSPC']);
    diskFull = false;
    timers.at(-1)?.();
    expect(events).toEqual(['failed ENOSPC', 'recovered']);
    // The newest items, both messages, are on disk.
    expect((await fileOutboxStore(path).load()).map((i) => i.localId)).toEqual(['l1', 'l2']);
  });
});
