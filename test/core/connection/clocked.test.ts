/**
 * Timing decisions on an injected manual clock (real loopback IO, fake time): exact backoff
 * delays and nextRetryAt, refresh cadence min(interval, sessionTTl/3), and TLS with trustedCa.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src-main/simulator';
import type { Simulator } from '../../../src-main/simulator/api';
import { createConnection, type DiagnosableConnection } from '../../../src-main/lp/connection';
import { nextDelay } from '../../../src-main/lp/backoff';
import { manualClock } from './helpers/manual-clock';
import { Recorder, until } from './helpers/recorder';

let sim: Simulator | undefined;
const conns: DiagnosableConnection[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) await c.stop({ logout: false });
  await sim?.close();
  sim = undefined;
});

describe('connection timing on a manual clock', () => {
  it('login 5xx: nextRetryAt follows nextDelay exactly, and nothing happens until time passes', async () => {
    const s = sim = await startSimulator();
    s.faults.refuseLogins(3, 503);
    const clock = manualClock();
    const timing = { backoffBaseMs: 1_000, backoffMaxMs: 60_000 };
    const seed = s.agents[0]!;
    const conn = createConnection({
      account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
      credentials: { kind: 'password', username: seed.username, password: seed.password },
      clock, timing, random: () => 0.25,
    });
    conns.push(conn);
    const rec = new Recorder(conn);
    await conn.start();
    for (let attempt = 1; attempt <= 3; attempt++) {
      const st = await rec.wait('state', (x) => x.phase === 'reconnecting' && x.attempt === attempt);
      const delay = nextDelay(attempt, { baseMs: timing.backoffBaseMs, maxMs: timing.backoffMaxMs, random: () => 0.25 });
      expect(st.nextRetryAt).toBe(clock.now() + delay);
      expect(s.inspect.loginCount()).toBe(attempt); // refused logins count too
      clock.advance(delay - 1);
      expect(rec.of('state').filter((x) => x.phase === 'reconnecting')).toHaveLength(attempt);
      clock.advance(1);
    }
    await rec.wait('ready');
    expect(conn.state.phase).toBe('online');
  });

  it('refresh every min(10 min, sessionTTl/3), chained', async () => {
    const s = sim = await startSimulator({ sessionTtlMs: 900_000 }); // ttl/3 = 5 min
    const clock = manualClock();
    const seed = s.agents[0]!;
    const conn = createConnection({
      account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
      credentials: { kind: 'password', username: seed.username, password: seed.password },
      clock, timing: { pingIntervalMs: 0 },
    });
    conns.push(conn);
    const rec = new Recorder(conn);
    await conn.start();
    await rec.wait('ready');
    clock.advance(299_999);
    expect(s.inspect.refreshCount()).toBe(0);
    clock.advance(1);
    await until(() => s.inspect.refreshCount() === 1);
    await until(() => clock.pending().includes(300_000));
    clock.advance(300_000);
    await until(() => s.inspect.refreshCount() === 2);
  });
});

describe('TLS', () => {
  it('connects over https/wss trusting the simulator certificate', async () => {
    const s = sim = await startSimulator({ tls: true });
    const seed = s.agents[0]!;
    expect(s.csdsUrl.startsWith('https://')).toBe(true);
    const conn = createConnection({
      account: { accountId: s.accountId, csdsUrl: s.csdsUrl, trustedCa: [s.tls!.cert] },
      credentials: { kind: 'password', username: seed.username, password: seed.password },
      timing: { backoffBaseMs: 20, backoffMaxMs: 100 },
    });
    conns.push(conn);
    const rec = new Recorder(conn);
    await conn.start();
    await rec.wait('ready');
    expect(conn.socketUrl?.startsWith('wss://')).toBe(true);
    expect((await conn.request('.GetClock', {})).code).toBeLessThan(300);
  });

  it('without the CA the certificate is refused (no silent trust)', async () => {
    const s = sim = await startSimulator({ tls: true });
    const seed = s.agents[0]!;
    const conn = createConnection({
      account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
      credentials: { kind: 'password', username: seed.username, password: seed.password },
      timing: { backoffBaseMs: 5_000, backoffMaxMs: 10_000 },
    });
    conns.push(conn);
    const rec = new Recorder(conn);
    await conn.start();
    expect(conn.state.phase).toBe('reconnecting');
    expect(rec.of('error')[0]?.location).toBe('Domains#CSDS');
  });
});
