/** Words for a ring, shared by the notification and the tray: consumer, skill name, time left. */
import type { Ring, Skill } from '../lp/model';

/** "0:41 left" (never negative). */
export function timeLeft(expiresAt: number, now: number): string {
  const s = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} left`;
}

export function consumerLabel(ring: Ring): string {
  return ring.consumerName?.trim() || 'A consumer';
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
