/** Outbox matching and publish classification (decisions/outbox.ts). */
import { describe, expect, it } from 'vitest';
import { classifyPublishError, matchSentItem } from '../../../src-main/lp/decisions/outbox';
import type { ChatMessage } from '../../../src-main/lp/protocol/model';
import { ME } from '../helpers/fake-connection';

describe('outbox reconciliation', () => {
  const own = (seq: number, text: string, localId?: string): ChatMessage => ({
    conversationId: 'c1', sequence: seq, originatorId: ME.legacyId, role: 'AGENT', own: true, contentType: 'text/plain', text, timestamp: seq,
    ...(localId ? { localId } : {}),
  });
  const consumer = (seq: number, text: string): ChatMessage => ({ ...own(seq, text), own: false, role: 'CONSUMER', originatorId: 'cons1' });
  it('matches by ExternalId first, wherever it is', () => {
    expect(matchSentItem({ localId: 'L', text: 'ok', sentAfterSequence: 10 }, [own(3, 'other', 'L')])).toBe(3);
  });
  it('else the first unclaimed own message with the same text after sentAfterSequence', () => {
    const msgs = [own(2, 'ok'), consumer(4, 'ok'), own(5, 'ok', 'OTHER'), own(6, 'ok'), own(8, 'ok')];
    expect(matchSentItem({ localId: 'L', text: 'ok', sentAfterSequence: 3 }, msgs)).toBe(6);
    expect(matchSentItem({ localId: 'L', text: 'ok', sentAfterSequence: 8 }, msgs)).toBeUndefined();
    expect(matchSentItem({ localId: 'L', text: 'OK', sentAfterSequence: 0 }, msgs)).toBeUndefined();
  });
  it('a never-attempted item (sentAfterSequence -1) can match sequence 0', () => {
    expect(matchSentItem({ localId: 'L', text: 'hi', sentAfterSequence: -1 }, [own(0, 'hi')])).toBe(0);
  });
  it('classifies publish failures', () => {
    expect(classifyPublishError({ code: 400, message: 'Agent does not exist in conversation' }).kind).toBe('rejected');
    expect(classifyPublishError({ code: 503, message: 'x' }).kind).toBe('retry-later');
    expect(classifyPublishError({ code: 0, message: 'Request has timed out' }).kind).toBe('unknown');
    expect(classifyPublishError(new Error('x')).kind).toBe('unknown');
  });
});
