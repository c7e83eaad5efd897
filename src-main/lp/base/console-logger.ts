/**
 * A Logger that writes one line per entry (JSON or text) to a stream (default stderr), with the
 * message and every field passed through redact()/redactFields(), so no secret reaches the output.
 */
import type { Logger, LogLevel } from './log';
import { redact, redactFields } from './redact';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface ConsoleLoggerOptions {
  /** Default process.stderr. */
  stream?: { write(chunk: string): unknown };
  /** Lowest level written. Default info. */
  level?: LogLevel;
  /** Default text. */
  format?: 'json' | 'text';
  /** Time source for the timestamp. Default Date.now. */
  now?: () => number;
}

export function createConsoleLogger(opts: ConsoleLoggerOptions = {}): Logger {
  const stream = opts.stream ?? process.stderr;
  const min = ORDER[opts.level ?? 'info'];
  const format = opts.format ?? 'text';
  const now = opts.now ?? Date.now;
  return {
    log(level, message, fields) {
      if ((ORDER[level] ?? 0) < min) return;
      try {
        const t = new Date(now()).toISOString();
        const clean = fields ? (redactFields(fields) as Record<string, unknown>) : undefined;
        let line: string;
        if (format === 'json') {
          line = JSON.stringify({ t, level, msg: redact(message), ...(clean ?? {}) });
        } else {
          const extra = clean && Object.keys(clean).length > 0 ? ` ${JSON.stringify(clean)}` : '';
          line = `${t} ${level.toUpperCase()} ${redact(message)}${extra}`;
        }
        // second pass over the whole line: registered secrets split across fields, etc.
        stream.write(`${redact(line).replace(/[\r\n]+/g, ' ')}\n`);
      } catch {
        // logging never throws
      }
    },
  };
}
