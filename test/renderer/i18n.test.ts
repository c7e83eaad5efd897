import { afterEach, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { numberOptionsOf, REMEMBERED_TEXTS } from '../../src-preload/i18n/index';
import { i18n, rememberingT } from '../../src-renderer/i18n';

const Original = Intl.NumberFormat;

afterEach(() => {
  Intl.NumberFormat = Original;
});

/** Counts NumberFormats built from now on (the real constructor underneath). */
function countNumberFormats(): { made: number } {
  const seen = { made: 0 };
  const Counting = function NumberFormat(...args: ConstructorParameters<typeof Intl.NumberFormat>) {
    seen.made += 1;
    return new Original(...args);
  } as unknown as typeof Intl.NumberFormat;
  Counting.supportedLocalesOf = Original.supportedLocalesOf.bind(Original);
  Intl.NumberFormat = Counting;
  return seen;
}

describe("the renderer's i18next instance", () => {
  it('formats {{count, number}} in each language, as Intl would', () => {
    const en = i18n.getFixedT('en');
    const es = i18n.getFixedT('es');
    expect(en('thread.notKept', { count: 12_345 })).toBe(`${new Original('en').format(12_345)} earlier messages are not shown.`);
    expect(en('thread.notKept', { count: 1 })).toBe('1 earlier message is not shown.');
    expect(es('thread.notKept', { count: 12_345 })).toContain(new Original('es').format(12_345));
  });

  it('builds no formatter per count: a growing count reuses the shared one (i18next keyed its cache on every option)', () => {
    const t = i18n.getFixedT('en');
    t('thread.notKept', { count: 2 }); // the shared formatter for English exists from here on
    const seen = countNumberFormats();
    const texts = Array.from({ length: 200 }, (_, i) => t('thread.notKept', { count: 50_000 + i }));
    expect(seen.made).toBe(0);
    expect(texts[199]).toBe(`${new Original('en').format(50_199)} earlier messages are not shown.`);
  });

  it("passes NumberFormat only its own options, never the t() call's other values", () => {
    expect(numberOptionsOf({ count: 5, name: 'Ada', interpolationkey: 'count', minimumFractionDigits: 2, lng: 'en' })).toEqual({ minimumFractionDigits: 2 });
    expect(numberOptionsOf(undefined)).toEqual({});
  });
});

describe('rememberingT', () => {
  /** A t that counts its calls, over the real English one. */
  function countingT(): { t: TFunction; calls: { n: number } } {
    const en = i18n.getFixedT('en') as unknown as (key: unknown, options?: unknown) => string;
    const calls = { n: 0 };
    const t = ((key: unknown, options?: unknown) => { calls.n += 1; return en(key, options); }) as unknown as TFunction;
    return { t, calls };
  }

  it('works each text out once per key and options, and answers what t answers', () => {
    const { t, calls } = countingT();
    const r = rememberingT(t);
    expect(r('message.you')).toBe('You');
    expect(r('message.you')).toBe('You');
    expect(r('rings.ringFrom', { name: 'Ada' })).toBe('Ring from Ada');
    expect(r('rings.ringFrom', { name: 'Ada' })).toBe('Ring from Ada');
    expect(r('rings.ringFrom', { name: 'Bo' })).toBe('Ring from Bo');
    expect(calls.n).toBe(3);
  });

  it('is the same function for the same t, another for another t (a new language redraws memoised rows)', () => {
    const a = countingT().t;
    expect(rememberingT(a)).toBe(rememberingT(a));
    expect(rememberingT(countingT().t)).not.toBe(rememberingT(a));
    expect(rememberingT(i18n.getFixedT('es'))('message.you')).toBe('Tú');
  });

  it('does not remember options it cannot key (objects), and starts over when full', () => {
    const { t, calls } = countingT();
    const r = rememberingT(t);
    r('rings.ringFrom', { name: 'Ada', extra: { deep: 1 } } as never);
    r('rings.ringFrom', { name: 'Ada', extra: { deep: 1 } } as never);
    expect(calls.n).toBe(2);
    for (let i = 0; i <= REMEMBERED_TEXTS; i++) r('rings.ringFrom', { name: `n${i}` }); // one more than it keeps
    const before = calls.n;
    expect(r('rings.ringFrom', { name: `n${REMEMBERED_TEXTS}` })).toBe(`Ring from n${REMEMBERED_TEXTS}`); // kept after starting over
    expect(calls.n).toBe(before);
    r('rings.ringFrom', { name: 'n0' }); // dropped when it started over
    expect(calls.n).toBe(before + 1);
  });
});
