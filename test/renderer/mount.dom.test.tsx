import { act, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/App';
import { mount } from '../../src-renderer/mount';
import { createFakeLp, ring, signedOutSnapshot } from './fake-lp';
import { installDomShims } from './render';

describe('entry points', () => {
  it('mount() renders the app from window.lp (sign-in when signed out)', async () => {
    installDomShims();
    const lp = createFakeLp(signedOutSnapshot());
    window.lp = lp.api;
    const el = document.createElement('div');
    document.body.append(el);
    let root!: ReturnType<typeof mount>;
    await act(async () => {
      root = mount(el);
    });
    expect(await screen.findByRole('button', { name: 'Try the demo' })).toBeTruthy();
    // StrictMode mounts twice: still exactly one listener per event afterwards.
    expect(lp.listenerCount('ring/offered')).toBe(1);
    act(() => root.unmount());
    expect(lp.listenerCount('ring/offered')).toBe(0);
    el.remove();
  });

  it('under StrictMode, events after the snapshot apply exactly once', async () => {
    installDomShims();
    const lp = createFakeLp();
    const el = document.createElement('div');
    document.body.append(el);
    const root = createRoot(el);
    await act(async () => root.render(<StrictMode><App lp={lp.api} /></StrictMode>));
    await screen.findByRole('button', { name: 'Sign out' });
    act(() => void lp.emit('ring/offered', ring({ ringId: 'x', consumerName: 'Once' })));
    // The window's store tells components about events from main once per frame (nextFrame).
    expect(await screen.findAllByRole('listitem', { name: 'Ring from Once' })).toHaveLength(1);
    expect(lp.callsTo('sessionSnapshot').length).toBeGreaterThanOrEqual(1);
    act(() => root.unmount());
    el.remove();
  });
});
