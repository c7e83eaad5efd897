// Dialogs loaded on first use (lazy-dialog.tsx): a status while the chunk loads, the dialog with its
// props once loaded, a failed load said in a dialog frame with "Try again" that loads anew, and a bug
// inside the loaded dialog left to the window's ErrorBoundary.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentType } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../src-renderer/components/ErrorBoundary';
import { lazyDialog } from '../../src-renderer/components/lazy-dialog';

interface Props { onClose(): void; who: string }

function Greeting({ who, onClose }: Props) {
  return <div role="dialog" aria-label="Greeting"><p>hello {who}</p><button type="button" onClick={onClose}>done</button></div>;
}

/** A load the test settles by hand. */
function deferred() {
  let resolve!: (c: ComponentType<Props>) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<ComponentType<Props>>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('lazyDialog', () => {
  it('shows a loading status until the chunk is in, then the dialog with its props', async () => {
    const first = deferred();
    const load = vi.fn(() => first.promise);
    const Lazy = lazyDialog(load, () => 'Greeting');
    const onClose = vi.fn();
    render(<Lazy who="Ada" onClose={onClose} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByRole('dialog')).toBeNull();
    await act(async () => first.resolve(Greeting));
    expect(screen.getByText('hello Ada')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'done' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    // Loaded once: a second opening renders at once, without importing again.
    cleanup();
    render(<Lazy who="Bo" onClose={onClose} />);
    expect(screen.getByText('hello Bo')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failed load says so in the dialog frame; Try again imports again; Escape closes', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const attempts = [deferred(), deferred()];
    let n = 0;
    const load = vi.fn(() => attempts[n++]!.promise);
    const Lazy = lazyDialog(load, () => 'Greeting');
    const onClose = vi.fn();
    render(<Lazy who="Ada" onClose={onClose} />);
    await act(async () => attempts[0]!.reject(new TypeError('Failed to fetch dynamically imported module: app://lp/assets/Greeting.js')));
    const frame = screen.getByRole('dialog', { name: 'Greeting' });
    expect(screen.getByRole('alert').textContent).toBe('This part of the app could not be loaded: Failed to fetch dynamically imported module: app://lp/assets/Greeting.js');
    // Focus is in the frame, on Try again.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Try again' }));
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(frame.isConnected).toBe(false);
    await act(async () => attempts[1]!.resolve(Greeting));
    expect(screen.getByText('hello Ada')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('the failure frame closes like any dialog (Escape)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Lazy = lazyDialog<Props>(() => Promise.reject(new Error('chunk missing')), () => 'Greeting');
    const onClose = vi.fn();
    render(<Lazy who="Ada" onClose={onClose} />);
    await screen.findByRole('alert');
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('an error thrown by the loaded dialog is a bug for the window ErrorBoundary, not a load failure', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    function Broken(): never {
      throw new Error('bug inside the dialog');
    }
    const Lazy = lazyDialog<Props>(() => Promise.resolve(Broken), () => 'Greeting');
    render(<ErrorBoundary onReload={() => undefined}><Lazy who="Ada" onClose={() => undefined} /></ErrorBoundary>);
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong in this window');
    expect(screen.getByText('bug inside the dialog')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
