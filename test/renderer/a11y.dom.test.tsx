/** Accessibility: focus never falls to <body> when the focused control goes; live regions say only what is new. */
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ANNOUNCE_CHARS } from '../../src-renderer/components/Thread';
import { baseSnapshot, conversation, message, ring } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

const ada = ring({ ringId: 'r1', conversationId: 'c1', consumerName: 'Ada', offeredAt: Date.now() - 2_000, expiresAt: Date.now() + 60_000 });
const bo = ring({ ringId: 'r2', conversationId: 'c2', consumerName: 'Bo', offeredAt: Date.now() - 1_000, expiresAt: Date.now() + 60_000 });

function withRings() {
  const s = baseSnapshot({ seq: 1 });
  s.session.rings = [ada, bo];
  return s;
}

async function withConversation(over = {}) {
  const s = baseSnapshot({ seq: 1 });
  s.session.conversations = [conversation({ conversationId: 'c1', consumerName: 'Ada', ...over }), conversation({ conversationId: 'c9', consumerName: 'Zed', lastUpdateTs: 0 })];
  const r = await renderApp(s);
  await userEvent.click(screen.getByRole('option', { name: /^Ada/ }));
  return r;
}

const main = () => screen.getByRole('main', { name: 'Conversation' });

describe('focus after Accept / Reject in the ring queue', () => {
  it('Accept (Enter): the main region holds focus until the conversation shows, then its composer has it', async () => {
    const r = await renderApp(withRings());
    screen.getByRole('button', { name: 'Accept ring from Ada' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(r.lp.callsTo('ringAccept')).toEqual([{ ringId: 'r1' }]);
    act(() => void r.lp.emit('ring/ended', { ring: ada, reason: 'accepted' }));
    expect(screen.queryByRole('listitem', { name: 'Ring from Ada' })).toBeNull();
    expect(document.activeElement).toBe(main());
    act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'c1', consumerName: 'Ada' })));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('Accept: when the conversation shows while the ring is still listed, focus goes straight to its composer', async () => {
    const r = await renderApp(withRings());
    screen.getByRole('button', { name: 'Accept ring from Bo' }).focus();
    await userEvent.keyboard('{Enter}');
    act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'c2', consumerName: 'Bo' })));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    act(() => void r.lp.emit('ring/ended', { ring: bo, reason: 'accepted' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('Reject (Tab, Enter): focus goes to the next ring\'s Accept, then to the queue heading', async () => {
    const r = await renderApp(withRings());
    screen.getByRole('button', { name: 'Accept ring from Ada' }).focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Reject ring from Ada' }));
    await userEvent.keyboard('{Enter}');
    expect(r.lp.callsTo('ringReject')).toEqual([{ ringId: 'r1' }]);
    act(() => void r.lp.emit('ring/ended', { ring: ada, reason: 'rejected' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Accept ring from Bo' }));
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    act(() => void r.lp.emit('ring/ended', { ring: bo, reason: 'rejected' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /^Waiting/ }));
  });

  it('a failed Accept leaves focus with the queue when the ring later goes', async () => {
    const r = await renderApp(withRings());
    r.lp.handle('ringAccept', () => { throw new Error('gone'); });
    screen.getByRole('button', { name: 'Accept ring from Bo' }).focus();
    await userEvent.keyboard('{Enter}');
    await act(async () => { await Promise.resolve(); });
    act(() => void r.lp.emit('ring/ended', { ring: bo, reason: 'expired' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Accept ring from Ada' }));
  });

  it('a ring that expires under focus hands focus to the next ring', async () => {
    const r = await renderApp(withRings());
    screen.getByRole('button', { name: 'Reject ring from Bo' }).focus();
    act(() => void r.lp.emit('ring/ended', { ring: bo, reason: 'expired' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Accept ring from Ada' }));
  });

  it('the banner\'s Accept names the consumer; after it, focus follows the accepted conversation', async () => {
    const r = await renderApp(withRings());
    act(() => void r.lp.emit('ui/banner', { ringId: 'r1', text: 'New conversation from Ada' }));
    const banner = screen.getByText('New conversation from Ada').closest('.banner') as HTMLElement;
    within(banner).getByRole('button', { name: 'Accept ring from Ada' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(r.lp.callsTo('ringAccept')).toEqual([{ ringId: 'r1' }]);
    expect(document.activeElement).toBe(main());
    act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'c1', consumerName: 'Ada' })));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('Accept / Reject declare their keyboard shortcuts (the ones Workspace handles)', async () => {
    const r = await renderApp(withRings());
    expect(screen.getByRole('button', { name: 'Accept ring from Ada' }).getAttribute('aria-keyshortcuts')).toBe('Alt+A');
    expect(screen.getByRole('button', { name: 'Reject ring from Ada' }).getAttribute('aria-keyshortcuts')).toBe('Alt+R');
    screen.getByRole('button', { name: 'Reject ring from Bo' }).focus();
    await userEvent.keyboard('{Alt>}r{/Alt}');
    expect(r.lp.callsTo('ringReject')).toEqual([{ ringId: 'r2' }]);
  });
});

describe('focus in the side panel, dialogs and Dismiss', () => {
  it('close confirmation: focus moves to "Yes, close"; Cancel and Escape return it to "Close conversation"', async () => {
    const r = await withConversation();
    const close = screen.getByRole('button', { name: 'Close conversation' });
    close.focus();
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Yes, close' }));
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close conversation' }));
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('button', { name: 'Yes, close' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close conversation' }));
    expect(r.lp.callsTo('conversationClose')).toEqual([]);
  });

  it('a dialog returns focus to its opener; if the opener is gone or disabled, to the thread', async () => {
    const r = await withConversation();
    screen.getByRole('button', { name: 'Transfer…' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Transfer to a skill' })).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Transfer…' }));

    await userEvent.keyboard('{Enter}');
    // Meanwhile the conversation went to another agent: Transfer… and the composer are disabled.
    act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'c1', consumerName: 'Ada', mine: false })));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Conversation with Ada' }));
  });

  it('a dialog whose opener left the document falls back to the main region', async () => {
    const r = await withConversation();
    screen.getByRole('button', { name: 'Transfer…' }).focus();
    await userEvent.keyboard('{Enter}');
    act(() => void r.lp.emit('conversation/removed', { conversationId: 'c1', reason: 'transferred' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(main());
  });

  it('Dismiss of a closed conversation (Enter) moves focus to the conversation list', async () => {
    const r = await withConversation();
    act(() => void r.lp.emit('conversation/removed', { conversationId: 'c1', reason: 'closed' }));
    screen.getByRole('button', { name: 'Dismiss closed conversation' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByText(/Select a conversation/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('listbox', { name: /^Conversations/ }));
  });
});

describe('live regions and accessible text', () => {
  it('the connection indicator is not live; a hidden region announces phase changes only, never the countdown', async () => {
    const r = await renderApp(baseSnapshot({ seq: 1 }));
    const indicator = document.querySelector('.connection') as HTMLElement;
    expect(indicator.getAttribute('aria-live')).toBe('off');
    const announcer = screen.getByTestId('connection-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(announcer.textContent).toBe('');
    const now = Date.now();
    act(() => void r.lp.emit('connection/state', { phase: 'reconnecting', nextRetryAt: now + 12_000, attempt: 1, reconnects: 0, since: now }));
    expect(screen.getByText(/^Reconnecting in \d:\d\d$/)).toBeTruthy();
    expect(announcer.textContent).toBe('Connection: Reconnecting');
    act(() => void r.lp.emit('connection/state', { phase: 'reconnecting', nextRetryAt: now + 30_000, attempt: 2, reconnects: 0, since: now }));
    expect(announcer.textContent).toBe('Connection: Reconnecting');
    act(() => void r.lp.emit('connection/state', { phase: 'online', reconnects: 1, since: now }));
    expect(announcer.textContent).toBe('Connection: Connected');
  });

  it('the message list is not live; new consumer messages (only) are announced, as text, cut to 100 characters', async () => {
    const s = baseSnapshot({ seq: 1 });
    s.session.conversations = [conversation({ conversationId: 'c1', consumerName: 'Ada' })];
    const r = await renderApp(s);
    r.lp.handle('conversationHistory', () => [message({ sequence: 0, text: 'Old news' })]);
    await userEvent.click(screen.getByRole('option', { name: /^Ada/ }));
    const log = await screen.findByRole('log', { name: 'Messages' });
    expect(log.getAttribute('aria-live')).toBe('off');
    await within(log).findByText('Old news');
    const announcer = screen.getByTestId('message-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(announcer.textContent).toBe(''); // history is not news

    act(() => void r.lp.emit('message/upsert', message({ sequence: 1, text: 'Where is <b>my</b> order?' })));
    expect(announcer.textContent).toBe('New message from Ada: Where is <b>my</b> order?');
    expect(announcer.querySelector('b')).toBeNull();

    act(() => void r.lp.emit('message/upsert', message({ sequence: 2, role: 'AGENT', own: true, originatorId: 'me', text: 'Checking' })));
    act(() => void r.lp.emit('message/receipt', { conversationId: 'c1', sequences: [2], status: 'READ' }));
    expect(announcer.textContent).toBe('New message from Ada: Where is <b>my</b> order?');

    const long = 'x'.repeat(ANNOUNCE_CHARS) + 'TAIL';
    act(() => void r.lp.emit('message/upsert', message({ sequence: 3, text: long })));
    expect(announcer.textContent).toBe(`New message from Ada: ${'x'.repeat(ANNOUNCE_CHARS)}…`);
  });

  it('counts, unread badges and bidi markers carry their words in content or on a role that takes a name', async () => {
    const s = withRings();
    s.session.conversations = [conversation({ conversationId: 'c1', consumerName: 'Ada', unread: 3 })];
    s.session.messages = { c1: [message({ sequence: 0, text: 'a\u2066b' })] };
    await renderApp(s);
    expect(screen.getByRole('heading', { name: 'Waiting 2 requests' })).toBeTruthy();
    expect(screen.getByRole('option', { name: /3 unread/ })).toBeTruthy();
    const row = screen.getByRole('listitem', { name: 'Ring from Ada' });
    const timer = within(row).getByRole('timer');
    expect(timer.getAttribute('aria-label')).toBe(timer.textContent?.replace(/\s+/g, ' ').trim());
    expect(document.querySelectorAll('span[aria-label]:not([role])')).toHaveLength(0);
    await userEvent.click(screen.getByRole('option', { name: /^Ada/ }));
    const mark = await screen.findByText('[U+2066]');
    expect(mark.getAttribute('role')).toBe('img');
    expect(mark.getAttribute('aria-label')).toBe('direction control U+2066');
  });
});
