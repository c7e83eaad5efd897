/** The typed emitter (base/emitter.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets } from '../../../src-main/lp/base/redact';
import { TypedEmitter } from '../../../src-main/lp/base/emitter';
import { memoryLogger } from '../helpers/recorder';

afterEach(() => clearSecrets());



describe('emitter', () => {
  it('unsubscribes, and a throwing listener neither breaks emit nor the others', () => {
    const log = memoryLogger();
    const e = new TypedEmitter<{ a: number; b: string }>(log);
    const seen: number[] = [];
    e.on('a', () => { throw new Error('boom Bearer abcdef'); });
    const off = e.on('a', (n) => seen.push(n));
    e.emit('a', 1);
    off();
    e.emit('a', 2);
    e.emit('b', 'nobody listens');
    expect(seen).toEqual([1]);
    expect(log.lines[0]?.message).toContain('boom Bearer [REDACTED]');
    let once = 0;
    e.once('b', () => once++);
    e.emit('b', 'x');
    e.emit('b', 'y');
    expect(once).toBe(1);
  });
});

describe('emitter, listeners changed during emit', () => {
  it('take effect from the next emit (one listener or several)', () => {
    for (const extra of [0, 1]) {
      const e = new TypedEmitter<{ a: number }>();
      const calls: string[] = [];
      for (let i = 0; i < extra; i += 1) e.on('a', () => calls.push('other'));
      e.once('a', (n) => {
        calls.push(`first ${n}`);
        e.on('a', (m) => calls.push(`late ${m}`));
      });
      e.emit('a', 1);
      e.emit('a', 2);
      expect(calls.filter((c) => c !== 'other')).toEqual(['first 1', 'late 2']);
    }
  });
});

describe('emitter, one function subscribed twice', () => {
  it('is called once per emit (as a set of listeners), and unsubscribing twice is harmless', () => {
    const e = new TypedEmitter<{ a: number }>();
    const seen: number[] = [];
    const fn = (n: number): void => {
      seen.push(n);
    };
    const off1 = e.on('a', fn);
    const off2 = e.on('a', fn);
    e.emit('a', 1);
    expect(seen).toEqual([1]);
    expect(e.listenerCount('a')).toBe(1);
    off1();
    off2();
    e.emit('a', 2);
    expect(seen).toEqual([1]);
    expect(e.listenerCount('a')).toBe(0);
  });
});
