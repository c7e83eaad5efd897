// Main's uncaughtException / unhandledRejection handlers: logged (through the redacting logger),
// survived, and a storm of exceptions ends the app instead of looping.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { decideOnException, installProcessGuards, MAX_EXCEPTIONS_PER_WINDOW } from '../../src-main/desktop/process-guards';
import { createFileLogger } from '../../src-main/desktop/logging';
import { redact, registerSecret } from '../../src-main/lp';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('decideOnException', () => {
  it('survives up to the limit in a minute, quits beyond it; old ones do not count', () => {
    const five = [1, 2, 3, 4].map((s) => s * 1000);
    expect(decideOnException(five, 5_000)).toBe('survive');
    expect(decideOnException([...five, 5_000], 6_000)).toBe('quit');
    expect(decideOnException([...five, 5_000], 120_000)).toBe('survive');
  });
});

describe('installProcessGuards', () => {
  it('logs redacted, survives one, quits on a storm; a rejection is always survived', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpad-guards-'));
    try {
      registerSecret('s3cret-pass-for-guards');
      const logger = createFileLogger({ dir, redact });
      const proc = new EventEmitter();
      let quits = 0;
      let t = 0;
      installProcessGuards({ process: proc, log: (level, m) => logger.log(level, m), quit: () => (quits += 1), now: () => t });
      proc.emit('uncaughtException', new Error('boom with s3cret-pass-for-guards inside'));
      proc.emit('unhandledRejection', new Error('rejected'));
      expect(quits).toBe(0);
      for (let i = 0; i < MAX_EXCEPTIONS_PER_WINDOW; i += 1) {
        t += 1000;
        proc.emit('uncaughtException', new Error(`again ${i}`));
      }
      expect(quits).toBe(1);
      const log = readFileSync(logger.file, 'utf8');
      expect(log).toContain('uncaught exception in main (carrying on): Error: boom with');
      expect(log).toContain('unhandled promise rejection in main (carrying on): Error: rejected');
      expect(log).toContain('too many in a minute: quitting');
      expect(log).not.toContain('s3cret-pass-for-guards');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
