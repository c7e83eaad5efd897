/**
 * Timing decisions on an injected manual clock (real loopback IO, fake time): exact backoff
 * delays and nextRetryAt, refresh cadence min(interval, sessionTTl/3), and TLS with trustedCa.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, startSimulator, type ManualClock as SimManualClock } from '../../../src-main/simulator';
import type { Simulator } from '../../../src-main/simulator/api';
import { createConnection } from '../../../src-main/lp/connection/connection';
import type { DiagnosableConnection } from '../../../src-main/lp/connection/api';
import { nextDelay } from '../../../src-main/lp/connection/backoff';
import type { Clock } from '../../../src-main/lp/base/clock';
import type { ConnectionState } from '../../../src-main/lp/protocol/model';
import type { DiagnosableSession } from '../../../src-main/lp/session/api';
import { createAgentSession } from '../../../src-main/lp/session/agent-session';
import { manualClock } from '../helpers/manual-clock';
import { Recorder, until } from '../helpers/recorder';

let sim: Simulator | undefined;
const conns: DiagnosableConnection[] = [];
const sessions: DiagnosableSession[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) await c.stop({ logout: false });
  for (const x of sessions.splice(0)) await x.stop({ logout: false }).catch(() => undefined);
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

  it('without the CA the certificate is refused (no silent trust), said as such, and not retried until asked', async () => {
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
    expect(conn.state.phase).toBe('offline');
    expect(conn.state.nextRetryAt).toBeUndefined();
    expect(conn.state.lastError).toMatch(/certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(rec.of('error')).toEqual([expect.objectContaining({ location: 'Domains#CSDS', kind: 'cert-untrusted' })]);
    // told to try again: one more attempt, refused the same way, and again no retry of its own
    const errors = rec.of('error').length;
    conn.reconnectNow('asked');
    await until(() => rec.of('error').length > errors);
    expect(rec.of('error').at(-1)).toMatchObject({ kind: 'cert-untrusted' });
    expect(conn.state.phase).toBe('offline');
    expect(s.inspect.loginCount()).toBe(0);
  });
});

/** The shared manual clock as one client sees it, with the client's own timers that are still pending. */
function trackedClock(base: SimManualClock): Clock & { live: Set<unknown> } {
  const live = new Set<unknown>();
  return {
    live,
    now: () => base.now(),
    setTimeout(fn, ms) {
      const h: unknown = base.setTimeout(() => {
        live.delete(h);
        fn();
      }, ms);
      live.add(h);
      return h;
    },
    clearTimeout(h) {
      live.delete(h);
      base.clearTimeout(h);
    },
  };
}

/** A session on the shared clock, with its connection states recorded and awaitable (real-time timeout: only IO is waited for). */
function clockedSession(s: Simulator, clock: Clock, password: string) {
  const seed = s.agents[0]!;
  const session = createAgentSession({
    account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
    credentials: { kind: 'password', username: seed.username, password },
    clock,
    timing: { backoffBaseMs: 1_000, backoffMaxMs: 60_000, requestTimeoutMs: 5_000, pingIntervalMs: 30_000 },
  }, { snapshotWindowMs: 1_500, retryDelayMs: 2_000 });
  sessions.push(session);
  const states: ConnectionState[] = [];
  const waiters = new Set<() => void>();
  session.on('connection', (c) => {
    states.push(c);
    for (const w of [...waiters]) w();
  });
  const phase = (p: ConnectionState['phase'], timeoutMs = 5_000): Promise<void> => new Promise((resolve, reject) => {
    const w = (): void => {
      if (!states.some((x) => x.phase === p)) return;
      clearTimeout(timer);
      waiters.delete(w);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(w);
      reject(new Error(`timed out waiting for phase ${p}; seen ${states.map((x) => x.phase).join(', ')}`));
    }, timeoutMs);
    waiters.add(w);
    w();
  });
  return { session, states, phase };
}

describe('login 4xx on a shared manual clock: no retry until the credentials change', () => {
  it.each(['refused by the server (401)', 'wrong password'])('%s: one login attempt however long we wait, then corrected credentials log in', async (how) => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
    const s = sim = await startSimulator({ clock });
    const seed = s.agents[0]!;
    if (how.startsWith('refused')) s.faults.refuseLogins(1_000, 401);
    const logins: Array<{ ok: boolean; status: number }> = [];
    s.on('login', (e) => logins.push({ ok: e.ok, status: e.status }));

    const tc = trackedClock(clock);
    const bad = clockedSession(s, tc, how.startsWith('refused') ? seed.password : 'wrong-password');
    await bad.session.start();
    expect(bad.session.snapshot().connection.phase).toBe('auth-failed');
    expect(bad.session.snapshot().connection.lastError).toContain('401');
    expect(logins).toEqual([{ ok: false, status: 401 }]);
    // Nothing of this client is scheduled any more: no retry can come, whatever time does.
    expect(tc.live.size).toBe(0);

    const statesBefore = bad.states.length;
    for (let i = 0; i < 30; i++) {
      clock.advance(60_000); // = backoffMaxMs, 30 times over
      // a real round trip to the simulator between steps, so IO that a timer might have started gets its turns
      await fetch(`${s.csdsUrl}/api/account/${s.accountId}/service/baseURI.json?version=1.0`).then((r) => r.arrayBuffer());
    }
    bad.session.reconnectNow('wake'); // a wake-up is not a credentials change either
    await fetch(`${s.csdsUrl}/api/account/${s.accountId}/service/baseURI.json?version=1.0`).then((r) => r.arrayBuffer());
    expect(s.inspect.loginCount(seed.username)).toBe(1);
    expect(logins).toHaveLength(1);
    expect(bad.states.slice(statesBefore).map((x) => x.phase)).toEqual([]);
    expect(bad.session.snapshot().connection.phase).toBe('auth-failed');
    expect(tc.live.size).toBe(0);

    // The credentials change (a new session: re-entered password, or the account is fixed server-side).
    if (how.startsWith('refused')) s.faults.reset();
    const good = clockedSession(s, clock, seed.password);
    await good.session.start();
    await good.phase('online');
    expect(s.inspect.loginCount(seed.username)).toBe(2);
    expect(logins.at(-1)).toEqual({ ok: true, status: 200 });
    expect(s.inspect.agentState(seed.username)).toBe('ONLINE');
    expect(bad.session.snapshot().connection.phase).toBe('auth-failed');
  });
});

