import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
