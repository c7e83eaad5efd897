// Idle cost (issue #15): with nothing counting down on screen the app keeps no interval alive, so an
// idle window does not wake up (and re-render) every second; a countdown brings the one shared tick back.
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nowTicker } from '../../src-renderer/state/ticker';
import { baseSnapshot, conversation } from './fake-lp';
import { renderApp } from './render';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the shared 1 s tick runs only while something on screen counts', () => {
  it('online, no rings, no conversations: no interval', async () => {
    await renderApp(baseSnapshot());
    expect(nowTicker.activeIntervals()).toBe(0);
  });

  it('a reconnect countdown ticks, and stops ticking once online again', async () => {
    const snap = baseSnapshot();
    const r = await renderApp({ ...snap, session: { ...snap.session!, connection: { phase: 'reconnecting', reconnects: 1, since: 0, nextRetryAt: Date.now() + 5_000 } } });
    expect(nowTicker.activeIntervals()).toBe(1);
    expect(screen.getAllByText(/Reconnecting in/).length).toBeGreaterThan(0);
    act(() => r.lp.emit('connection/state', { phase: 'online', reconnects: 1, since: Date.now() }));
    expect(nowTicker.activeIntervals()).toBe(0);
  });

  it('a conversation showing the time since the consumer wrote keeps the tick', async () => {
    const snap = baseSnapshot();
    await renderApp({ ...snap, session: { ...snap.session!, conversations: [conversation({ lastConsumerMessageTs: Date.now() - 1_000 })] } });
    expect(nowTicker.activeIntervals()).toBe(1);
  });
});
