/** Unread consumer messages (#14.2): counted while the agent cannot be looking, cleared when read. */
import { describe, expect, it } from 'vitest';
import { conversationGone, initialUnread, messageArrived, unreadCleared, unreadCounts, viewChanged, type IncomingMessage } from '../../../src-main/desktop/attention/unread';

const consumer = (conversationId: string, sequence: number): IncomingMessage => ({ conversationId, sequence, role: 'CONSUMER', own: false });

describe('unread model', () => {
  it('counts consumer messages while the window is not focused, per conversation and in total', () => {
    let s = viewChanged(initialUnread, { viewing: 'c1', focused: false });
    for (const m of [consumer('c1', 1), consumer('c1', 2), consumer('c2', 7)]) {
      const r = messageArrived(s, m);
      expect(r.counted).toBe(true);
      s = r.state;
    }
    expect(unreadCounts(s)).toEqual({ counts: { c1: 2, c2: 1 }, total: 3 });
  });

  it('does not count what the agent is looking at, nor agent, own or repeated messages', () => {
    let s = viewChanged(initialUnread, { viewing: 'c1', focused: true });
    expect(messageArrived(s, consumer('c1', 1)).counted).toBe(false);
    s = messageArrived(s, consumer('c1', 1)).state;
    expect(messageArrived(s, { conversationId: 'c2', sequence: 3, role: 'AGENT', own: true }).counted).toBe(false);
    expect(messageArrived(s, { conversationId: 'c2', role: 'CONSUMER', own: false }).counted).toBe(false);
    s = viewChanged(s, { focused: false });
    // A repeat of a sequence already seen (delivery update, replay after reconnect) never counts.
    expect(messageArrived(s, consumer('c1', 1)).counted).toBe(false);
    // Focused, but another conversation is on screen: counts.
    s = viewChanged(s, { focused: true });
    expect(messageArrived(s, consumer('c2', 4)).counted).toBe(true);
  });

  it('clears a conversation when it is on screen in the focused window', () => {
    let s = viewChanged(initialUnread, { viewing: 'c1', focused: false });
    s = messageArrived(s, consumer('c1', 1)).state;
    s = messageArrived(s, consumer('c2', 1)).state;
    s = viewChanged(s, { focused: true });
    expect(unreadCounts(s)).toEqual({ counts: { c2: 1 }, total: 1 });
    s = viewChanged(s, { viewing: 'c2' });
    expect(unreadCounts(s)).toEqual({ counts: {}, total: 0 });
  });

  it('forgets a conversation that is gone, and everything on sign-out', () => {
    let s = messageArrived(initialUnread, consumer('c1', 1)).state;
    s = messageArrived(s, consumer('c2', 1)).state;
    s = conversationGone(s, 'c1');
    expect(unreadCounts(s).total).toBe(1);
    expect(conversationGone(s, 'nope')).toBe(s);
    expect(unreadCounts(unreadCleared(s))).toEqual({ counts: {}, total: 0 });
  });
});
