import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreContext, useReportFailure, useSelector, useThrottled } from '../../src-renderer/state/hooks';
import type { State } from '../../src-renderer/state/reducer';
import { createStore, type Store } from '../../src-renderer/state/store';
import { createFakeLp } from './fake-lp';

afterEach(cleanup);

function Selected({ pick }: { pick: (s: State) => string }) {
  return <output>{useSelector(pick)}</output>;
}

function Reporter({ what }: { what?: string }) {
  const report = useReportFailure();
  return <button type="button" onClick={() => report(what)(new Error('409|App#Session|Not signed in'))}>fail</button>;
}

function withStore(store: Store, node: React.ReactNode) {
  return <StoreContext.Provider value={store}>{node}</StoreContext.Provider>;
}

describe('useSelector', () => {
  it('a new selector on the same state gets its own value, never the previous selector\'s', () => {
    const store = createStore(createFakeLp().api);
    const byAvailability = (s: State): string => s.availability;
    const byPhase = (s: State): string => s.connection.phase;
    const view = render(withStore(store, <Selected pick={byAvailability} />));
    expect(screen.getByRole('status').textContent).toBe('OFFLINE');
    view.rerender(withStore(store, <Selected pick={byPhase} />));
    expect(screen.getByRole('status').textContent).toBe('idle');
  });

  it('follows the state for the same selector', () => {
    const store = createStore(createFakeLp().api);
    render(withStore(store, <Selected pick={(s) => s.banners.map((b) => b.text).join(',')} />));
    act(() => store.dispatch({ type: 'banner/show', kind: 'info', text: 'hello' }));
    expect(screen.getByRole('status').textContent).toBe('hello');
  });
});

describe('useReportFailure', () => {
  it('shows one error banner, "what: reason" or the reason alone', () => {
    const store = createStore(createFakeLp().api);
    const view = render(withStore(store, <Reporter what="Accept failed" />));
    act(() => screen.getByRole('button').click());
    view.rerender(withStore(store, <Reporter />));
    act(() => screen.getByRole('button').click());
    expect(store.getState().banners.map((b) => [b.kind, b.text])).toEqual([
      ['error', 'Accept failed: Not signed in'],
      ['error', 'Not signed in'],
    ]);
  });
});

function Throttled({ value }: { value: string }) {
  return <output>{useThrottled(value, 250)}</output>;
}

describe('useThrottled', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a change after a quiet moment at once; changes within the interval together at its end, the last one winning', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const shown = (): string | null => screen.getByRole('status').textContent;
    const view = render(<Throttled value="a" />);
    expect(shown()).toBe('a');
    act(() => view.rerender(<Throttled value="b" />));
    expect(shown()).toBe('b');
    act(() => vi.advanceTimersByTime(100));
    act(() => view.rerender(<Throttled value="c" />));
    act(() => view.rerender(<Throttled value="d" />));
    expect(shown()).toBe('b');
    act(() => vi.advanceTimersByTime(149));
    expect(shown()).toBe('b');
    act(() => vi.advanceTimersByTime(1));
    expect(shown()).toBe('d');
    act(() => vi.advanceTimersByTime(250));
    act(() => view.rerender(<Throttled value="e" />));
    expect(shown()).toBe('e');
  });
});