describe('backoff after quick successive outages (issue 10 item 7)', () => {
  it('a subscribe answered on the socket ends the outage: each later drop starts again from the first delay', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
    const s = sim = await startSimulator({ clock });
    const seed = s.agents[0]!;
    const timing = { backoffBaseMs: 1_000, backoffMaxMs: 60_000 }; // pingIntervalMs stays 30 s: never reached here
    const random = (): number => 0.5;
    const conn = createConnection({
      account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
      credentials: { kind: 'password', username: seed.username, password: seed.password },
      clock, timing, random,
    });
    conns.push(conn);
    const rec = new Recorder(conn);
    await conn.start();
    const first = nextDelay(1, { baseMs: timing.backoffBaseMs, maxMs: timing.backoffMaxMs, random });
    for (let outage = 1; outage <= 6; outage++) {
      const ready = await rec.wait('ready', () => rec.of('ready').length >= outage);
      const legacyId = ready.profile.legacyId;
      expect((await conn.request('.ams.aam.SubscribeExConversations', { convState: ['OPEN'], agentIds: [legacyId], minLastUpdatedTime: 0 })).code).toBeLessThan(300);
      const before = rec.of('state').length;
      s.faults.dropSockets();
      const st = await rec.wait('state', (x) => x.phase === 'reconnecting' && rec.of('state').indexOf(x) >= before);
      expect(st.attempt).toBe(1);
      expect((st.nextRetryAt ?? 0) - clock.now()).toBe(first);
      clock.advance(first);
    }
    await rec.wait('ready', () => rec.of('ready').length >= 7);
    expect(rec.of('state').filter((x) => x.phase === 'reconnecting').map((x) => x.attempt)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('anti-storm on a shared manual clock', () => {
  it('every socket is dropped right after it opens: the delays keep growing to the cap and the attempt count never resets', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
    const s = sim = await startSimulator({ clock });
    let opened = 0;
    s.on('socketOpen', () => {
      opened += 1;
      s.faults.dropSockets();
    });
    const seed = s.agents[0]!;
    const timing = { backoffBaseMs: 1_000, backoffMaxMs: 30_000 };
    const random = (): number => 0.5;
    const conn = createConnection({
      account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
      credentials: { kind: 'password', username: seed.username, password: seed.password },
      clock, timing, random,
    });
    conns.push(conn);
    const rec = new Recorder(conn);
    await conn.start();

    const delays: number[] = [];
    const ROUNDS = 9;
    for (let attempt = 1; attempt <= ROUNDS; attempt++) {
      const st = await rec.wait('state', (x) => x.phase === 'reconnecting' && x.attempt === attempt);
      const delay = (st.nextRetryAt ?? 0) - clock.now();
      expect(delay).toBe(nextDelay(attempt, { baseMs: timing.backoffBaseMs, maxMs: timing.backoffMaxMs, random }));
      delays.push(delay);
      expect(opened).toBe(attempt); // each retry reached the server and had its socket dropped
      clock.advance(delay);
    }
    await rec.wait('state', (x) => x.phase === 'reconnecting' && x.attempt === ROUNDS + 1);

    // strictly growing until the cap, then held there: never back to the base delay
    const capAt = delays.findIndex((d) => d === delays.at(-1));
    for (let i = 1; i < delays.length; i++) {
      if (i <= capAt) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
      else expect(delays[i]).toBe(delays[i - 1]);
    }
    expect(delays[0]).toBeLessThan(timing.backoffBaseMs);
    expect(delays.at(-1)).toBeGreaterThanOrEqual(timing.backoffMaxMs / 2);
    expect(capAt).toBeGreaterThan(3);
    // the attempt counter only ever went up (no reset after a socket that opened)
    const attempts = rec.of('state').filter((x) => x.phase === 'reconnecting').map((x) => x.attempt);
    expect(attempts).toEqual(Array.from({ length: ROUNDS + 1 }, (_, i) => i + 1));
    expect(rec.of('state').map((x) => x.phase)).not.toContain('offline');
    expect(s.inspect.loginCount()).toBe(1); // 1006: same token every time
  });
});
