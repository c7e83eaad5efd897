/** Connection timing defaults and the refresh cadence (connection/connection.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets } from '../../../src-main/lp/base/redact';
import { refreshDelay, resolveTiming } from '../../../src-main/lp/connection/connection';
import { umsUrl } from '../../../src-main/lp/connection/socket';

afterEach(() => clearSecrets());

describe('timing', () => {
  it('defaults follow lp-protocol.md; refresh is min(interval, ttl/3)', () => {
    expect(resolveTiming()).toEqual({ requestTimeoutMs: 10_000, pingIntervalMs: 30_000, deadSocketMs: 60_000, refreshIntervalMs: 600_000, backoffBaseMs: 1_000, backoffMaxMs: 60_000 });
    expect(resolveTiming({ pingIntervalMs: 100 }).deadSocketMs).toBe(200);
    expect(refreshDelay(600_000, 28_800_000)).toBe(600_000);
    expect(refreshDelay(600_000, 900_000)).toBe(300_000);
    expect(refreshDelay(600_000, undefined)).toBe(600_000);
  });
  it('socket URL', () => {
    expect(umsUrl({ scheme: 'wss', host: 'h', accountId: '1', bearer: 'b' })).toBe('wss://h/ws_api/account/1/messaging/brand/b?v=2.1');
  });
});
