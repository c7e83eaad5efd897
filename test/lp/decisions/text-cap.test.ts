/** decisions/text-cap.ts: one message's text is kept up to a cap, never cut inside a surrogate pair. */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src-main/lp/protocol/model';
import { capMessageText, capText, MESSAGE_TEXT_KEPT } from '../../../src-main/lp/decisions/text-cap';

describe('capText', () => {
  it('keeps text up to the cap as it is', () => {
    expect(capText('')).toEqual({ text: '', dropped: 0 });
    const full = 'a'.repeat(MESSAGE_TEXT_KEPT);
    expect(capText(full)).toEqual({ text: full, dropped: 0 });
  });

  it('cuts longer text at the cap and counts what was dropped', () => {
    expect(capText('abcdef', 4)).toEqual({ text: 'abcd', dropped: 2 });
    const r = capText('z'.repeat(MESSAGE_TEXT_KEPT * 3));
    expect(r.text).toHaveLength(MESSAGE_TEXT_KEPT);
    expect(r.dropped).toBe(MESSAGE_TEXT_KEPT * 2);
  });

  it('never keeps half of a surrogate pair', () => {
    expect(capText('ab😀cd', 3)).toEqual({ text: 'ab', dropped: 4 });
    expect(capText('abc😀', 5)).toEqual({ text: 'abc😀', dropped: 0 });
    expect(capText('a😀b', 3)).toEqual({ text: 'a😀', dropped: 1 });
  });
});

describe('capMessageText', () => {
  const msg = (text: string): ChatMessage => ({
    conversationId: 'c1', sequence: 3, originatorId: 'u', role: 'CONSUMER', own: false, contentType: 'text/plain', text, timestamp: 1, localId: 'L1',
  });

  it('returns the message itself when its text fits', () => {
    const m = msg('a'.repeat(MESSAGE_TEXT_KEPT));
    expect(capMessageText(m)).toBe(m);
    expect(m.truncatedChars).toBeUndefined();
  });

  it('caps a longer text in a copy that keeps every other field and says what was dropped', () => {
    const m = msg('abcdef');
    const capped = capMessageText(m, 4);
    expect(capped).toEqual({ ...m, text: 'abcd', truncatedChars: 2 });
    expect(m.text).toBe('abcdef'); // the input is not changed
    expect(capMessageText(msg('ab😀cd'), 3)).toMatchObject({ text: 'ab', truncatedChars: 4 });
  });
});
