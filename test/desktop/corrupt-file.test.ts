// The move-aside helper: names, free names, what counts as damaged, what is left alone.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asideStamp, readJsonOrMoveAside } from '../../src-main/desktop/corrupt-file';
import { createNotices, type Notice } from '../../src-main/desktop/notices';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-corrupt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readJsonOrMoveAside', () => {
  it('stamps in UTC without separators', () => {
    expect(asideStamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
  });

  it('missing → missing; good JSON → its value; the file is left alone', () => {
    const file = join(dir, 'x.json');
    expect(readJsonOrMoveAside(file)).toEqual({ state: 'missing' });
    writeFileSync(file, '{"a":1}');
    expect(readJsonOrMoveAside(file, (v) => typeof v === 'object')).toEqual({ state: 'ok', value: { a: 1 } });
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('an empty file (a crash before any byte) and a refused shape are moved aside, bytes intact', () => {
    const file = join(dir, 'x.json');
    writeFileSync(file, '');
    const out = readJsonOrMoveAside(file);
    expect(out).toMatchObject({ state: 'moved-aside', reason: 'not valid JSON' });
    writeFileSync(file, '"a string"');
    const shape = readJsonOrMoveAside(file, (v) => typeof v === 'object');
    expect(shape).toMatchObject({ state: 'moved-aside', reason: 'unexpected content' });
    if (shape.state === 'moved-aside') expect(readFileSync(shape.movedTo, 'utf8')).toBe('"a string"');
    expect(readdirSync(dir).filter((f) => f === 'x.json')).toEqual([]);
  });

  it('a file that cannot be read at all is not moved: it may be fine, just not readable now', () => {
    // A directory in the file's place: reading fails (EISDIR) for every user, root included.
    const file = join(dir, 'x.json');
    mkdirSync(file);
    expect(readJsonOrMoveAside(file)).toEqual({ state: 'missing' });
    expect(readdirSync(dir)).toEqual(['x.json']);
  });
});

describe('notices', () => {
  it('wait for the page, are delivered once (a reload does not repeat them), and the same pending id is one notice', () => {
    const delivered: Notice[] = [];
    const logged: string[] = [];
    const n = createNotices({ deliver: (x) => delivered.push(x), log: (m) => logged.push(m) });
    n.tell({ id: 'settings-corrupt', level: 'warning', text: 'moved' });
    n.tell({ id: 'settings-corrupt', level: 'warning', text: 'moved' });
    expect(delivered).toEqual([]);
    expect(logged).toHaveLength(2);
    n.pageReady();
    expect(delivered.map((d) => d.id)).toEqual(['settings-corrupt']);
    n.pageReady();
    expect(delivered).toHaveLength(1);
    n.tell({ id: 'outbox-disk', level: 'warning', text: 'full' });
    expect(delivered.map((d) => d.id)).toEqual(['settings-corrupt', 'outbox-disk']);
    n.pageGone();
    n.tell({ id: 'outbox-disk-ok', level: 'info', text: 'ok' });
    expect(delivered).toHaveLength(2);
    n.pageReady();
    expect(delivered.map((d) => d.id)).toEqual(['settings-corrupt', 'outbox-disk', 'outbox-disk-ok']);
  });
});
