import { describe, expect, it } from 'vitest';
import { sameShownConversation } from '../../../src-renderer/state/selectors';
import { conversation } from '../fake-lp';

describe('sameShownConversation', () => {
  it('a new message (preview, times, counts) is the same conversation on screen', () => {
    const before = conversation();
    const after = { ...before, lastMessagePreview: 'flood 1', lastUpdateTs: 99, lastConsumerMessageTs: 99, unread: 3, awaitingReplySince: 99 };
    expect(sameShownConversation(before, after)).toBe(true);
  });

  it('what the workspace draws is not: another conversation, consumer, skill, state or owner', () => {
    const c = conversation();
    for (const other of [
      { conversationId: 'c2' }, { consumerId: 'u2' }, { consumerName: 'Bo' }, { skillId: 's2' }, { state: 'CLOSE' as const }, { mine: false },
    ]) expect(sameShownConversation(c, { ...c, ...other })).toBe(false);
    expect(sameShownConversation(c, null)).toBe(false);
    expect(sameShownConversation(null, null)).toBe(true);
  });
});
