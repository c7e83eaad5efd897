import { describe, expect, it } from 'vitest';
import { closeAnswer, closeQuestion, createCloseAsker, decideClose, openConversationCount } from '../../src-main/desktop/close-decision';

describe('closing the window (#13.5)', () => {
  const base = { quitting: false, closeToTray: false, choice: 'ask' as const, openConversations: 2 };
  it('asks only with open conversations, and only while no choice is remembered', () => {
    expect(decideClose(base)).toBe('ask');
    expect(decideClose({ ...base, openConversations: 0 })).toBe('close');
    expect(decideClose({ ...base, choice: 'tray' })).toBe('hide');
    expect(decideClose({ ...base, choice: 'quit' })).toBe('quit');
  });
  it('a quit in progress closes; close-to-tray hides whatever else is set', () => {
    expect(decideClose({ ...base, quitting: true })).toBe('close');
    expect(decideClose({ ...base, closeToTray: true, choice: 'quit' })).toBe('hide');
    expect(decideClose({ ...base, closeToTray: true, openConversations: 0 })).toBe('hide');
  });
  it('the question names both ways out and where to change the answer; Cancel keeps the window', async () => {
    const q = closeQuestion(1);
    expect(q.message).toBe('You have an open conversation.');
    expect(closeQuestion(3).message).toBe('You have 3 open conversations.');
    expect(q.buttons).toEqual(['Keep running in the tray', 'Sign out and quit', 'Cancel']);
    expect(q.detail).toMatch(/change it in Settings/);
    expect([0, 1, 2, -1].map(closeAnswer)).toEqual(['tray', 'quit', null, null]);
    const asked: unknown[] = [];
    const ask = createCloseAsker<string>({ showMessageBox: async (win, options) => { asked.push([win, options.message]); return { response: 1 }; } });
    expect(await ask('the-window', 2)).toBe('quit');
    expect(asked).toEqual([['the-window', 'You have 2 open conversations.']]);
  });
  it('counts only open conversations of a signed-in session', () => {
    expect(openConversationCount(null)).toBe(0);
    expect(openConversationCount({ snapshot: () => ({ conversations: [{ state: 'OPEN' }, { state: 'CLOSE' }, { state: 'OPEN' }] }) })).toBe(2);
  });
});
