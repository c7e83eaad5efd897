import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nowTicker } from '../../src-renderer/state/ticker';
import { baseSnapshot, conversation, ring } from './fake-lp';
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

function snapWithRings() {
  const s = baseSnapshot({ seq: 1 });
  s.session.rings = [
    ring({ ringId: 'r1', conversationId: 'c1', consumerName: 'Ada', offeredAt: T0 - 5_000, expiresAt: T0 + 30_000 }),
    ring({ ringId: 'r2', conversationId: 'c2', consumerName: undefined, consumerId: 'abcdef123456', skillId: 's2', offeredAt: T0 - 1_000, expiresAt: T0 + 45_000 }),
  ];
  return s;
}

describe('ring queue', () => {
  it('lists waiting rings with consumer, skill, waiting time and a live countdown from one shared ticker', async () => {
    await renderApp(snapWithRings());
    const row = screen.getByRole('listitem', { name: 'Ring from Ada' });
    expect(within(row).getByText('Skill s1')).toBeTruthy();
    expect(within(row).getByText('0:05').className).toBe('ring-waiting');
    expect(within(row).getByText('0:30').className).toBe('ring-countdown');
    expect(screen.getByRole('listitem', { name: 'Ring from Consumer abcdef12' })).toBeTruthy();
    expect(nowTicker.activeIntervals()).toBe(1);
    act(() => void vi.advanceTimersByTime(3_000));
    expect(within(row).getByText('0:27').className).toBe('ring-countdown');
    expect(within(row).getByText('0:08').className).toBe('ring-waiting');
  });

  it('a language change redraws the ring rows already shown in the new language (memoised rows, t from the queue)', async () => {
    const snap = snapWithRings();
    const r = await renderApp(snap);
    const row = screen.getByRole('listitem', { name: 'Ring from Ada' });
    expect(within(row).getByRole('button', { name: 'Accept ring from Ada' }).textContent).toBe('Accept');
    try {
      // No tick in between (fake timers): only the new language can make the rows draw again.
      act(() => void r.lp.emit('app/state', { ...snap.app, language: 'es' }));
      expect(screen.getByRole('listitem', { name: 'Solicitud de Ada' })).toBe(row);
      expect(within(row).getByRole('button', { name: 'Aceptar la solicitud de Ada' }).textContent).toBe('Aceptar');
      expect(within(row).getByText('Esperando', { exact: false })).toBeTruthy();
      fireEvent.click(within(row).getByRole('button', { name: 'Aceptar la solicitud de Ada' }));
      expect(r.lp.callsTo('ringAccept')).toEqual([{ ringId: 'r1' }]);
    } finally {
      act(() => void r.lp.emit('app/state', { ...snap.app, language: 'en' }));
    }
    expect(screen.getByRole('listitem', { name: 'Ring from Consumer abcdef12' })).toBeTruthy();
  });

  it('Accept and Reject buttons call the contract; accepted ring selects its conversation', async () => {
    const r = await renderApp(snapWithRings());
    fireEvent.click(screen.getByRole('button', { name: 'Accept ring from Ada' }));
    expect(r.lp.callsTo('ringAccept')).toEqual([{ ringId: 'r1' }]);
    expect(r.store.getState().selectedConversationId).toBe('c1');
    fireEvent.click(screen.getByRole('button', { name: 'Reject ring from Consumer abcdef12' }));
    expect(r.lp.callsTo('ringReject')).toEqual([{ ringId: 'r2' }]);
    await act(async () => { await Promise.resolve(); });
    act(() => void r.lp.emit('ring/ended', { ring: ring({ ringId: 'r1' }), reason: 'accepted' }));
    expect(screen.queryByRole('listitem', { name: 'Ring from Ada' })).toBeNull();
  });

  it('Alt+A accepts the oldest (or the focused) ring, Alt+R rejects; shortcuts are documented', async () => {
    const r = await renderApp(snapWithRings());
    expect(screen.getByText(/accept \(focused or oldest\)/)).toBeTruthy();
    fireEvent.keyDown(window, { key: 'a', code: 'KeyA', altKey: true });
    expect(r.lp.callsTo('ringAccept')).toEqual([{ ringId: 'r1' }]);
    screen.getByRole('button', { name: 'Reject ring from Consumer abcdef12' }).focus();
    fireEvent.keyDown(document.activeElement ?? window, { key: 'r', code: 'KeyR', altKey: true });
    expect(r.lp.callsTo('ringReject')).toEqual([{ ringId: 'r2' }]);
  });

  it('announces the newest ring in an aria-live region', async () => {
    const r = await renderApp(baseSnapshot({ seq: 1 }));
    const live = screen.getByTestId('ring-announcer');
    expect(live.getAttribute('aria-live')).toBe('assertive');
    expect(live.textContent).toBe('');
    act(() => void r.lp.emit('ring/offered', ring({ ringId: 'n1', consumerName: 'Grace', offeredAt: T0, expiresAt: T0 + 60_000 })));
    expect(live.textContent).toBe('New conversation request from Grace, Skill s1');
    expect(screen.getByText('1', { selector: '.count' })).toBeTruthy();
  });

  it('ui/focus moves focus to the ring; ui/banner shows an in-window banner with Accept', async () => {
    const r = await renderApp(snapWithRings());
    act(() => void r.lp.emit('ui/focus', { ringId: 'r2' }));
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Accept ring from Consumer abcdef12');
    act(() => void r.lp.emit('ui/banner', { ringId: 'r1', text: 'New conversation from Ada' }));
    const banner = screen.getByText('New conversation from Ada').closest('.banner') as HTMLElement;
    expect(banner.getAttribute('role')).toBe('status');
    fireEvent.click(within(banner).getByRole('button', { name: 'Accept ring from Ada' }));
    expect(r.lp.callsTo('ringAccept')).toEqual([{ ringId: 'r1' }]);
    expect(screen.queryByText('New conversation from Ada')).toBeNull();
  });

  it('ui/focus on a conversation selects it', async () => {
    const s = snapWithRings();
    s.session.conversations = [conversation({ conversationId: 'c7', consumerName: 'Lin' })];
    const r = await renderApp(s);
    act(() => void r.lp.emit('ui/focus', { conversationId: 'c7' }));
    expect(screen.getByRole('heading', { name: 'Lin' })).toBeTruthy();
    expect(document.activeElement?.getAttribute('role')).toBe('listbox');
  });
});

