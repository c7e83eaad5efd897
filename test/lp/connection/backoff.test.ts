/** Reconnect delays and the retry policy (connection/backoff.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets } from '../../../src-main/lp/base/redact';
import { closeAction, loginAction, nextDelay, refreshAction, upgradeAction } from '../../../src-main/lp/connection/backoff';

afterEach(() => clearSecrets());

describe('backoff', () => {
  const o = { baseMs: 1_000, maxMs: 60_000 };
  it('grows exponentially and is capped', () => {
    const mid = (n: number): number => nextDelay(n, { ...o, random: () => 0.5 });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(mid)).toEqual([750, 1_500, 3_000, 6_000, 12_000, 24_000, 45_000, 45_000, 45_000]);
  });
  it('equal jitter stays within [cap/2, cap] and never 0', () => {
    for (let n = 1; n < 40; n++) {
      const cap = Math.min(60_000, 1_000 * 2 ** (n - 1));
      expect(nextDelay(n, { ...o, random: () => 0 })).toBe(cap / 2);
      expect(nextDelay(n, { ...o, random: () => 0.999999 })).toBeLessThanOrEqual(cap);
    }
  });
  it('full and decorrelated jitter stay within bounds', () => {
    for (let i = 0; i < 200; i++) {
      const f = nextDelay(5, { ...o, jitter: 'full' });
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(16_000);
      const d = nextDelay(5, { ...o, jitter: 'decorrelated', previousMs: 30_000 });
      expect(d).toBeGreaterThanOrEqual(1_000);
      expect(d).toBeLessThanOrEqual(60_000);
    }
  });
  it('spreads a crowd (no synchronized storm) and tolerates bad inputs', () => {
    const set = new Set(Array.from({ length: 50 }, (_, i) => nextDelay(6, { ...o, random: () => i / 50 })));
    expect(set.size).toBe(50);
    expect(nextDelay(0, { ...o, random: () => Number.NaN })).toBe(500);
    expect(nextDelay(1e9, { ...o, random: () => 2 })).toBeLessThanOrEqual(60_000);
  });
  it('retry policy', () => {
    expect(closeAction(4401)).toBe('relogin');
    expect(closeAction(1011)).toBe('relogin');
    for (const c of [1000, 1001, 1006, 1012, 4000]) expect(closeAction(c)).toBe('retry');
    expect(closeAction(1000, 'idle timeout')).toBe('retry');
    // one session per agent user: replaced elsewhere → stop, do not fight back
    expect(closeAction(1000, 'replaced by a new session')).toBe('stop');
    expect(closeAction(4000, 'Logged in elsewhere')).toBe('stop');
    expect(closeAction(4401, 'replaced by a new session')).toBe('relogin');
    expect(upgradeAction(401)).toBe('relogin');
    expect(upgradeAction(502)).toBe('retry');
    expect(loginAction(401)).toBe('stop');
    expect(loginAction(400)).toBe('stop');
    expect(loginAction(429)).toBe('retry');
    expect(loginAction(500)).toBe('retry');
    expect(loginAction(0)).toBe('retry');
    expect(refreshAction(401)).toBe('relogin');
    expect(refreshAction(503)).toBe('retry');
  });
});
