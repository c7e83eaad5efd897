/**
 * Durations and clock times as agents read them, through `Intl` in the UI's language (no
 * hand-written month names or units). `lang` is a BCP 47 tag; English when left out. The formatters
 * are shared (intl.ts): building one per call made every row render slow.
 */
import { dateTimeFormat, numberFormat, relativeTimeFormat } from '../../src-preload/i18n/index';

// Frozen constant options: the shared cache finds their formatter by the object (no key built per call).
const PLAIN: Intl.NumberFormatOptions = Object.freeze({ useGrouping: false });
const TWO_DIGITS: Intl.NumberFormatOptions = Object.freeze({ minimumIntegerDigits: 2, useGrouping: false });
const AUTO: Intl.RelativeTimeFormatOptions = Object.freeze({ numeric: 'auto' });
const NARROW_UNIT = {
  second: Object.freeze({ style: 'unit', unit: 'second', unitDisplay: 'narrow' }),
  minute: Object.freeze({ style: 'unit', unit: 'minute', unitDisplay: 'narrow' }),
  hour: Object.freeze({ style: 'unit', unit: 'hour', unitDisplay: 'narrow' }),
  day: Object.freeze({ style: 'unit', unit: 'day', unitDisplay: 'narrow' }),
} as const satisfies Record<string, Intl.NumberFormatOptions>;
const TIME_OF_DAY: Intl.DateTimeFormatOptions = Object.freeze({ hour: 'numeric', minute: '2-digit' });
const DATE_AND_TIME: Intl.DateTimeFormatOptions = Object.freeze({ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** 75_000 → "1:15"; 3_700_000 → "1:01:40"; negative → "0:00" (digits in the language's numbering). */
export function formatDuration(ms: number, lang = 'en'): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const plain = numberFormat(lang, PLAIN);
  const two = numberFormat(lang, TWO_DIGITS);
  return h > 0 ? `${plain.format(h)}:${two.format(m)}:${two.format(s)}` : `${plain.format(m)}:${two.format(s)}`;
}

/** Coarse "time since" in narrow units: "now", "5s", "3m", "2h", "4d" (es: "ahora", "3min", …). */
export function formatAgo(ms: number, lang = 'en'): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 5) return relativeTimeFormat(lang, AUTO).format(0, 'second');
  const unit = (value: number, u: keyof typeof NARROW_UNIT): string => numberFormat(lang, NARROW_UNIT[u]).format(value);
  if (s < 60) return unit(s, 'second');
  if (s < 3600) return unit(Math.floor(s / 60), 'minute');
  if (s < 86_400) return unit(Math.floor(s / 3600), 'hour');
  return unit(Math.floor(s / 86_400), 'day');
}

/** The time of day today ("2:03 PM" / "14:03"), with the date on another day ("Jan 5, 2:03 PM" / "5 ene, 14:03"). */
export function formatClock(ts: number, now: number = Date.now(), lang = 'en'): string {
  const d = new Date(ts);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return dateTimeFormat(lang, sameDay ? TIME_OF_DAY : DATE_AND_TIME).format(d);
}