describe('header', () => {
  it('availability selector calls agentSetAvailability', async () => {
    vi.useRealTimers();
    const r = await renderApp(baseSnapshot({ seq: 1 }));
    await userEvent.selectOptions(screen.getByLabelText('Availability'), 'Back soon');
    expect(r.lp.callsTo('agentSetAvailability')).toEqual([{ availability: 'BACK_SOON' }]);
    act(() => void r.lp.emit('agent/availability', 'AWAY'));
    expect((screen.getByLabelText('Availability') as HTMLSelectElement).value).toBe('AWAY');
  });

  it('connection indicator: reconnect countdown, Retry now, offline, auth-failed', async () => {
    const r = await renderApp(baseSnapshot({ seq: 1 }));
    expect(screen.getByText('Connected')).toBeTruthy();
    act(() => void r.lp.emit('connection/state', { phase: 'reconnecting', nextRetryAt: T0 + 12_000, attempt: 2, reconnects: 0, since: T0 }));
    expect(screen.getByText('Reconnecting in 0:12')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(2_000));
    expect(screen.getByText('Reconnecting in 0:10')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(r.lp.callsTo('connectionRetryNow')).toHaveLength(1);
    act(() => void r.lp.emit('connection/state', { phase: 'offline', reconnects: 0, since: T0 }));
    expect(screen.getByText('Offline', { selector: '.conn-label' })).toBeTruthy();
    act(() => void r.lp.emit('connection/state', { phase: 'offline', reconnects: 0, since: T0, lastError: '1000|Socket#Close|signed in elsewhere: this agent opened another session' }));
    expect(screen.getByText('Signed in elsewhere', { selector: '.conn-label' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(r.lp.callsTo('connectionRetryNow')).toHaveLength(2);
    act(() => void r.lp.emit('connection/state', { phase: 'auth-failed', reconnects: 0, since: T0 }));
    expect(screen.getByText(/Sign-in refused/, { selector: '.conn-label' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
  });

  it('sign out calls sessionLogout', async () => {
    const r = await renderApp(baseSnapshot({ seq: 1 }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(r.lp.callsTo('sessionLogout')).toHaveLength(1);
  });
});
