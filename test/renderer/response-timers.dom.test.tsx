/** Response-time timers in the conversation list (ConversationList + src-preload/response-time.ts) on a fake clock. */
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { baseSnapshot, conversation } from './fake-lp';
import { renderApp } from './render';

const T0 = new Date('2026-01-01T10:00:00Z').getTime();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function snap() {
  const s = baseSnapshot({ seq: 1 });
  s.settings = { ...s.settings, responseAmberSeconds: 60, responseRedSeconds: 120 };
  s.session.conversations = [
    conversation({ conversationId: 'c1', consumerName: 'Ada', lastUpdateTs: 3 }),
    conversation({ conversationId: 'c2', consumerName: 'Bob', awaitingReplySince: T0 - 50_000, lastUpdateTs: 2 }),
    conversation({ conversationId: 'c3', consumerName: 'Cy', awaitingReplySince: T0 - 10_000, ttr: { type: 'URGENT', seconds: 30 }, lastUpdateTs: 1 }),
  ];
  return s;
}

const timerOf = (name: string) => within(screen.getByRole('option', { name: new RegExp(`^${name}`) })).queryByTestId('response-timer');
const order = () => within(screen.getByRole('listbox', { name: /^Conversations/ })).getAllByRole('option').map((o) => o.querySelector('.conv-consumer')?.textContent);

describe('response timers', () => {
  it('count from the first unanswered message and turn amber, then red, at the thresholds (SLA first, else settings)', async () => {
    await renderApp(snap());
    expect(timerOf('Ada')).toBeNull();
    expect(timerOf('Bob')?.textContent).toContain('0:50');
    expect(timerOf('Bob')?.getAttribute('data-level')).toBe('ok');
    expect(timerOf('Cy')?.getAttribute('data-level')).toBe('ok'); // 30 s SLA: amber at 15 s (60/120 of it), red at 30 s
    act(() => void vi.advanceTimersByTime(10_000));
    expect(timerOf('Bob')?.getAttribute('data-level')).toBe('amber');
    expect(timerOf('Bob')?.textContent).toContain('1:00');
    expect(timerOf('Cy')?.getAttribute('data-level')).toBe('amber');
    act(() => void vi.advanceTimersByTime(10_000));
    expect(timerOf('Cy')?.getAttribute('data-level')).toBe('red');
    expect(timerOf('Cy')?.textContent).toContain('Overdue');
    expect(timerOf('Bob')?.getAttribute('data-level')).toBe('amber');
    act(() => void vi.advanceTimersByTime(50_000));
    expect(timerOf('Bob')?.getAttribute('data-level')).toBe('red');
  });

  it('stops when the conversation is answered', async () => {
    const r = await renderApp(snap());
    act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'c2', consumerName: 'Bob', lastUpdateTs: 5 })));
    expect(timerOf('Bob')).toBeNull();
  });

  it('sorts by urgency on demand: the earliest deadline first, then the rest in their order', async () => {
    await renderApp(snap());
    const before = order();
    const sort = screen.getByRole('button', { name: 'Sort by urgency' });
    act(() => sort.click());
    expect(sort.getAttribute('aria-pressed')).toBe('true');
    expect(order()).toEqual(['Cy', 'Bob', 'Ada']);
    act(() => screen.getByRole('button', { name: 'Most urgent first' }).click());
    expect(order()).toEqual(before);
  });
});
