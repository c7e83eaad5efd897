import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseSnapshot, conversation } from './fake-lp';
import { renderApp } from './render';
import type { Conversation } from '../../src-main/lp/index';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function open(over: Partial<Conversation> = {}) {
  const s = baseSnapshot({ seq: 1 });
  s.session.conversations = [conversation(over)];
  const r = await renderApp(s);
  act(() => r.store.dispatch({ type: 'select', conversationId: 'c1' }));
  return r;
}

const box = () => screen.getByLabelText('Message') as HTMLTextAreaElement;

describe('composer', () => {
  it('asks for spellcheck (#14.4: the window has Electron\'s spellchecker on)', async () => {
    await open();
    expect(box().getAttribute('spellcheck')).toBe('true');
  });

  it('Enter sends (trimmed), Shift+Enter adds a newline; the sent message appears', async () => {
    const r = await open();
    await userEvent.type(box(), 'line one{Shift>}{Enter}{/Shift}line two');
    expect(box().value).toBe('line one\nline two');
    expect(r.lp.callsTo('messageSend')).toEqual([]);
    await userEvent.type(box(), '{Enter}');
    expect(r.lp.callsTo('messageSend')).toEqual([{ conversationId: 'c1', text: 'line one\nline two' }]);
    expect(box().value).toBe('');
    expect(await screen.findByText('Sending…')).toBeTruthy();
  });

  it('publishes typing debounced: COMPOSING on input, PAUSE after 3 s idle, ACTIVE on send, PAUSE on blur', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const r = await open();
    const states = () => r.lp.callsTo('conversationTyping').map((a) => (a as { state: string }).state);
    fireEvent.change(box(), { target: { value: 'h' } });
    fireEvent.change(box(), { target: { value: 'he' } });
    fireEvent.change(box(), { target: { value: 'hel' } });
    expect(states()).toEqual(['COMPOSING']);
    act(() => void vi.advanceTimersByTime(2_900));
    fireEvent.change(box(), { target: { value: 'hell' } });
    act(() => void vi.advanceTimersByTime(2_900));
    expect(states()).toEqual(['COMPOSING']);
    act(() => void vi.advanceTimersByTime(200));
    expect(states()).toEqual(['COMPOSING', 'PAUSE']);
    fireEvent.change(box(), { target: { value: 'hello' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(states()).toEqual(['COMPOSING', 'PAUSE', 'COMPOSING', 'ACTIVE']);
    fireEvent.change(box(), { target: { value: 'x' } });
    fireEvent.blur(box());
    expect(states()).toEqual(['COMPOSING', 'PAUSE', 'COMPOSING', 'ACTIVE', 'COMPOSING', 'PAUSE']);
  });

  it('is disabled with a visible reason when closed or not mine', async () => {
    await open({ state: 'CLOSE' });
    expect(box().disabled).toBe(true);
    expect(screen.getByText('This conversation is closed.')).toBeTruthy();
    expect(box().getAttribute('aria-describedby')).toBe(screen.getByText('This conversation is closed.').id);
    cleanup();
    await open({ mine: false });
    expect(box().disabled).toBe(true);
    expect(screen.getByText(/not the assigned agent/)).toBeTruthy();
  });

  it('"/" opens canned responses: search, arrow keys, Enter inserts; Escape closes', async () => {
    const r = await open();
    await userEvent.type(box(), 'Hello /');
    const list = screen.getByRole('listbox', { name: 'Canned responses' });
    expect(list.querySelectorAll('[role=option]')).toHaveLength(3);
    await userEvent.type(box(), 'clos');
    expect(screen.getAllByRole('option', { name: /Closing/ })).toHaveLength(1);
    expect(box().getAttribute('aria-activedescendant')).toBeTruthy();
    await userEvent.type(box(), '{Enter}');
    expect(box().value).toBe('Hello Is there anything else I can help you with today?');
    expect(screen.queryByRole('listbox', { name: 'Canned responses' })).toBeNull();
    expect(r.lp.callsTo('messageSend')).toEqual([]);
    await userEvent.clear(box());
    await userEvent.type(box(), '/');
    await userEvent.type(box(), '{ArrowDown}{Enter}');
    expect(box().value).toBe('Thanks for your patience, I am looking into this now.');
    await userEvent.clear(box());
    await userEvent.type(box(), '/{Escape}');
    expect(screen.queryByRole('listbox', { name: 'Canned responses' })).toBeNull();
  });

  it('a failed send shows why and keeps the text', async () => {
    const r = await open();
    r.lp.handle('messageSend', () => Promise.reject(new Error('400|message/send|text too long')));
    await userEvent.type(box(), 'hi{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Not sent: text too long');
    expect(box().value).toBe('hi');
  });
});

describe('private note', () => {
  it('the toggle makes the composer say so, sends private:true, and publishes no typing to the consumer', async () => {
    const r = await open();
    const toggle = screen.getByRole('switch', { name: 'Private note' });
    await userEvent.click(toggle);
    expect(screen.getByText('Private — only agents and managers see this, not the consumer')).toBeTruthy();
    const note = screen.getByLabelText('Private note (not visible to the consumer)') as HTMLTextAreaElement;
    expect(note.closest('.composer')?.classList.contains('composer-private')).toBe(true);
    expect(screen.getByRole('button', { name: 'Add note' })).toBeTruthy();
    await userEvent.type(note, 'escalate if needed{Enter}');
    expect(r.lp.callsTo('messageSend')).toEqual([{ conversationId: 'c1', text: 'escalate if needed', private: true }]);
    expect(r.lp.callsTo('conversationTyping')).toEqual([]);
    // Off again: a normal message, sent without the flag.
    await userEvent.click(toggle);
    await userEvent.type(box(), 'hello{Enter}');
    expect(r.lp.callsTo('messageSend').at(-1)).toEqual({ conversationId: 'c1', text: 'hello' });
  });

  it('is off again in another conversation', async () => {
    const r = await open();
    await userEvent.click(screen.getByRole('switch', { name: 'Private note' }));
    act(() => r.store.dispatch({ type: 'select', conversationId: null }));
    act(() => r.store.dispatch({ type: 'select', conversationId: 'c1' }));
    expect((screen.getByRole('switch', { name: 'Private note' }) as HTMLInputElement).checked).toBe(false);
  });
});
