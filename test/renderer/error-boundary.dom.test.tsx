// The error boundary: a component that throws shows the message and Reload, not a white window.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../src-renderer/components/ErrorBoundary';

function Boom(): never {
  throw new Error('boom in a component');
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('shows what broke and a Reload button that reloads', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reload = vi.fn();
    render(<ErrorBoundary onReload={reload}><p>before</p><Boom /></ErrorBoundary>);
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong in this window');
    expect(screen.getByText('boom in a component')).toBeTruthy();
    expect(screen.queryByText('before')).toBeNull();
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Reload' })));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('renders its children when nothing throws', () => {
    render(<ErrorBoundary><p>all good</p></ErrorBoundary>);
    expect(screen.getByText('all good')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
