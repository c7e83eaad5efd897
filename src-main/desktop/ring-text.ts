/**
 * Words for a ring, shared by the notification and the tray: consumer, skill name, time left. Names
 * come from consumers (and skill names from the account), so each goes through os-text.ts: bidi
 * controls as visible markers, invisible and control characters out, capped.
 */
import type { Ring, Skill } from '../lp/index';
import { numberFormat } from '../../src-preload/i18n/index';
import { mainLanguage, t } from './i18n';
import { OS_TEXT_LIMITS, osText } from './os-text';

const PLAIN: Intl.NumberFormatOptions = Object.freeze({ useGrouping: false });
const TWO_DIGITS: Intl.NumberFormatOptions = Object.freeze({ minimumIntegerDigits: 2, useGrouping: false });
/**
 * Whole "0:41 left" texts kept per language and second: a ring's notification, and the tray's
 * countdowns every second, ask for the same few again, and this is on the ring's path to its alert.
 */
const leftTexts = new Map<string, string[]>();

/** "0:41 left" / "quedan 0:41" (never negative; digits through Intl in main's language). */
export function timeLeft(expiresAt: number, now: number): string {
  const s = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  const lang = mainLanguage();
  let known = leftTexts.get(lang);
  if (!known) leftTexts.set(lang, (known = []));
  const text = known[s] ?? t('ring.left', { time: `${numberFormat(lang, PLAIN).format(Math.floor(s / 60))}:${numberFormat(lang, TWO_DIGITS).format(s % 60)}` });
  // Beyond an hour (longer than a ring lives) each text is worked out again.
  if (s <= 3600) known[s] = text;
  return text;
}

/** The consumer's name as one inert, capped line, or "A consumer". */
export function consumerLabel(ring: Ring): string {
  return osText(ring.consumerName ?? '', { maxLength: OS_TEXT_LIMITS.name }) || t('ring.aConsumer');
}

export function skillLabel(skillId: string, skills: readonly Skill[]): string {
  const name = skills.find((s) => s.id === skillId)?.name;
  return osText(name ?? '', { maxLength: OS_TEXT_LIMITS.skill }) || osText(t('ring.skill', { id: skillId }), { maxLength: OS_TEXT_LIMITS.skill });
}

/** "Dana Smith · Billing · 0:41 left" (not yet escaped for a menu or a notification daemon). */
export function ringSummary(ring: Ring, skills: readonly Skill[], now: number): string {
  return `${consumerLabel(ring)} · ${skillLabel(ring.skillId, skills)} · ${timeLeft(ring.expiresAt, now)}`;
}

/** Waiting rings, oldest first. */
export function waitingRings(rings: readonly Ring[]): Ring[] {
  return rings.filter((r) => r.state === 'WAITING').sort((a, b) => a.offeredAt - b.offeredAt || a.ringId.localeCompare(b.ringId));
}
