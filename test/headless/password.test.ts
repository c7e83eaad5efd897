import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readHiddenLine, takeEnvPassword, type TtyInput } from '../../src-main/headless/password';

class FakeTty extends EventEmitter implements TtyInput {
  readonly isTTY = true;
  readonly rawModes: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.rawModes.push(mode);
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
}

describe('headless password input (issue 17.8)', () => {
  it('LP_PASSWORD is taken out of the environment it was read from', () => {
    const env: NodeJS.ProcessEnv = { LP_PASSWORD: 's3cret', OTHER: 'x' };
    expect(takeEnvPassword(env)).toBe('s3cret');
    expect(env).toEqual({ OTHER: 'x' });
    expect(takeEnvPassword({ LP_PASSWORD: '' })).toBeUndefined();
  });

  it('on a terminal: raw mode (no echo) while typing, only the prompt written, Backspace edits, raw mode off after Enter', async () => {
    const tty = new FakeTty();
    const out: string[] = [];
    const line = readHiddenLine(tty, { write: (s: string) => out.push(s) }, 'Password: ');
    expect(tty.rawModes).toEqual([true]);
    tty.emit('data', Buffer.from('hunter'));
    tty.emit('data', Buffer.from('3\u007f2\r'));
    expect(await line).toBe('hunter2');
    expect(tty.rawModes).toEqual([true, false]);
    expect(out.join('')).toBe('Password: \n');
    expect(tty.listenerCount('data')).toBe(0);
  });

  it('Ctrl-C on the prompt gives no password (and leaves raw mode)', async () => {
    const tty = new FakeTty();
    const line = readHiddenLine(tty, { write: () => true }, '');
    tty.emit('data', 'abc\u0003');
    expect(await line).toBeUndefined();
    expect(tty.rawModes).toEqual([true, false]);
  });
});
