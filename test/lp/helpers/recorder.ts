/**
 * Test helpers for the connection suite: an event recorder over an AgentConnection that lets a
 * test await "the first event matching X" (already seen ones count) instead of sleeping, and a
 * logger that keeps every line for assertions.
 */
import type { AgentConnection, ConnectionEvents } from '../../../src-main/lp/connection/api';
import type { Logger, LogLevel } from '../../../src-main/lp/base/log';

export interface Recorded<K extends keyof ConnectionEvents = keyof ConnectionEvents> { event: K; data: ConnectionEvents[K] }

export class Recorder {
  readonly events: Recorded[] = [];
  private waiters = new Set<() => void>();
  private offs: Array<() => void> = [];

  constructor(conn: AgentConnection) {
    for (const name of ['state', 'ready', 'notification', 'error'] as const) {
      this.offs.push(conn.on(name, (data) => {
        this.events.push({ event: name, data } as Recorded);
        for (const w of [...this.waiters]) w();
      }));
    }
  }

  of<K extends keyof ConnectionEvents>(event: K): Array<ConnectionEvents[K]> {
    return this.events.filter((e) => e.event === event).map((e) => e.data as ConnectionEvents[K]);
  }

  /** Index to pass as `from` so only later events count. */
  mark(): number {
    return this.events.length;
  }

  wait<K extends keyof ConnectionEvents>(event: K, pred: (e: ConnectionEvents[K]) => boolean = () => true, opts: { from?: number; timeoutMs?: number } = {}): Promise<ConnectionEvents[K]> {
    const from = opts.from ?? 0;
    const timeoutMs = opts.timeoutMs ?? 8_000;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (let i = from; i < this.events.length; i++) {
          const e = this.events[i]!;
          if (e.event === event && pred(e.data as ConnectionEvents[K])) {
            cleanup();
            resolve(e.data as ConnectionEvents[K]);
            return true;
          }
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.events.slice(from).map((e) => e.event === 'state' ? `state:${(e.data as ConnectionEvents['state']).phase}` : e.event).join(', ');
        reject(new Error(`timed out waiting for ${String(event)}; seen: ${seen}`));
      }, timeoutMs);
      const waiter = (): void => {
        check();
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      check();
    });
  }

  dispose(): void {
    for (const off of this.offs) off();
  }
}

export interface MemoryLogger extends Logger {
  lines: Array<{ level: LogLevel; message: string; fields?: Record<string, unknown> }>;
  text(): string;
}

export function memoryLogger(): MemoryLogger {
  const lines: MemoryLogger['lines'] = [];
  return {
    lines,
    log(level, message, fields) {
      lines.push({ level, message, ...(fields ? { fields } : {}) });
    },
    text() {
      return lines.map((l) => `${l.level} ${l.message} ${l.fields ? JSON.stringify(l.fields) : ''}`).join('\n');
    },
  };
}

/** Polls `cond` (for state that has no event to await) until true or the deadline. */
export async function until(cond: () => boolean, timeoutMs = 5_000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise<void>((r) => setTimeout(r, everyMs));
  }
}
