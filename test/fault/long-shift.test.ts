/**
 * A 24-hour shift on a fake clock: the simulator's manual clock is the session's clock too, so
 * only time is fake — real loopback sockets carry every request. Realistic timing: bearer TTL 8 h,
 * refresh every 10 min, server idle close after 60 s of client silence, ping every 30 s.
 * The laptop sleeps three times (client timers frozen, server time runs: its idle close and token
 * expiry fire), then wakes with reconnectNow('resume'). The agent is never signed out.
 *
 * Driving: time moves in 30 s steps (one keepalive period); after each step the test awaits the
 * keepalive the client sent (at the simulator) and a server→client round trip (a consumer typing
 * notification, ordered after the keepalive answer on the same socket), and every refresh that
 * came due. Nothing is slept on.
 */
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import { createManualClock, type ManualClock } from '../../src-main/simulator/clock';
import type { Clock, ConnectionState } from '../../src-main/lp/index';
import { agentTexts, consumerMessages, makeAgent, heldForTest } from './harness';

const HOUR = 3_600_000;
const MIN = 60_000;
const STEP = 30_000; // = pingIntervalMs
const REFRESH_MS = 10 * MIN;

/** The session's view of the shared clock: while the laptop sleeps its timers do not fire; on wake the overdue ones run at once. */
interface SleepyClock extends Clock {
  sleep(): void;
  wake(): void;
  /** Refresh timers (10 min) that have fired so far. */
  refreshesDue(): number;
}

function sleepyClock(base: ManualClock): SleepyClock {
  let asleep = false;
  let deferred: Array<() => void> = [];
  let refreshes = 0;
  return {
    now: () => base.now(),
    setTimeout(fn, ms) {
      const isRefresh = ms === REFRESH_MS;
      return base.setTimeout(() => {
        const run = (): void => {
          if (isRefresh) refreshes += 1;
          fn();
        };
        if (asleep) deferred.push(run);
        else run();
      }, ms);
    },
    clearTimeout: (h) => base.clearTimeout(h),
    sleep: () => { asleep = true; },
    wake: () => {
      asleep = false;
      const due = deferred;
      deferred = [];
      for (const fn of due) fn();
    },
    refreshesDue: () => refreshes,
  };
}

const held = heldForTest();

