/** The file logger masks secret-named fields by name before serialising them (#17.7). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../src-main/desktop/logging';

describe('file logger fields', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lpad-logfields-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('masks secret-named fields even when the line redactor knows nothing of them', () => {
    const logger = createFileLogger({ dir, redact: (s) => s, now: () => 0 });
    logger.log('info', 'signed in', { csrfToken: 'tok-value', pwd: 123456, nested: { samlAssertion: 'PHNhbWw', user: 'ann' }, cookies: ['a=1'] });
    const line = readFileSync(logger.file, 'utf8');
    for (const secret of ['tok-value', '123456', 'PHNhbWw', 'a=1']) expect(line).not.toContain(secret);
    expect(line).toContain('"user":"ann"');
    expect(line).toContain('"csrfToken":"[REDACTED]"');
  });
});
