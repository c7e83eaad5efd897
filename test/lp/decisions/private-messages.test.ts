/** Private messages (messageAudience AGENTS_AND_MANAGERS, lp-protocol.md §6): parsed, marked, matched apart. */
import { describe, expect, it } from 'vitest';
import { isPrivateEvent, toChatMessage } from '../../../src-main/lp/decisions/messages';
import { matchSentItem } from '../../../src-main/lp/decisions/outbox';
import { parseMessagingEvent } from '../../../src-main/lp/protocol/notifications';
import type { ChatMessage } from '../../../src-main/lp/protocol/model';
import { ME } from '../helpers/fake-connection';

const me = { legacyId: ME.legacyId, pid: ME.pid };

function raw(body: Record<string, unknown>) {
  const p = parseMessagingEvent({ sequence: 4, dialogId: 'c1', serverTimestamp: 104, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'psst' }, ...body });
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

describe('private messages', () => {
  it("a manager's whisper is private, not the consumer's and not this agent's", () => {
    const m = toChatMessage(raw({ originatorId: '123.9900', originatorMetadata: { id: '123.9900', role: 'MANAGER' }, messageAudience: 'AGENTS_AND_MANAGERS' }), 'c1', me, 'cons1');
    expect(m).toMatchObject({ private: true, own: false, role: 'AGENT', text: 'psst' });
  });

  it('an own private note echoed back stays private and own', () => {
    const m = toChatMessage(raw({ originatorId: ME.legacyId, messageAudience: 'AGENTS_AND_MANAGERS' }), 'c1', me, 'cons1');
    expect(m).toMatchObject({ private: true, own: true, delivery: 'sent' });
  });

  it('audience ALL, none, or an unknown value is a normal message', () => {
    for (const audience of ['ALL', undefined, 'SOMETHING_NEW']) {
      const e = raw({ originatorId: 'cons1', ...(audience ? { messageAudience: audience } : {}) });
      expect(isPrivateEvent(e)).toBe(false);
      expect(toChatMessage(e, 'c1', me, 'cons1')?.private).toBeUndefined();
    }
  });

  it('a mistyped messageAudience loses nothing: the message reads as a normal one', () => {
    for (const audience of [42, null, { x: 1 }, ['AGENTS_AND_MANAGERS']]) {
      const m = toChatMessage(raw({ originatorId: 'cons1', messageAudience: audience }), 'c1', me, 'cons1');
      expect(m).toMatchObject({ text: 'psst', role: 'CONSUMER' });
      expect(m?.private).toBeUndefined();
    }
  });
});

describe('outbox matching keeps audiences apart', () => {
  const own = (seq: number, text: string, isPrivate: boolean): ChatMessage => ({
    conversationId: 'c1', sequence: seq, originatorId: ME.legacyId, role: 'AGENT', own: true, contentType: 'text/plain', text, timestamp: seq,
    ...(isPrivate ? { private: true } : {}),
  });
  it('a private note never matches a public message with the same text, nor the reverse', () => {
    const msgs = [own(5, 'checking', false), own(6, 'checking', true)];
    expect(matchSentItem({ localId: 'L', text: 'checking', sentAfterSequence: 0, private: true }, msgs)).toBe(6);
    expect(matchSentItem({ localId: 'L', text: 'checking', sentAfterSequence: 0 }, msgs)).toBe(5);
    expect(matchSentItem({ localId: 'L', text: 'checking', sentAfterSequence: 0, private: true }, [own(5, 'checking', false)])).toBeUndefined();
  });
});
