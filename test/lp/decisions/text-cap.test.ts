/** decisions/text-cap.ts: one message's text is kept up to a cap, never cut inside a surrogate pair. */
import { describe, expect, it } from 'vitest';
import { capText, MESSAGE_TEXT_KEPT } from '../../../src-main/lp/decisions/text-cap';

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
