import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat, relativeTimeFormat } from '../../../src-preload/i18n/intl';
import { formatAgo, formatClock, formatDuration } from '../../../src-renderer/lib/time';

describe('shared Intl formatters', () => {
  it('one formatter per language and options, built once', () => {
    expect(numberFormat('en', { useGrouping: false })).toBe(numberFormat('en', { useGrouping: false }));
    expect(numberFormat('es', { useGrouping: false })).not.toBe(numberFormat('en', { useGrouping: false }));
    expect(numberFormat('en', { minimumIntegerDigits: 2 })).not.toBe(numberFormat('en', { useGrouping: false }));
    expect(dateTimeFormat('en', { hour: 'numeric' })).toBe(dateTimeFormat('en', { hour: 'numeric' }));
    expect(relativeTimeFormat('es', { numeric: 'auto' })).toBe(relativeTimeFormat('es', { numeric: 'auto' }));
    // Same options under another kind are another formatter.
    expect(dateTimeFormat('en', {})).not.toBe(numberFormat('en', {}) as unknown);
  });

  it('a frozen options object finds the same formatter, per kind and language; an open one is read each time', () => {
    const options = Object.freeze({});
    const plain = Object.freeze({ useGrouping: false });
    const open: Intl.NumberFormatOptions = { useGrouping: false };
    expect(numberFormat('en', open)).toBe(numberFormat('en', plain));
    open.minimumIntegerDigits = 2;
    expect(numberFormat('en', open).format(5)).toBe('05');
    expect(numberFormat('en', plain)).toBe(numberFormat('en', { useGrouping: false }));
    expect(numberFormat('en', plain)).toBe(numberFormat('en', plain));
    expect(numberFormat('es', plain)).not.toBe(numberFormat('en', plain));
    expect(dateTimeFormat('en', options)).toBeInstanceOf(Intl.DateTimeFormat);
    expect(numberFormat('en', options)).toBeInstanceOf(Intl.NumberFormat);
    expect(relativeTimeFormat('en', options)).toBeInstanceOf(Intl.RelativeTimeFormat);
  });

  it('formats as a fresh formatter would, in each language', () => {
    expect(formatDuration(3_700_000)).toBe('1:01:40');
    expect(formatDuration(75_000, 'es')).toBe('1:15');
    expect(formatAgo(2_000, 'en')).toBe(new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(0, 'second'));
    expect(formatAgo(2_000, 'es')).toBe(new Intl.RelativeTimeFormat('es', { numeric: 'auto' }).format(0, 'second'));
    expect(formatAgo(180_000, 'es')).toBe(new Intl.NumberFormat('es', { style: 'unit', unit: 'minute', unitDisplay: 'narrow' }).format(3));
    const ts = Date.UTC(2026, 0, 5, 14, 3);
    expect(formatClock(ts, ts, 'es')).toBe(new Intl.DateTimeFormat('es', { hour: 'numeric', minute: '2-digit' }).format(ts));
    expect(formatClock(ts, ts + 3 * 86_400_000, 'en')).toBe(new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(ts));
  });
});
