// The window's side of updates: the "Restart to update" banner (main answers whether it may restart)
// and Diagnostics → Updates (status, the last problem in words, Check for updates).
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppSnapshot, UpdateStatus } from '../../src-preload/api';
import { baseSnapshot } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

const withUpdate = (update: UpdateStatus): AppSnapshot => {
  const s = baseSnapshot();
  s.app = { ...s.app, update };
  return s;
};

describe('Restart to update banner', () => {
  it('appears only with a ready update; a refused restart says why (main decides)', async () => {
    const r = await renderApp(withUpdate({ state: 'downloading', version: '0.2.0', percent: 10 }));
    expect(screen.queryByRole('status', { name: 'Update ready' })).toBeNull();
    r.lp.handle('updateRestart', () => ({ restarting: false, reason: 'conversations-open', count: 1 }));
    act(() => { r.lp.emit('app/state', { ...r.lp.snapshot.app, update: { state: 'ready', version: '0.2.0' } }); });
    const banner = await screen.findByRole('status', { name: 'Update ready' });
    expect(banner.textContent).toContain('Version 0.2.0 is ready');
    await userEvent.click(within(banner).getByRole('button', { name: 'Restart to update' }));
    expect(r.lp.callsTo('updateRestart')).toHaveLength(1);
    expect((await within(banner).findByRole('alert')).textContent).toMatch(/1 conversation is open/);
  });
});

describe('Diagnostics → Updates', () => {
  it('shows the status and the last problem, and checks on demand', async () => {
    const r = await renderApp(withUpdate({ state: 'idle', latest: '0.1.0', problem: { kind: 'unreachable' } }));
    r.lp.handle('updateCheck', () => ({ state: 'checking' }));
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const list = within(await screen.findByRole('dialog', { name: 'Settings' })).getByLabelText('Updates');
    expect(within(list).getByText(/Up to date \(the latest published version is 0\.1\.0\)/)).toBeTruthy();
    expect(within(list).getByText(/could not be reached/)).toBeTruthy();
    await userEvent.click(within(list).getByRole('button', { name: 'Check for updates' }));
    expect(r.lp.callsTo('updateCheck')).toHaveLength(1);
  });
});
