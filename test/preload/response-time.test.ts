/** The response-time timer model (src-preload/response-time.ts) on a fake clock: `now` is a plain number moved by hand. */
import { describe, expect, it } from 'vitest';
import { byUrgency, nextResponseChange, overdueCount, responseTimer, type TimedConversation } from '../../src-preload/response-time';

const T0 = 1_800_000_000_000;
const S = 1000;
const waiting = (over: Partial<TimedConversation> = {}): TimedConversation => ({ state: 'OPEN', awaitingReplySince: T0, ...over });
const thresholds = { amberSeconds: 60, redSeconds: 180 };

describe('responseTimer', () => {
  it('nobody waiting, or closed: no timer', () => {
    expect(responseTimer({ state: 'OPEN' }, T0, thresholds)).toBeNull();
    expect(responseTimer(waiting({ state: 'CLOSE' }), T0, thresholds)).toBeNull();
  });

  it('settings thresholds: ok → amber at 60 s → red at 180 s, counting from the first unanswered message', () => {
    const c = waiting();
    let now = T0 + 59 * S;
    expect(responseTimer(c, now, thresholds)).toMatchObject({ level: 'ok', waitingMs: 59 * S, source: 'settings' });
    now += S;
    expect(responseTimer(c, now, thresholds)?.level).toBe('amber');
    now = T0 + 179_999;
    expect(responseTimer(c, now, thresholds)?.level).toBe('amber');
    now += 1;
    expect(responseTimer(c, now, thresholds)?.level).toBe('red');
  });

  it('the skill SLA (ttr) sets red; amber at the same fraction (1/3 with 60/180)', () => {
    const c = waiting({ ttr: { type: 'NORMAL', seconds: 1200 } });
    expect(responseTimer(c, T0, thresholds)).toMatchObject({ source: 'sla', redAt: T0 + 1200 * S, amberAt: T0 + 400 * S });
    expect(responseTimer(c, T0 + 399 * S, thresholds)?.level).toBe('ok');
    expect(responseTimer(c, T0 + 400 * S, thresholds)?.level).toBe('amber');
    expect(responseTimer(c, T0 + 1200 * S, thresholds)?.level).toBe('red');
  });

  it("the server's effectiveTTR wins over ttr and settings; one not after the wait's start is ignored", () => {
    expect(responseTimer(waiting({ ttr: { type: 'URGENT', seconds: 1200 }, responseDueAt: T0 + 90 * S }), T0 + 90 * S, thresholds))
      .toMatchObject({ source: 'server', level: 'red', redAt: T0 + 90 * S, amberAt: T0 + 30 * S });
    expect(responseTimer(waiting({ responseDueAt: T0 - 1 }), T0, thresholds)?.source).toBe('settings');
  });

  it('nonsense thresholds fall back to sane ones (amber never after red)', () => {
    expect(responseTimer(waiting(), T0 + 100 * S, { amberSeconds: 500, redSeconds: 100 })).toMatchObject({ amberAt: T0 + 100 * S, redAt: T0 + 100 * S, level: 'red' });
    expect(responseTimer(waiting(), T0, { amberSeconds: Number.NaN, redSeconds: -3 })).toMatchObject({ amberAt: T0 + 60 * S, redAt: T0 + 180 * S });
  });
});

describe('lists', () => {
  const fresh = waiting({ awaitingReplySince: T0 + 100 * S });
  const old = waiting();
  const idle: TimedConversation = { state: 'OPEN' };
  it('counts conversations past red, as the clock moves', () => {
    expect(overdueCount([fresh, old, idle], T0 + 179 * S, thresholds)).toBe(0);
    expect(overdueCount([fresh, old, idle], T0 + 180 * S, thresholds)).toBe(1);
    expect(overdueCount([fresh, old, idle], T0 + 280 * S, thresholds)).toBe(2);
  });
  it('the next level change is the earliest future amber or red', () => {
    expect(nextResponseChange([fresh, old, idle], T0, thresholds)).toBe(T0 + 60 * S);
    expect(nextResponseChange([fresh, old, idle], T0 + 170 * S, thresholds)).toBe(T0 + 180 * S);
    expect(nextResponseChange([idle], T0, thresholds)).toBeUndefined();
  });
  it('sorts by urgency: earliest deadline first, idle ones after in their order', () => {
    const idle2: TimedConversation = { state: 'OPEN', ttr: { type: 'NORMAL', seconds: 5 } };
    expect(byUrgency([idle, fresh, idle2, old], T0, thresholds)).toEqual([old, fresh, idle, idle2]);
  });
});
