import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { baseSnapshot, conversation } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

async function open() {
  const s = baseSnapshot({ seq: 1 });
  s.session.conversations = [conversation({ consumerId: 'cons-1' })];
  const r = await renderApp(s);
  r.lp.handle('skillsList', () => [
    { id: 's1', name: 'General' }, { id: 's2', name: 'Billing', description: 'Invoices' }, { id: 's3', name: 'Tech support' },
  ]);
  r.lp.handle('consumerProfile', () => ({ consumerId: 'cons-1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+44 1', customerId: 'CUST-9', extra: { Tier: 'Gold', cstatus: 'active' } }));
  act(() => r.store.dispatch({ type: 'select', conversationId: 'c1' }));
  return r;
}

describe('actions and profile', () => {
  it('profile panel shows name, email, phone, customer id, extra', async () => {
    const r = await open();
    const panel = screen.getByRole('region', { name: 'Consumer' });
    expect(await within(panel).findByText('Ada Lovelace')).toBeTruthy();
    for (const v of ['+44 1', 'CUST-9', 'Gold', 'Tier', 'Customer status', 'active']) expect(within(panel).getByText(v)).toBeTruthy();
    // The email is one value, with line-break opportunities only before "@" and after dots.
    const email = within(panel).getByText((_, el) => el?.tagName === 'DD' && el.textContent === 'ada@example.com');
    expect(Array.from(email.children).map((c) => c.textContent)).toEqual(['ada', '@example.', 'com']);
    expect(email.querySelectorAll('wbr')).toHaveLength(2);
    expect(r.lp.callsTo('consumerProfile')).toEqual([{ consumerId: 'cons-1' }]);
  });

  it('close asks to confirm; back to queue', async () => {
    const r = await open();
    await userEvent.click(screen.getByRole('button', { name: 'Close conversation' }));
    expect(r.lp.callsTo('conversationClose')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, close' }));
    expect(r.lp.callsTo('conversationClose')).toEqual([{ conversationId: 'c1' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Back to queue' }));
    expect(r.lp.callsTo('conversationBackToQueue')).toEqual([{ conversationId: 'c1' }]);
  });

  it('transfer: live skill list, search, keyboard choose, confirm', async () => {
    const r = await open();
    await userEvent.click(screen.getByRole('button', { name: 'Transfer…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer to a skill' });
    expect(r.lp.callsTo('skillsList').length).toBeGreaterThan(0);
    await within(dialog).findByText('Billing');
    expect(within(dialog).queryByText('General')).toBeNull(); // the current skill is not a target
    const search = within(dialog).getByRole('combobox');
    expect(document.activeElement).toBe(search);
    await userEvent.type(search, 'tech');
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['Tech support']);
    await userEvent.type(search, '{Enter}');
    const confirm = within(dialog).getByRole('button', { name: 'Transfer to Tech support' });
    await userEvent.click(confirm);
    expect(r.lp.callsTo('conversationTransfer')).toEqual([{ conversationId: 'c1', skillId: 's3' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('transfer to an agent: the chosen skill’s agents with availability; an unavailable one cannot be picked', async () => {
    const r = await open();
    r.lp.handle('agentsList', (a) => ((a as { skillId: string }).skillId === 's2' ? [
      { agentId: 'acc.1', name: 'Me', availability: 'ONLINE', self: true },
      { agentId: 'acc.2', name: 'Bea Busy', availability: 'OCCUPIED', self: false },
      { agentId: 'acc.3', name: 'Cy Away', availability: 'AWAY', self: false },
      { agentId: 'acc.4', name: 'Di Online', availability: 'ONLINE', self: false },
    ] : []));
    await userEvent.click(screen.getByRole('button', { name: 'Transfer…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer to a skill' });
    await userEvent.click(await within(dialog).findByText('Billing'));
    const agents = await within(dialog).findByRole('listbox', { name: 'Agents in Billing' });
    expect(r.lp.callsTo('agentsList')).toEqual([{ skillId: 's2' }]);
    await within(agents).findByText('Di Online');
    expect(within(agents).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Anyone in Billingthe first available agent', 'Bea BusyOccupied — takes transfers', 'Cy AwayAway', 'Di OnlineAvailable',
    ]); // never oneself
    const away = within(agents).getByRole('option', { name: /Cy Away/ });
    expect(away.getAttribute('aria-disabled')).toBe('true');
    await userEvent.click(away);
    expect(within(dialog).getByRole('button', { name: 'Transfer to Billing' })).toBeTruthy();
    await userEvent.click(within(agents).getByRole('option', { name: /Di Online/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Transfer to Di Online (Billing)' }));
    expect(r.lp.callsTo('conversationTransfer')).toEqual([{ conversationId: 'c1', skillId: 's2', agentId: 'acc.4' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('transfer dialog: agents that cannot be loaded are said, and the skill transfer still works', async () => {
    const r = await open();
    r.lp.handle('agentsList', () => Promise.reject(new Error('HTTP 403')));
    await userEvent.click(screen.getByRole('button', { name: 'Transfer…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer to a skill' });
    await userEvent.click(await within(dialog).findByText('Tech support'));
    expect(await within(dialog).findByText(/Could not load the agents of Tech support/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Transfer to Tech support' }));
    expect(r.lp.callsTo('conversationTransfer')).toEqual([{ conversationId: 'c1', skillId: 's3' }]);
  });

  it('the transfer dialog closes on Escape without transferring; the side panel collapses', async () => {
    const r = await open();
    await userEvent.click(screen.getByRole('button', { name: 'Transfer…' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(r.lp.callsTo('conversationTransfer')).toEqual([]);
    const toggle = screen.getByRole('button', { name: 'Hide details' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await userEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Details' }).getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('region', { name: 'Consumer' })).toBeNull();
  });
});
