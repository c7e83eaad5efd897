/**
 * The file logger: one line per entry under userData/logs/main.log, rotated at a few MB (main.1.log …).
 * Fields go through the core's redactFields() first (secret-named keys masked by name, whatever their
 * value), then the whole line through the injected redact() (the core's redact in the app). Export
 * copies the redacted logs, oldest first, to a path the user picked.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { redactFields, type Logger, type LogLevel } from '../lp/index';

export interface FileLogger extends Logger {
  /** Lines written since start. */
  lines(): number;
  readonly file: string;
  /** Writes every kept log (oldest first, redacted again) to `path`; returns the line count. */
  exportTo(path: string): { path: string; lines: number };
  /** Every kept log line, oldest first, redacted again (what exportTo writes). */
  redactedLines(): string[];
}

export function createFileLogger(opts: {
  dir: string;
  redact: (s: string) => string;
  maxBytes?: number;
  keep?: number;
  now?: () => number;
  echo?: (line: string) => void;
}): FileLogger {
  const maxBytes = opts.maxBytes ?? 4 * 1024 * 1024;
  const keep = opts.keep ?? 3;
  const file = join(opts.dir, 'main.log');
  const rotated = (i: number): string => join(opts.dir, `main.${i}.log`);
  mkdirSync(opts.dir, { recursive: true });
  let size = existsSync(file) ? statSync(file).size : 0;
  let count = 0;

  const rotate = (): void => {
    rmSync(rotated(keep), { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) if (existsSync(rotated(i))) renameSync(rotated(i), rotated(i + 1));
    if (existsSync(file)) renameSync(file, rotated(1));
    size = 0;
  };

  const redactedLines = (): string[] => {
    const parts: string[] = [];
    for (let i = keep; i >= 1; i -= 1) if (existsSync(rotated(i))) parts.push(readFileSync(rotated(i), 'utf8'));
    if (existsSync(file)) parts.push(readFileSync(file, 'utf8'));
    return parts.join('').split('\n').filter((l) => l !== '').map((l) => opts.redact(l));
  };

  const format = (level: LogLevel, message: string, fields?: Record<string, unknown>): string => {
    let extra = '';
    if (fields && Object.keys(fields).length > 0) {
      try {
        extra = ` ${JSON.stringify(redactFields(fields))}`;
      } catch {
        extra = ' [unserialisable fields]';
      }
    }
    const text = `${new Date(opts.now?.() ?? Date.now()).toISOString()} ${level.toUpperCase()} ${message}${extra}`;
    return `${opts.redact(text).replace(/[\r\n]+/g, ' ⏎ ')}\n`;
  };

  return {
    file,
    log(level, message, fields) {
      const line = format(level, message, fields);
      try {
        if (size + line.length > maxBytes) rotate();
        appendFileSync(file, line, { mode: 0o600 });
        size += Buffer.byteLength(line);
        count += 1;
      } catch {
        // Logging must never take the app down.
      }
      opts.echo?.(line.trimEnd());
    },
    lines: () => count,
    redactedLines,
    exportTo(path) {
      const text = redactedLines();
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text.length > 0 ? `${text.join('\n')}\n` : '', { mode: 0o600 });
      return { path, lines: text.length };
    },
  };
}
