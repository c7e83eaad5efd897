/** LpError (base/errors.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, REDACTED } from '../../../src-main/lp/base/redact';
import { LpError, toLpError } from '../../../src-main/lp/base/errors';

afterEach(() => clearSecrets());



describe('errors', () => {
  it('carries code, location, body, and redacts its message', () => {
    const e = new LpError({ code: 400, message: 'bad csrf=abc', location: 'Refresh#REST', body: { x: 1 } });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('LpError');
    expect(e.toInfo()).toEqual({ code: 400, message: `bad csrf=${REDACTED}`, location: 'Refresh#REST' });
    expect(e.body).toEqual({ x: 1 });
    expect(toLpError(new Error('x'), 'Here')).toMatchObject({ code: 0, location: 'Here' });
    expect(toLpError(e, 'Else')).toBe(e);
  });
});
