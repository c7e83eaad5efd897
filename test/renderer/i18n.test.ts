import { afterEach, describe, expect, it } from 'vitest';
import { i18n, numberOptionsOf } from '../../src-renderer/i18n';

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
