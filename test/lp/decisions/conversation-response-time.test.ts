/** Response-time facts of a conversation (lp-protocol.md §7 ttr / effectiveTTR) and the wait watermark. */
import { describe, expect, it } from 'vitest';
import { applyConversationChange, nextAwaitingReplySince, readTtr } from '../../../src-main/lp/decisions/conversations';
import { parseWith, rawConversationChangeSchema } from '../../../src-main/lp/protocol/notifications';
import { ME } from '../helpers/fake-connection';

const me = { legacyId: ME.legacyId, pid: ME.pid };

function change(result: Record<string, unknown>, details: Record<string, unknown> = {}) {
  const p = parseWith(rawConversationChangeSchema, {
    type: 'UPSERT',
    result: {
      convId: 'c1', lastUpdateTime: 10, ...result,
      conversationDetails: { convId: 'c1', skillId: '11', participants: { CONSUMER: ['cons1'], ASSIGNED_AGENT: [ME.legacyId] }, dialogs: [], state: 'OPEN', startTs: 1, metaDataLastUpdateTs: 10, ...details },
    },
  });
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

describe('ttr and effectiveTTR', () => {
  it('reads ttr seconds and a positive effectiveTTR; -1 means no deadline', () => {
    const d = applyConversationChange(undefined, change({ effectiveTTR: 1_700_000_120_000 }, { ttr: { ttrType: 'URGENT', value: 120 } }), me, 0, undefined);
    expect(d.type === 'upsert' && d.conversation).toMatchObject({ ttr: { type: 'URGENT', seconds: 120 }, responseDueAt: 1_700_000_120_000 });
    const none = applyConversationChange(undefined, change({ effectiveTTR: -1 }), me, 0, undefined);
    expect(none.type === 'upsert' && none.conversation.responseDueAt).toBeUndefined();
  });
  it('malformed ttr / effectiveTTR lose nothing else of the conversation', () => {
    for (const [ttr, due] of [[{ value: 'soon' }, 'x'], ['NORMAL', { a: 1 }], [{ ttrType: 'NORMAL', value: -5 }, Number.NaN]] as const) {
      const d = applyConversationChange(undefined, change({ effectiveTTR: due }, { ttr }), me, 0, undefined);
      expect(d.type).toBe('upsert');
      if (d.type === 'upsert') {
        expect(d.conversation).toMatchObject({ conversationId: 'c1', mine: true });
        expect(d.conversation.ttr).toBeUndefined();
        expect(d.conversation.responseDueAt).toBeUndefined();
      }
    }
    expect(readTtr({ ttrType: 'NORMAL', value: '1200' })).toEqual({ type: 'NORMAL', seconds: 1200 });
  });
  it('keeps the wait watermark across changes', () => {
    const first = applyConversationChange(undefined, change({}), me, 0, undefined);
    if (first.type !== 'upsert') throw new Error('expected upsert');
    const prev = { ...first.conversation, awaitingReplySince: 5 };
    const next = applyConversationChange(prev, change({ lastUpdateTime: 11 }, { metaDataLastUpdateTs: 11 }), me, 0, undefined);
    expect(next.type === 'upsert' && next.conversation.awaitingReplySince).toBe(5);
  });
});

describe('nextAwaitingReplySince', () => {
  it("starts at the consumer's first unanswered message, ends with any public agent answer; private and system messages change nothing", () => {
    let since: number | undefined;
    since = nextAwaitingReplySince(since, { role: 'CONSUMER', timestamp: 100 });
    since = nextAwaitingReplySince(since, { role: 'CONSUMER', timestamp: 200 });
    expect(since).toBe(100);
    since = nextAwaitingReplySince(since, { role: 'AGENT', private: true, timestamp: 300 });
    since = nextAwaitingReplySince(since, { role: 'SYSTEM', timestamp: 350 });
    expect(since).toBe(100);
    since = nextAwaitingReplySince(since, { role: 'AGENT', timestamp: 400 });
    expect(since).toBeUndefined();
    expect(nextAwaitingReplySince(since, { role: 'CONSUMER', timestamp: 500 })).toBe(500);
  });
});