describe('a 24-hour shift on a fake clock', () => {
  it('keepalive beats the idle timeout, refresh keeps the bearer, sleep/wake reconnects: never signed out', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
    let asleep = false;
    // Server-side closes, as the simulator decides them (synchronously, on its clock): none may happen while awake.
    const awakeCloses: string[] = [];
    const sleepCloses: string[] = [];
    const s = held.sim = await startSimulator({
      clock, sessionTtlMs: 8 * HOUR, idleTimeoutMs: 60_000, reRingDelayMs: 2_000,
      log: (line) => { if (/closing socket|expired/.test(line)) (asleep ? sleepCloses : awakeCloses).push(line); },
    });
    const username = s.agents[0]!.username;
    const sc = sleepyClock(clock);
    const a = held.agent = makeAgent(s, {
      clock: sc,
      timing: { requestTimeoutMs: 10_000, pingIntervalMs: STEP, refreshIntervalMs: REFRESH_MS, backoffBaseMs: 1_000, backoffMaxMs: 60_000 },
      tuning: { snapshotWindowMs: 1_500, retryDelayMs: 2_000 },
    });
    const phases: Array<ConnectionState['phase']> = [];
    a.session.on('connection', (c) => phases.push(c.phase));

    /** Advances fake time in small steps until `cond` holds (real IO happens between steps). */
    const drive = async (cond: () => boolean, what: string, maxFakeMs = 5 * MIN): Promise<void> => {
      for (let spent = 0; !cond(); spent += 250) {
        if (spent > maxFakeMs) throw new Error(`gave up driving the clock: ${what}`);
        await a.until(cond, 40, what).catch(() => clock.advance(250));
      }
    };
    const isOnline = (): boolean => a.session.snapshot().connection.phase === 'online' && s.inspect.sockets().some((x) => x.username === username);

    await a.session.start();
    await drive(isOnline, 'first connect');
    const consumer = await s.consumers.open({ text: 'good morning' });
    const cid = consumer.conversationId;
    await drive(() => a.session.snapshot().rings.some((r) => r.conversationId === cid), 'the ring');
    const ring = a.session.snapshot().rings.find((r) => r.conversationId === cid)!;
    await a.session.acceptRing(ring.ringId);
    await drive(() => (a.session.snapshot().messages[cid] ?? []).some((m) => m.text === 'good morning'), 'the conversation');

    let refreshedSeen = 0;
    const refreshLogs = (): number => a.logs.filter((l) => l.includes('Session refreshed') || l.includes('Refresh')).length;
    let pings = 0;
    /** One keepalive period of awake time, with its round trips awaited. */
    const step = async (): Promise<void> => {
      const ping = s.waitFor('request', (r) => r.username === username && r.type.endsWith('GetClock'), 5_000);
      clock.advance(STEP);
      await ping;
      pings += 1;
      // server → client on the same socket, after the keepalive's answer: the client has read it
      a.mark();
      consumer.typing(pings % 2 === 0 ? 'COMPOSING' : 'PAUSE');
      await a.wait('typing', (t) => t.conversationId === cid);
      const due = sc.refreshesDue();
      if (due > refreshedSeen) {
        await a.until(() => refreshLogs() >= due, 5_000, 'the refresh to finish');
        refreshedSeen = due;
      }
    };
    const sent: string[] = [];
    const consumerSaid: string[] = ['good morning'];
    /** An exchange both ways, awaited on both ends. */
    const exchange = async (n: number): Promise<void> => {
      const text = `consumer ${n}`;
      const seq = await consumer.send(text);
      consumerSaid.push(text);
      await a.wait('message', (m) => m.sequence === seq && m.text === text);
      const mine = a.session.sendText(cid, `agent ${n}`);
      sent.push(`agent ${n}`);
      await a.wait('message', (m) => m.localId === mine.localId && m.delivery === 'sent');
    };
    const awake = async (ms: number): Promise<void> => {
      for (let t = 0; t < ms; t += STEP) {
        await step();
        if ((t / STEP) % 120 === 0) await exchange(sent.length + 1); // about every hour
      }
    };
    const sleepFor = async (ms: number): Promise<void> => {
      asleep = true;
      sc.sleep();
      for (let t = 0; t < ms; t += 5 * MIN) clock.advance(Math.min(5 * MIN, ms - t)); // server time runs: idle close, expiry
      const missed = `while you slept ${sleepCloses.length}`;
      await consumer.send(missed); // no socket: only the history re-query after waking can show it
      consumerSaid.push(missed);
      // the laptop wakes: overdue timers fire, the app asks for a reconnect at once
      const queries = (): number => s.inspect.requests({ username }).filter((r) => r.type.endsWith('QueryMessages')).length;
      const before = queries();
      sc.wake();
      asleep = false;
      a.session.reconnectNow('resume');
      await drive(isOnline, 'online after waking');
      // the history re-query of the new socket has reached the server; a round trip after it: answered
      await drive(() => queries() > before, 'the history re-query');
      a.mark();
      consumer.typing('ACTIVE');
      await a.wait('typing', (t) => t.conversationId === cid);
      expect((a.session.snapshot().messages[cid] ?? []).filter((m) => m.text === missed)).toHaveLength(1);
    };

    const start = clock.now();
    await awake(3 * HOUR);
    await sleepFor(2 * HOUR); // lunch: bearer still valid
    await awake(4 * HOUR);
    await sleepFor(45 * MIN);
    await awake(2 * HOUR);
    await sleepFor(9 * HOUR); // overnight: the bearer expired (TTL 8 h) → login again
    await awake(24 * HOUR - (clock.now() - start));
    expect(clock.now() - start).toBeGreaterThanOrEqual(24 * HOUR);

    // never signed out, online at the end
    expect(phases.filter((p) => p === 'auth-failed' || p === 'offline')).toEqual([]);
    expect(a.session.snapshot().connection.phase).toBe('online');
    // the keepalive beat the 60 s idle timeout: no socket closed while the laptop was awake
    expect(awakeCloses).toEqual([]);
    // ...while the laptop slept the server closed the silent socket (idle), and the overnight bearer expired
    expect(sleepCloses.filter((l) => l.includes('idle timeout'))).toHaveLength(3);
    expect(sleepCloses.filter((l) => l.includes('expired'))).not.toEqual([]);
    // logins: the first, plus at most one per sleep (only the overnight one needs it)
    const logins = s.inspect.loginCount(username);
    expect(logins).toBeGreaterThanOrEqual(2);
    expect(logins).toBeLessThanOrEqual(4);
    // refreshed about every 10 minutes of awake time (~12 h awake)
    expect(s.inspect.refreshCount(username)).toBeGreaterThanOrEqual(60);
    expect(a.warnings.filter((w) => !w.includes('No frame or pong'))).toEqual([]);
    // every word exactly once
    expect(agentTexts(s, cid)).toEqual(sent);
    expect(consumerMessages(s, cid).map((m) => m.text)).toEqual(consumerSaid);
    const shown = (a.session.snapshot().messages[cid] ?? []);
    expect(shown.filter((m) => m.role === 'CONSUMER').map((m) => m.text)).toEqual(consumerSaid);
    expect(shown.filter((m) => m.own).map((m) => m.text)).toEqual(sent);
    console.log(`long shift: ${pings} keepalives, sleep closes ${JSON.stringify(sleepCloses)}, ${logins} logins, ${s.inspect.refreshCount(username)} refreshes, ${sent.length} exchanges`);
  }, 120_000);
});
