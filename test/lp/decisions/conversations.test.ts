/** Conversation decisions (decisions/conversations.ts, lp-protocol.md §7, §11.6, §13). */
import { describe, expect, it } from 'vitest';
import { applyConversationChange, participantsOf } from '../../../src-main/lp/decisions/conversations';
import { conversationNotificationSchema, parseWith } from '../../../src-main/lp/protocol/notifications';
import type { Conversation } from '../../../src-main/lp/protocol/model';
import { convChange, ME } from '../helpers/fake-connection';

const me = { legacyId: ME.legacyId, pid: ME.pid };
function convChanges(body: unknown) {
  const p = parseWith(conversationNotificationSchema, body);
  if (!p.ok) throw new Error(p.error);
  return p.value.changes;
}



describe('applyConversationChange', () => {
  const now = 5;
  it('upserts a conversation assigned to me, tolerating a bare dialogs object and missing participantsDetails', () => {
    const [change] = convChanges(convChange({ convId: 'c1', bare: true, noDetails: true, unread: 3 }));
    const d = applyConversationChange(undefined, change!, me, now, undefined);
    expect(d.type).toBe('upsert');
    if (d.type !== 'upsert') return;
    expect(d.isNew).toBe(true);
    expect(d.conversation).toMatchObject({ conversationId: 'c1', mine: true, consumerId: 'cons1', state: 'OPEN', skillId: '125', unread: 3 });
  });
  it('pairs PIDs only when the maps line up (partial participantsPId)', () => {
    const [change] = convChanges(convChange({ convId: 'c1' }));
    const details = change!.result.conversationDetails!;
    expect(participantsOf(details)).toContainEqual({ id: ME.legacyId, role: 'ASSIGNED_AGENT', pid: ME.pid, state: 'ACTIVE' });
    delete details.participantsPId;
    expect(participantsOf(details)).toContainEqual({ id: ME.legacyId, role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
  });
  const prevOf = (): Conversation => {
    const [c] = convChanges(convChange({ convId: 'c1', ts: 10 }));
    const d = applyConversationChange(undefined, c!, me, now, undefined);
    if (d.type !== 'upsert') throw new Error('expected upsert');
    return d.conversation;
  };
  it('closed → removed closed; DELETE → removed with the intent', () => {
    const prev = prevOf();
    const [closed] = convChanges(convChange({ convId: 'c1', state: 'CLOSE', ts: 20 }));
    expect(applyConversationChange(prev, closed!, me, now, undefined)).toEqual({ type: 'removed', conversationId: 'c1', reason: 'closed' });
    const [del] = convChanges(convChange({ convId: 'c1', type: 'DELETE', ts: 20 }));
    expect(applyConversationChange(prev, del!, me, now, 'back-to-queue')).toEqual({ type: 'removed', conversationId: 'c1', reason: 'back-to-queue' });
  });
  it('agent removed: the intent names the reason; else transferred when another agent or skill took it', () => {
    const prev = prevOf();
    const [gone] = convChanges(convChange({ convId: 'c1', agent: null, ts: 20 }));
    expect(applyConversationChange(prev, gone!, me, now, 'back-to-queue')).toMatchObject({ type: 'removed', reason: 'back-to-queue' });
    expect(applyConversationChange(prev, gone!, me, now, undefined)).toMatchObject({ type: 'removed', reason: 'removed' });
    const [other] = convChanges(convChange({ convId: 'c1', agent: '123.99', ts: 20 }));
    expect(applyConversationChange(prev, other!, me, now, undefined)).toMatchObject({ type: 'removed', reason: 'transferred' });
  });
  it('ignores stale changes and conversations I am not in', () => {
    const prev = prevOf();
    const [old] = convChanges(convChange({ convId: 'c1', ts: 5 }));
    expect(applyConversationChange(prev, old!, me, now, undefined).type).toBe('ignore');
    const [other] = convChanges(convChange({ convId: 'c2', agent: '123.99' }));
    expect(applyConversationChange(undefined, other!, me, now, undefined).type).toBe('ignore');
  });
});
