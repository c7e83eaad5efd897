import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { baseSnapshot } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

async function openSettings() {
  const r = await renderApp(baseSnapshot({ seq: 1 }));
  r.lp.handle('diagnosticsGet', () => ({
    domains: { asyncMessagingEnt: 'va.msg.liveperson.net', agentVep: 'va.agentvep.liveperson.net' },
    socketUrl: 'wss://va.msg.liveperson.net/ws_api/account/1/messaging/brand/<redacted>',
    connection: { phase: 'reconnecting', attempt: 3, reconnects: 4, since: 0 },
    lastError: 'socket closed 1006',
    reconnects: 4,
    logLines: 321,
  }));
  await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return { ...r, dialog: await screen.findByRole('dialog', { name: 'Settings' }) };
}

describe('settings', () => {
  it('toggles call settingsSet with just the change', async () => {
    const { lp, dialog } = await openSettings();
    await userEvent.click(within(dialog).getByLabelText(/Play a sound/));
    await userEvent.click(within(dialog).getByLabelText(/Only when the window is not focused/));
    await userEvent.click(within(dialog).getByLabelText(/keeps the app in the tray/));
    await userEvent.click(within(dialog).getByLabelText('Launch at login'));
    await userEvent.click(within(dialog).getByLabelText(/Show a notification/));
    expect(lp.callsTo('settingsSet')).toEqual([
      { sound: false }, { onlyWhenUnfocused: true }, { closeToTray: true }, { launchAtLogin: true }, { notifications: false },
    ]);
    expect((within(dialog).getByLabelText(/Play a sound/) as HTMLInputElement).checked).toBe(false);
  });

  it('what closing the window with open conversations does can be changed (asked once, then remembered)', async () => {
    const { lp, dialog } = await openSettings();
    const select = within(dialog).getByLabelText(/Closing the window with open conversations/) as HTMLSelectElement;
    expect(select.value).toBe('ask');
    await userEvent.selectOptions(select, 'Sign out and quit');
    await userEvent.selectOptions(select, 'Ask me');
    expect(lp.callsTo('settingsSet')).toEqual([{ closeWithOpenConversations: 'quit' }, { closeWithOpenConversations: 'ask' }]);
  });

  it('theme and shortcut', async () => {
    const { lp, dialog } = await openSettings();
    await userEvent.selectOptions(within(dialog).getByLabelText('Theme'), 'Dark');
    const shortcut = within(dialog).getByLabelText(/Global shortcut/);
    await userEvent.clear(shortcut);
    await userEvent.type(shortcut, 'Alt+Shift+K{Enter}');
    await userEvent.clear(shortcut);
    await userEvent.tab();
    expect(lp.callsTo('settingsSet')).toEqual([{ theme: 'dark' }, { acceptOldestShortcut: 'Alt+Shift+K' }, { acceptOldestShortcut: null }]);
  });

  it('canned responses: add, edit, delete', async () => {
    const { lp, dialog } = await openSettings();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add response' }));
    await userEvent.type(within(dialog).getByLabelText('Title'), 'Refund');
    await userEvent.type(within(dialog).getByLabelText('Text'), 'Your refund is on its way.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save response' }));
    const added = lp.callsTo('settingsSet')[0] as { cannedResponses: Array<{ title: string; text: string; id: string }> };
    expect(added.cannedResponses.map((c) => c.title)).toEqual(['Greeting', 'One moment', 'Closing', 'Refund']);
    expect(within(dialog).getByText('Refund')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Edit Greeting' }));
    await userEvent.clear(within(dialog).getByLabelText('Title'));
    await userEvent.type(within(dialog).getByLabelText('Title'), 'Hello');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save response' }));
    const edited = lp.callsTo('settingsSet')[1] as typeof added;
    expect(edited.cannedResponses[0]).toMatchObject({ id: 'greeting', title: 'Hello' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete One moment' }));
    const deleted = lp.callsTo('settingsSet')[2] as typeof added;
    expect(deleted.cannedResponses.map((c) => c.id)).toEqual(['greeting', 'closing', added.cannedResponses[3]?.id]);
  });

  it('diagnostics: connection details and export logs', async () => {
    const { lp, dialog } = await openSettings();
    const diag = within(dialog).getByRole('region', { name: 'Diagnostics' });
    expect(await within(diag).findByText('va.msg.liveperson.net')).toBeTruthy();
    expect(within(diag).getByText('socket closed 1006')).toBeTruthy();
    expect(within(diag).getByText('reconnecting (attempt 3)')).toBeTruthy();
    expect(within(diag).getByText('4')).toBeTruthy();
    lp.handle('diagnosticsExportLogs', () => ({ path: '/tmp/lp-logs.txt', lines: 321 }));
    await userEvent.click(within(diag).getByRole('button', { name: 'Export logs…' }));
    expect(await within(diag).findByText('Saved 321 log lines to /tmp/lp-logs.txt')).toBeTruthy();
  });

  it('Escape closes the dialog', async () => {
    await openSettings();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('theme', () => {
  it('follows settings.theme via classes (system by default)', async () => {
    const r = await renderApp(baseSnapshot({ seq: 1 }));
    const app = document.querySelector('.app') as HTMLElement;
    expect(app.classList.contains('theme-system')).toBe(true);
    expect(document.documentElement.classList.contains('theme-system')).toBe(true);
    act(() => void r.lp.emit('settings/changed', { ...r.lp.snapshot.settings, theme: 'dark' }));
    expect(app.classList.contains('theme-dark')).toBe(true);
    expect(document.documentElement.classList.contains('theme-dark')).toBe(true);
    expect(document.documentElement.classList.contains('theme-system')).toBe(false);
    act(() => void r.lp.emit('settings/changed', { ...r.lp.snapshot.settings, theme: 'light' }));
    expect(app.className).toContain('theme-light');
  });
});
