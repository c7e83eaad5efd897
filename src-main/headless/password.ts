/**
 * Where headless mode gets the password: `LP_PASSWORD`, or with `--password-stdin` the first stdin
 * line. `LP_PASSWORD` is removed from `process.env` as soon as it is read, so no child process
 * inherits it (the process's initial environment block stays readable by the same user whatever a
 * program does: `--password-stdin` is the safer way). On a terminal the typed password is not echoed.
 */
import type { Interface } from 'node:readline';

/** The part of process.stdin a terminal read needs. */
export interface TtyInput {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/** Takes LP_PASSWORD out of the environment (it is gone for every child from now on). */
export function takeEnvPassword(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.LP_PASSWORD;
  delete env.LP_PASSWORD;
  return value === '' ? undefined : value;
}

/**
 * One line from a terminal in raw mode, without echo: Enter ends it, Backspace edits, Ctrl-C and
 * Ctrl-D give undefined. Writes only the prompt and a newline to `out`.
 */
export function readHiddenLine(input: TtyInput, out: { write(s: string): unknown }, prompt: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let line = '';
    const finish = (value: string | undefined): void => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      out.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(line);
        if (ch === '\u0003' || ch === '\u0004') return finish(undefined);
        if (ch === '\u007f' || ch === '\b') line = line.slice(0, -1);
        else line += ch;
      }
    };
    out.write(prompt);
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  });
}

/** The first line of `rl` (a pipe or file), or undefined at end of input. */
export function readFirstLine(rl: Interface): Promise<string | undefined> {
  return new Promise((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(undefined));
  });
}
