/** Runs headless mode as a child process and lets a test await its JSON output lines. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface OutLine {
  type: 'event' | 'result';
  event?: string;
  data?: unknown;
  id?: string | number;
  cmd?: string;
  ok?: boolean;
  result?: unknown;
  error?: { code: number; message: string; location: string };
}

export class HeadlessChild {
  readonly lines: OutLine[] = [];
  readonly stderr: string[] = [];
  readonly stdoutRaw: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly proc: ChildProcessWithoutNullStreams;
  private waiters: Array<{ pred: (l: OutLine) => boolean; resolve: (l: OutLine) => void }> = [];

  /** `nodeArgs`: extra Node options before the script (e.g. `--import` of a test probe). */
  constructor(args: string[], env: Record<string, string>, nodeArgs: string[] = []) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, 'src-main/headless/cli.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    createInterface({ input: this.proc.stdout }).on('line', (raw) => {
      this.stdoutRaw.push(raw);
      let line: OutLine;
      try {
        line = JSON.parse(raw) as OutLine;
      } catch {
        return; // not a JSON line (e.g. --help): kept in stdoutRaw only
      }
      this.lines.push(line);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(line)) return true;
        w.resolve(line);
        return false;
      });
    });
    createInterface({ input: this.proc.stderr }).on('line', (l) => this.stderr.push(l));
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
  }

  /** How many output lines have been seen so far: pass it as `from` to wait only for later lines. */
  mark(): number {
    return this.lines.length;
  }

  /** The first output line (already seen at index ≥ `from`, or future) matching `pred`. */
  next(pred: (l: OutLine) => boolean, what: string, timeoutMs = 15_000, from = 0): Promise<OutLine> {
    const seen = this.lines.slice(from).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr:\n${this.stderr.join('\n')}`)), timeoutMs);
      this.waiters.push({ pred, resolve: (l) => { clearTimeout(timer); resolve(l); } });
    });
  }

  event<T>(name: string, pred: (data: T) => boolean = () => true, from = 0): Promise<T> {
    return this.next((l) => l.type === 'event' && l.event === name && pred(l.data as T), `event ${name}`, 15_000, from)
      .then((l) => l.data as T);
  }

  /** Sends a command and resolves with its result line. */
  command(cmd: Record<string, unknown> & { id: string }): Promise<OutLine> {
    this.proc.stdin.write(`${JSON.stringify(cmd)}\n`);
    return this.next((l) => l.type === 'result' && l.id === cmd.id, `result of ${cmd.id}`);
  }

  writeLine(text: string): void {
    this.proc.stdin.write(`${text}\n`);
  }

  endInput(): void {
    this.proc.stdin.end();
  }

  kill(): void {
    this.proc.kill('SIGKILL');
  }
}
