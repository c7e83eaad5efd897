/**
 * A measured client in its own process (so the simulator and the client do not share one event
 * loop or one core): `node [--expose-gc] --import tsx <script>` with a Node IPC channel. Messages
 * are plain JSON objects with a `t` field. Children are ended by their pid only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from './core';

export interface ChildMsg {
  t: string;
  [k: string]: unknown;
}

export interface BenchChild {
  readonly child: ChildProcess;
  /** The next message of type `t` (messages are queued until asked for). An 'error' message rejects. */
  next(t: string, timeoutMs: number): Promise<ChildMsg>;
  send(msg: ChildMsg): void;
  /** Messages of type `t` go to `listener` as they arrive (not queued for next()). */
  on(t: string, listener: (msg: ChildMsg) => void): void;
  /** Last lines of the child's stderr/stdout (for error reports). */
  output(): string;
  kill(): Promise<void>;
}

export function spawnChild(script: string, opts: { env?: Record<string, string>; nodeArgs?: string[] } = {}): BenchChild {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', script], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const queue: ChildMsg[] = [];
  const waiters: Array<() => void> = [];
  const lines: string[] = [];
  const routes = new Map<string, (msg: ChildMsg) => void>();
  let exited: string | null = null;
  const wake = (): void => { for (const w of waiters.splice(0)) w(); };
  const keep = (chunk: Buffer): void => {
    for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(l);
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('message', (m: unknown) => {
    if (typeof m !== 'object' || m === null || typeof (m as ChildMsg).t !== 'string') return;
    const msg = m as ChildMsg;
    const route = routes.get(msg.t);
    if (route) { route(msg); return; }
    queue.push(msg);
    wake();
  });
  const exitedP = new Promise<void>((res) => child.on('exit', (code, signal) => { exited = `exited (code ${code}, signal ${signal})`; wake(); res(); }));
  child.on('error', (e) => { exited = `failed to start: ${e.message}`; wake(); });

  return {
    child,
    next(t, timeoutMs) {
      return new Promise((res, rej) => {
        const timer = setTimeout(() => { finish(); rej(new Error(`child ${script}: no '${t}' within ${timeoutMs} ms. Output: ${lines.slice(-5).join(' | ')}`)); }, timeoutMs);
        const check = (): void => {
          const err = queue.findIndex((m) => m.t === 'error');
          if (err >= 0) {
            const m = queue.splice(err, 1)[0];
            finish();
            rej(new Error(String(m?.message ?? 'child error')));
            return;
          }
          const i = queue.findIndex((m) => m.t === t);
          if (i >= 0) {
            const m = queue.splice(i, 1)[0];
            finish();
            if (m) res(m);
            return;
          }
          if (exited) {
            finish();
            rej(new Error(`child ${script} ${exited} before '${t}'. Output: ${lines.slice(-5).join(' | ')}`));
            return;
          }
          waiters.push(check);
        };
        const finish = (): void => clearTimeout(timer);
        check();
      });
    },
    send(msg) {
      if (child.connected) child.send(msg);
    },
    on(t, listener) {
      routes.set(t, listener);
    },
    output: () => lines.join('\n'),
    async kill() {
      if (exited) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exitedP;
      clearTimeout(t);
    },
  };
}

/** In a child: send a message to the parent and resolve once it is written. */
export function toParent(msg: ChildMsg): Promise<void> {
  return new Promise((res) => {
    if (!process.send) { res(); return; }
    process.send(msg, undefined, {}, () => res());
  });
}

/** In a child: every message from the parent. */
export function fromParent(handler: (msg: ChildMsg) => void): void {
  process.on('message', (m: unknown) => {
    if (typeof m === 'object' && m !== null && typeof (m as ChildMsg).t === 'string') handler(m as ChildMsg);
  });
  process.on('disconnect', () => process.exit(0));
  // An orderly exit on kill(), so `node --cpu-prof` writes its profile (it does not on a default SIGTERM death).
  // (Only when the script has no SIGTERM handler of its own, e.g. sim-host's orderly close.)
  process.once('SIGTERM', () => { if (process.listenerCount('SIGTERM') === 0) process.exit(0); });
}

/** Busy-waits (blocks the event loop) for `ms`: lets a flood pile up in the socket before the measured processing starts. */
export function blockFor(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) { /* spin */ }
}
