/** Words for a ring, shared by the notification and the tray: consumer, skill name, time left. */
import type { Ring, Skill } from '../lp/index';

/** "0:41 left" (never negative). */
export function timeLeft(expiresAt: number, now: number): string {
  const s = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} left`;
}

/**
 * A consumer-chosen name as one inert line for OS surfaces (notification body, tray label, which
 * render it without the app's bidi markers): explicit bidi controls (U+202A–U+202E, U+2066–U+2069)
 * become visible "[U+202E]" markers so a name cannot reorder the text after it, and control
 * characters (NUL, newlines, tabs, DEL) become spaces so it cannot cut or break the line.
 */
export function inertLabel(text: string): string {
  return text
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F]/g, ' ');
}

export function consumerLabel(ring: Ring): string {
  return inertLabel(ring.consumerName?.trim() ?? '').trim() || 'A consumer';
}

export function skillLabel(skillId: string, skills: readonly Skill[]): string {
  return skills.find((s) => s.id === skillId)?.name ?? `skill ${skillId}`;
}

/** "Dana Smith · Billing · 0:41 left" */
export function ringSummary(ring: Ring, skills: readonly Skill[], now: number): string {
  return `${consumerLabel(ring)} · ${skillLabel(ring.skillId, skills)} · ${timeLeft(ring.expiresAt, now)}`;
}

/** Waiting rings, oldest first. */
export function waitingRings(rings: readonly Ring[]): Ring[] {
  return rings.filter((r) => r.state === 'WAITING').sort((a, b) => a.offeredAt - b.offeredAt || a.ringId.localeCompare(b.ringId));
}
