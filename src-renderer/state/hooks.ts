/** React access to the store: context, selector hook, failure reporting, and the one shared 1 s ticker. */
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LpApi } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import type { State } from './reducer';
import type { Store } from './store';
import { nowTicker } from './ticker';

export const StoreContext = createContext<Store | null>(null);

export function useStoreApi(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreContext missing');
  return store;
}

export function useLp(): LpApi {
  return useStoreApi().lp;
}

/**
 * Re-renders only when the selected value changes (Object.is), or `equal` says so. The cached value
 * is keyed on the selector AND the state: a new selector (another prop, another closure) is always
 * run, never answered with what the previous one selected.
 */
export function useSelector<T>(selector: (s: State) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const store = useStoreApi();
  const cache = useRef<{ selector: (s: State) => T; state: State; value: T } | null>(null);
  const get = useCallback(() => {
    const st = store.getState();
    const c = cache.current;
    if (c && c.state === st && c.selector === selector) return c.value;
    const value = selector(st);
    // Same value by `equal`: keep the old reference, so memoised consumers do not re-render.
    const kept = c && equal(c.value, value) ? c.value : value;
    cache.current = { selector, state: st, value: kept };
    return kept;
  }, [store, selector, equal]);
  return useSyncExternalStore(store.subscribe, get, get);
}

/**
 * The one way to report a failed call: an error banner saying `what: reason` (or only the reason).
 * Usage: `lp.ringReject(args).catch(report('Reject failed'))`.
 */
export function useReportFailure(): (what?: string) => (err: unknown) => void {
  const store = useStoreApi();
  return useCallback((what?: string) => (err: unknown) => {
    const reason = describeError(err);
    store.dispatch({ type: 'banner/show', kind: 'error', text: what ? `${what}: ${reason}` : reason });
  }, [store]);
}

export function shallowArrayEqual<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const noSubscribe = (): (() => void) => () => undefined;

/**
 * Current time, updated once a second by a single shared interval (only while someone listens).
 * `active` false: no subscription, so a component with nothing ticking on screen does not keep the
 * interval (and a re-render every second) alive while the app is idle (issue #15).
 */
export function useNow(active = true): number {
  return useSyncExternalStore(active ? nowTicker.subscribe : noSubscribe, nowTicker.get, nowTicker.get);
}

/**
 * `value`, changed at most once per `ms`: a change after a quiet `ms` shows at once (after the
 * commit that brought it), changes sooner wait for the rest of the `ms` and show together, the last
 * one winning. For what a burst would otherwise redraw every frame (the conversation list under a
 * flood, issue #15); the last value always shows.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(Number.NEGATIVE_INFINITY);
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => {
    if (Object.is(value, shown)) return undefined;
    const show = (): void => {
      shownAt.current = performance.now();
      setShown(() => latest.current);
    };
    const wait = shownAt.current + ms - performance.now();
    if (wait <= 0) {
      show();
      return undefined;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
