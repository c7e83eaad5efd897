import { describe, expect, it } from 'vitest';
import { formatNumber, rememberTexts } from '../../../src-preload/i18n/index';

describe('rememberTexts', () => {
  it('asks once per scope, key and options; forget() and another scope ask again; odd options pass through', () => {
    const calls: string[] = [];
    let lang = 'en';
    const t = rememberTexts((key, options) => {
      calls.push(`${lang}:${String(key)}`);
      return `${lang}:${String(key)}:${JSON.stringify(options ?? {})}`;
    }, () => lang);
    expect(t('a')).toBe('en:a:{}');
    expect(t('a')).toBe('en:a:{}');
    expect(t('a', { n: 1 })).toBe('en:a:{"n":1}');
    expect(t('a', { n: 1 })).toBe('en:a:{"n":1}');
    expect(calls).toEqual(['en:a', 'en:a']);
    lang = 'es';
    expect(t('a')).toBe('es:a:{}');
    t.forget();
    lang = 'en';
    expect(t('a')).toBe('en:a:{}');
    t('a', { list: ['x'] });
    t('a', { list: ['x'] });
    expect(calls).toEqual(['en:a', 'en:a', 'es:a', 'en:a', 'en:a', 'en:a']);
  });
});

describe('formatNumber (i18next `number` format)', () => {
  it("formats in the language with only NumberFormat's own options", () => {
    expect(formatNumber(1234.5, 'es', { count: 1234.5, minimumFractionDigits: 2, lng: 'es' })).toBe(new Intl.NumberFormat('es', { minimumFractionDigits: 2 }).format(1234.5));
    expect(formatNumber(1234, undefined, undefined)).toBe(new Intl.NumberFormat('en').format(1234));
  });
});
