// The composer's draft is kept by main: read back when the conversation opens (a reload or a restart
// of the app looks the same to the window: a fresh page asking main), saved once typing stops, saved
// at once when switching conversations, and emptied by sending.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DRAFT_SAVE_MS } from '../../src-renderer/components/use-draft';
import { baseSnapshot, conversation } from './fake-lp';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const box = () => screen.getByLabelText('Message') as HTMLTextAreaElement;

async function open(drafts: Record<string, string>) {
  const s = baseSnapshot({ seq: 1 });
  s.session.conversations = [conversation({ conversationId: 'c1' }), conversation({ conversationId: 'c2', consumerId: 'u2' })];
  const r = await renderApp(s);
  r.lp.handle('draftGet', (a) => ({ text: drafts[(a as { conversationId: string }).conversationId] ?? '' }));
  r.lp.handle('draftSet', (a) => {
    const { conversationId, text } = a as { conversationId: string; text: string };
    drafts[conversationId] = text;
    return null;
  });
  return r;
}

describe('drafts kept in main', () => {
  it('a new page finds the stored draft in the composer', async () => {
    const r = await open({ c1: 'Half a sentence' });
    act(() => r.store.dispatch({ type: 'select', conversationId: 'c1' }));
    expect(await screen.findByDisplayValue('Half a sentence')).toBe(box());
  });

  it('typing is saved once after a pause; switching saves at once; sending empties the draft', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const drafts: Record<string, string> = {};
    const r = await open(drafts);
    act(() => r.store.dispatch({ type: 'select', conversationId: 'c1' }));
    await act(async () => { await Promise.resolve(); });
    for (const v of ['H', 'He', 'Hello']) fireEvent.change(box(), { target: { value: v } });
    expect(r.lp.callsTo('draftSet')).toEqual([]);
    act(() => void vi.advanceTimersByTime(DRAFT_SAVE_MS));
    expect(r.lp.callsTo('draftSet')).toEqual([{ conversationId: 'c1', text: 'Hello' }]);
    fireEvent.change(box(), { target: { value: 'Hello the' } });
    act(() => r.store.dispatch({ type: 'select', conversationId: 'c2' }));
    expect(drafts.c1).toBe('Hello the');
    act(() => r.store.dispatch({ type: 'select', conversationId: 'c1' }));
    await act(async () => { await Promise.resolve(); await Promise.resolve(); });
    expect(box().value).toBe('Hello the');
    fireEvent.keyDown(box(), { key: 'Enter' });
    act(() => void vi.advanceTimersByTime(DRAFT_SAVE_MS));
    expect(r.lp.callsTo('messageSend')).toEqual([{ conversationId: 'c1', text: 'Hello the' }]);
    expect(drafts.c1).toBe('');
  });
});
