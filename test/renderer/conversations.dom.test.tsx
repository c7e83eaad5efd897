import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REORDER_MS } from '../../src-renderer/components/ConversationList';
import { baseSnapshot, conversation } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

function snap() {
  const s = baseSnapshot({ seq: 1 });
  const now = Date.now();
  s.session.conversations = [
    conversation({ conversationId: 'a', consumerName: 'Ada', lastUpdateTs: 3, unread: 2, lastMessagePreview: 'Where is my order?', lastConsumerMessageTs: now - 180_000 }),
    conversation({ conversationId: 'b', consumerName: 'Bo', lastUpdateTs: 2, skillId: 's9' }),
    conversation({ conversationId: 'c', consumerName: 'Cy', lastUpdateTs: 1 }),
  ];
  return s;
}

describe('conversation list', () => {
  it('re-sorts at most once per REORDER_MS while conversations keep changing; a new conversation joins at once', async () => {
    const r = await renderApp(snap());
    const names = (): string[] => within(screen.getByRole('listbox', { name: /Conversations/ })).getAllByRole('option').map((o) => o.querySelector('.conv-consumer')?.textContent ?? '');
    expect(names()).toEqual(['Ada', 'Bo', 'Cy']);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      act(() => vi.advanceTimersByTime(REORDER_MS));
      act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'c', consumerName: 'Cy', lastUpdateTs: 10, lastMessagePreview: 'first' })));
      expect(names()).toEqual(['Cy', 'Ada', 'Bo']); // after a quiet moment: at once
      act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'b', consumerName: 'Bo', lastUpdateTs: 11, lastMessagePreview: 'second' })));
      act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'd', consumerName: 'Dee', lastUpdateTs: 12 })));
      // Within the interval: Bo's row shows its new text where it was, Dee joins at the end at once.
      expect(names()).toEqual(['Cy', 'Ada', 'Bo', 'Dee']);
      expect(within(screen.getByRole('option', { name: /Bo/ })).getByText('second')).toBeTruthy();
      act(() => vi.advanceTimersByTime(REORDER_MS));
      expect(names()).toEqual(['Dee', 'Bo', 'Cy', 'Ada']);
      // Focusing the list (a click's mousedown) freezes the order as shown, not the newer one.
      act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'a', consumerName: 'Ada', lastUpdateTs: 20 })));
      act(() => vi.advanceTimersByTime(1));
      act(() => void r.lp.emit('conversation/upsert', conversation({ conversationId: 'c', consumerName: 'Cy', lastUpdateTs: 21 })));
      const shown = names();
      fireEvent.focus(screen.getByRole('listbox', { name: /Conversations/ }));
      expect(names()).toEqual(shown);
      act(() => vi.advanceTimersByTime(REORDER_MS));
      expect(names()).toEqual(shown);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows consumer, preview, unread count, time since last consumer message and skill', async () => {
    await renderApp(snap());
    const ada = screen.getByRole('option', { name: /Ada/ });
    expect(within(ada).getByText('Where is my order?')).toBeTruthy();
    // the unread count is in the option's content (visible "2", hidden " unread"), not in an ignored aria-label
    expect(within(ada).getByText('2', { selector: '.badge' }).textContent).toBe('2 unread');
    expect(screen.getByRole('option', { name: /2 unread/ })).toBe(ada);
    expect(within(ada).getByText('3m')).toBeTruthy();
    expect(within(screen.getByRole('option', { name: /Bo/ })).getByText('Skill s9')).toBeTruthy();
  });

  it('keyboard: arrows move the active option, Enter selects', async () => {
    const r = await renderApp(snap());
    const list = screen.getByRole('listbox', { name: /Conversations/ });
    list.focus();
    expect(list.getAttribute('aria-activedescendant')).toBe('conv-a');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list.getAttribute('aria-activedescendant')).toBe('conv-c');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(r.store.getState().selectedConversationId).toBe('b');
    expect(screen.getByRole('option', { name: /Bo/ }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('heading', { name: 'Bo' })).toBeTruthy();
    fireEvent.keyDown(list, { key: 'End' });
    expect(list.getAttribute('aria-activedescendant')).toBe('conv-c');
  });

  it('click selects; a consumer close keeps the thread readable until dismissed', async () => {
    const r = await renderApp(snap());
    await userEvent.click(screen.getByRole('option', { name: /Cy/ }));
    expect(screen.getByRole('heading', { name: 'Cy' })).toBeTruthy();
    act(() => void r.lp.emit('conversation/removed', { conversationId: 'c', reason: 'closed' }));
    // closed by the consumer while being read: still shown, read-only, with a way to dismiss it
    expect(screen.getByRole('heading', { name: 'Cy' })).toBeTruthy();
    expect(screen.getByText('This conversation is closed.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss closed conversation' }));
    expect(screen.queryByRole('option', { name: /Cy/ })).toBeNull();
    expect(screen.getByText(/Select a conversation/)).toBeTruthy();
  });
});
