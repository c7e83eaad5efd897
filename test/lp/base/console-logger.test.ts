/** The console logger writes redacted lines (base/console-logger.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, registerSecret, REDACTED } from '../../../src-main/lp/base/redact';
import { createConsoleLogger } from '../../../src-main/lp/base/console-logger';

afterEach(() => clearSecrets());



describe('console logger', () => {
  it('writes redacted JSON lines and respects the level', () => {
    const out: string[] = [];
    registerSecret('the-bearer-1234');
    const log = createConsoleLogger({ stream: { write: (s: string) => out.push(s) }, level: 'info', format: 'json', now: () => 0 });
    log.log('debug', 'hidden');
    log.log('info', 'opening wss://h/messaging/brand/the-bearer-1234?v=2.1', { csrf: 'x', n: 1, url: 'a?password=p' });
    expect(out).toHaveLength(1);
    const line = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ t: '1970-01-01T00:00:00.000Z', level: 'info', csrf: REDACTED, n: 1 });
    expect(out[0]).not.toContain('the-bearer-1234');
    expect(line.url).toBe(`a?password=${REDACTED}`);
  });
  it('writes one text line per entry, newlines folded', () => {
    const out: string[] = [];
    const log = createConsoleLogger({ stream: { write: (s: string) => out.push(s) }, level: 'debug' });
    log.log('warn', 'two\nlines password: hunter22', { k: 'v' });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\S+ WARN two lines password: \[REDACTED\] \{"k":"v"\}\n$/);
  });
});
