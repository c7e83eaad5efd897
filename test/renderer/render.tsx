/** Render the App against a fake lp and wait for the first snapshot. */
import { act, render, type RenderResult } from '@testing-library/react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { App } from '../../src-renderer/App';
import { createStore, type Store } from '../../src-renderer/state/store';
import { createFakeLp, type FakeLp } from './fake-lp';
import type { AppSnapshot } from '../../src-preload/api';

/** jsdom lacks these; react-virtuoso needs ResizeObserver to exist. */
export function installDomShims(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  if (!g.ResizeObserver) {
    g.ResizeObserver = class {
      observe(): void { /* no layout in jsdom */ }
      unobserve(): void { /* no layout in jsdom */ }
      disconnect(): void { /* no layout in jsdom */ }
    };
  }
  if (!g.requestAnimationFrame) g.requestAnimationFrame = (cb: () => void) => setTimeout(cb, 0);
  if (!Element.prototype.scrollTo) Element.prototype.scrollTo = function scrollTo() { /* no layout */ };
}

export interface Rendered extends RenderResult { lp: FakeLp; store: Store }

export async function renderApp(snapshot?: AppSnapshot, lp: FakeLp = createFakeLp(snapshot)): Promise<Rendered> {
  installDomShims();
  const store = createStore(lp.api);
  let result!: RenderResult;
  await act(async () => {
    result = render(
      <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>
        <App store={store} />
      </VirtuosoMockContext.Provider>,
    );
  });
  // Let the snapshot promise settle.
  await act(async () => { await Promise.resolve(); });
  return { ...result, lp, store };
}
