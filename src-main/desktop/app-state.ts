/** The app-level state the window shows besides the session (mode, account, secret storage), with change listeners. */
import type { AppState } from '../../src-preload/api';

export interface AppStateStore {
  get(): AppState;
  update(patch: Partial<AppState>): void;
  onChange(listener: (state: AppState) => void): () => void;
}

export function createAppStateStore(initial: AppState): AppStateStore {
  let state: AppState = { ...initial };
  const listeners = new Set<(s: AppState) => void>();
  return {
    get: () => ({ ...state }),
    update(patch) {
      const next: AppState = { ...state, ...patch };
      for (const key of Object.keys(patch) as Array<keyof AppState>) if (patch[key] === undefined) delete next[key];
      state = next;
      for (const l of [...listeners]) l({ ...state });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
