/** React access to the store: context, selector hook, and the one shared 1 s ticker. */
import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from 'react';
import type { LpApi } from '../../src-preload/api';
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

/** Re-renders only when the selected value changes (Object.is), or `equal` says so. */
export function useSelector<T>(selector: (s: State) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const store = useStoreApi();
  const cache = useRef<{ state: State; value: T } | null>(null);
  const get = useCallback(() => {
    const st = store.getState();
    const c = cache.current;
    if (c && c.state === st) return c.value;
    const value = selector(st);
    if (c && equal(c.value, value)) {
      cache.current = { state: st, value: c.value };
      return c.value;
    }
    cache.current = { state: st, value };
    return value;
  }, [store, selector, equal]);
  return useSyncExternalStore(store.subscribe, get, get);
}

export function shallowArrayEqual<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Current time, updated once a second by a single shared interval (only while someone listens). */
export function useNow(): number {
  return useSyncExternalStore(nowTicker.subscribe, nowTicker.get, nowTicker.get);
}
