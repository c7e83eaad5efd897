/** Ring escalation (#14.1): announce → escalate → repeat → stop on each ending, on a fake clock. */
import { describe, expect, it } from 'vitest';
import { allEnded, initialEscalation, nextWakeAt, ringEnded, ringOffered, tick, type EscalationSettings } from '../../../src-main/desktop/attention/escalation';
import { createRingAttention } from '../../../src-main/desktop/attention/ring-attention';

const settings: EscalationSettings = { sound: true, escalateAfterMs: 15_000, repeatEveryMs: 4_000, bringToFront: false };

describe('escalation model', () => {
  it('announces a new ring with one sound, once', () => {
    const a = ringOffered(initialEscalation, 'r1', 0, settings);
    expect(a.effects).toEqual([{ kind: 'sound' }]);
    expect(ringOffered(a.state, 'r1', 10, settings).effects).toEqual([]);
    expect(ringOffered(initialEscalation, 'r1', 0, { ...settings, sound: false }).effects).toEqual([]);
  });

  it('escalates when the oldest ring has waited escalateAfterMs, then repeats the sound', () => {
    let s = ringOffered(initialEscalation, 'r1', 0, settings).state;
    expect(nextWakeAt(s, settings)).toBe(15_000);
    expect(tick(s, 14_999, settings).effects).toEqual([]);
    const up = tick(s, 15_000, settings);
    expect(up.effects).toEqual([{ kind: 'escalate', bringToFront: false }, { kind: 'sound' }]);
    s = up.state;
    expect(s.escalated).toBe(true);
    expect(nextWakeAt(s, settings)).toBe(19_000);
    expect(tick(s, 18_000, settings).effects).toEqual([]);
    expect(tick(s, 19_000, settings).effects).toEqual([{ kind: 'sound' }]);
  });

  it('brings the window to the front only when the setting says so', () => {
    const s = ringOffered(initialEscalation, 'r1', 0, settings).state;
    expect(tick(s, 15_000, { ...settings, bringToFront: true }).effects[0]).toEqual({ kind: 'escalate', bringToFront: true });
  });

  it('muted: escalates silently and does not wake again', () => {
    const muted = { ...settings, sound: false };
    const s = ringOffered(initialEscalation, 'r1', 0, muted).state;
    const up = tick(s, 15_000, muted);
    expect(up.effects).toEqual([{ kind: 'escalate', bringToFront: false }]);
    expect(nextWakeAt(up.state, muted)).toBeNull();
  });

  it.each(['accepted', 'rejected', 'taken elsewhere', 'expired'])('stops when the last ring ends (%s)', () => {
    const s = tick(ringOffered(initialEscalation, 'r1', 0, settings).state, 15_000, settings).state;
    const end = ringEnded(s, 'r1', 16_000, settings);
    expect(end.effects).toEqual([{ kind: 'calm' }]);
    expect(end.state.escalated).toBe(false);
    expect(nextWakeAt(end.state, settings)).toBeNull();
  });

  it('a ring ending before escalation changes nothing else', () => {
    const s = ringOffered(initialEscalation, 'r1', 0, settings).state;
    const end = ringEnded(s, 'r1', 5_000, settings);
    expect(end.effects).toEqual([]);
    expect(nextWakeAt(end.state, settings)).toBeNull();
    expect(ringEnded(end.state, 'unknown', 6_000, settings).effects).toEqual([]);
  });

  it('stays escalated while another ring is overdue; calms when only fresh rings remain', () => {
    let s = ringOffered(initialEscalation, 'r1', 0, settings).state;
    s = ringOffered(s, 'r2', 1_000, settings).state;
    s = ringOffered(s, 'r3', 15_500, settings).state;
    s = tick(s, 15_000, settings).state;
    const first = ringEnded(s, 'r1', 16_000, settings);
    expect(first.effects).toEqual([]);
    expect(first.state.escalated).toBe(true);
    const second = ringEnded(first.state, 'r2', 17_000, settings);
    expect(second.effects).toEqual([{ kind: 'calm' }]);
    // r3 (offered at 15.5 s) escalates again on its own schedule.
    expect(nextWakeAt(second.state, settings)).toBe(30_500);
  });

  it('sign-out ends everything at once', () => {
    const s = tick(ringOffered(initialEscalation, 'r1', 0, settings).state, 15_000, settings).state;
    expect(allEnded(s)).toEqual({ state: initialEscalation, effects: [{ kind: 'calm' }] });
    expect(allEnded(initialEscalation).effects).toEqual([]);
  });
});

/** A fake clock: timers fire in time order when advanced. */
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number): unknown => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h: unknown): void => {
      timers.delete(h as number);
    },
    advance(ms: number): void {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

describe('ring attention driver', () => {
  const setup = (s: EscalationSettings = settings) => {
    const clock = fakeClock();
    const log: string[] = [];
    const attention = createRingAttention({
      settings: () => s, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout,
      playSound: () => log.push(`sound@${clock.now()}`),
      escalate: (front) => log.push(`escalate@${clock.now()}${front ? '+front' : ''}`),
      calm: () => log.push(`calm@${clock.now()}`),
      log: (m) => log.push(`log:${m}`),
    });
    return { clock, log, attention };
  };

  it('announce, escalate, repeat, stop on accept: one timer at a time', () => {
    const { clock, log, attention } = setup();
    attention.offered('r1');
    clock.advance(23_000);
    expect(attention.escalated()).toBe(true);
    attention.ended('r1');
    clock.advance(60_000);
    expect(log).toEqual(['sound@0', 'escalate@15000', 'sound@15000', 'sound@19000', 'sound@23000', 'calm@23000']);
    expect(clock.pending()).toBe(0);
  });

  it('a failing effect is logged and does not stop the others', () => {
    const clock = fakeClock();
    const log: string[] = [];
    const attention = createRingAttention({
      settings: () => settings, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout,
      playSound: () => {
        throw new Error('no window');
      },
      escalate: () => log.push('escalate'), calm: () => log.push('calm'), log: (m) => log.push(m),
    });
    attention.offered('r1');
    clock.advance(15_000);
    attention.clear();
    expect(log).toEqual(['ring attention sound failed: no window', 'escalate', 'ring attention sound failed: no window', 'calm']);
  });
});
