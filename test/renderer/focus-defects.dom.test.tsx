/** Focus and small UI defects (#14.6): sign-in focus, a list that holds still under the keyboard, transfer's reason, diagnostics in two parts. */
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { baseSnapshot, conversation, createFakeLp, signedOutSnapshot } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

describe('sign-in focus', () => {
  it('arriving (start, sign-out): the first empty field has focus, never the body', async () => {
    await renderApp(signedOutSnapshot());
    expect(document.activeElement).toBe(screen.getByLabelText('Account id'));
  });

  it('a wrong password: focus on the (cleared) password field; a missing field: focus on it', async () => {
    const lp = createFakeLp(signedOutSnapshot());
    lp.handle('sessionLogin', () => Promise.reject(new Error('401|Login#REST|bad credentials')));
    await renderApp(undefined, lp);
    await userEvent.type(screen.getByLabelText('Account id'), '123');
    await userEvent.type(screen.getByLabelText('Username'), 'ann');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText(/password/i, { selector: '.form-error' });
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
    await userEvent.clear(screen.getByLabelText('Username'));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Username'));
  });
});

describe('conversation list under the keyboard', () => {
  it('keeps its order while it has focus (a choice or a new message elsewhere moves nothing); re-sorts on blur', async () => {
    const s = baseSnapshot({ seq: 1 });
    s.session.conversations = [
      conversation({ conversationId: 'a', consumerName: 'Ada', lastUpdateTs: 3 }),
      conversation({ conversationId: 'b', consumerName: 'Bo', lastUpdateTs: 2 }),
      conversation({ conversationId: 'c', consumerName: 'Cy', lastUpdateTs: 1 }),
    ];
    const r = await renderApp(s);
    const names = () => within(screen.getByRole('listbox', { name: /Conversations/ })).getAllByRole('option').map((o) => o.querySelector('.conv-consumer')?.textContent);
    expect(names()).toEqual(['Ada', 'Bo', 'Cy']);
    const list = screen.getByRole('listbox', { name: /Conversations/ });
    act(() => list.focus());
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    // Choosing Cy marks it read: its lastUpdateTs moves it to the top — not while the list has focus.
    await act(async () => {
      r.lp.emit('conversation/upsert', conversation({ conversationId: 'c', consumerName: 'Cy', lastUpdateTs: 10 }));
      r.lp.emit('conversation/upsert', conversation({ conversationId: 'd', consumerName: 'Dee', lastUpdateTs: 11 }));
    });
    expect(names()).toEqual(['Ada', 'Bo', 'Cy', 'Dee']);
    expect(screen.getByRole('option', { name: /Cy/ }).getAttribute('aria-selected')).toBe('true');
    act(() => list.blur());
    expect(names()).toEqual(['Dee', 'Cy', 'Ada', 'Bo']);
  });
});

describe('transfer and diagnostics', () => {
  it('the transfer button says why it is disabled until a skill is chosen', async () => {
    const s = baseSnapshot({ seq: 1 });
    s.session.conversations = [conversation({})];
    const r = await renderApp(s);
    r.lp.handle('skillsList', () => [{ id: 's1', name: 'General' }, { id: 's3', name: 'Tech support' }]);
    act(() => r.store.dispatch({ type: 'select', conversationId: 'c1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Transfer…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer to a skill' });
    const button = within(dialog).getByRole('button', { name: 'Transfer' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe('transfer-why');
    expect(document.getElementById('transfer-why')?.textContent).toBe('Choose a skill above to transfer to.');
  });

  it('diagnostics: what an agent needs first (status, since, last error), technical details folded', async () => {
    const r = await renderApp(baseSnapshot({ seq: 1 }));
    r.lp.handle('diagnosticsGet', () => ({
      domains: { asyncMessagingEnt: 'va.msg.liveperson.net' }, socketUrl: 'wss://va.msg.liveperson.net/ws_api/<redacted>',
      connection: { phase: 'online', reconnects: 1, since: new Date(2026, 0, 5, 9, 7).getTime() }, lastError: 'socket closed 1006', reconnects: 1, logLines: 12,
    }));
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const diag = within(await screen.findByRole('dialog', { name: 'Settings' })).getByRole('region', { name: 'Diagnostics' });
    await within(diag).findByText('Connected');
    const fields = diag.querySelector('.diag-agent')?.textContent ?? '';
    expect(fields).toMatch(/^StatusConnectedSince.*\b9:07\b.*Last errorsocket closed 1006$/);
    const details = diag.querySelector('details.diag-technical');
    expect(details?.hasAttribute('open')).toBe(false);
    expect(details?.querySelector('summary')?.textContent).toBe('Technical details');
    expect(details?.textContent).toContain('va.msg.liveperson.net');
  });
});
