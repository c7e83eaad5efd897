/**
 * Rings: pure decisions from RoutingTaskNotification changes (lp-protocol.md §7, §13).
 *
 * Decisions (the reference leaves these open):
 * - A ring is identified by ringId alone: a WAITING ring seen again (re-sent after a resubscribe)
 *   is the same ring, never offered twice; a ring that ended is never offered again.
 * - expiresAt: `ringExpirationTs` is server time. It is converted with the estimated server clock
 *   offset (from server timestamps of live events; 0 until known) and trusted only when the
 *   remaining time it gives is plausible — in (0, ringExpiration + 2 s]. A WAITING ring is by
 *   definition not expired on the server, so anything else means the clocks disagree, and the
 *   ring gets the full `ringExpiration` from the time it was received (72 s when even that is absent).
 * - A ring that is re-sent keeps the expiry it was first given.
 * - Rings naming another agent (agentId/agentUserId, not in the reference but harmless) are ignored.
 * - A known ring absent from its task's change, or whose task completed / was deleted without a
 *   terminal state, ends 'taken-elsewhere' when the task names another assigned agent,
 *   'accepted' when it names us, else 'removed'.
 */
import type { Ring, RingEndReason, RingState } from '../protocol/model';
import type { RawRing, RawRoutingTask } from '../protocol/notifications';

const DEFAULT_RING_LIFETIME_MS = 72_000;
const PLAUSIBILITY_SLACK_MS = 2_000;

export interface RingEntry {
  ring: Ring;
  routingTaskId?: string;
}

export type RingDecision =
  | { type: 'offered'; entry: RingEntry }
  | { type: 'updated'; entry: RingEntry }
  | { type: 'ended'; entry: RingEntry; reason: RingEndReason };

interface RingContext {
  now: number;
  /** Estimated server clock minus local clock, ms. */
  serverOffsetMs: number;
  /** Ids that denote this agent: legacy id, PID, numeric user id. */
  myIds: ReadonlySet<string>;
}

export function ringExpiresAt(raw: Pick<RawRing, 'ringExpiration' | 'ringExpirationTs'>, receivedAt: number, serverOffsetMs: number): number {
  const lifetime = raw.ringExpiration !== undefined && raw.ringExpiration > 0 ? raw.ringExpiration : DEFAULT_RING_LIFETIME_MS;
  if (raw.ringExpirationTs !== undefined) {
    const local = raw.ringExpirationTs - serverOffsetMs;
    const remaining = local - receivedAt;
    if (remaining > 0 && remaining <= lifetime + PLAUSIBILITY_SLACK_MS) return local;
  }
  return receivedAt + lifetime;
}

const TERMINAL: Record<string, RingEndReason> = {
  ACCEPTED: 'accepted',
  AUTO_ACCEPT: 'accepted',
  REJECTED: 'rejected',
  EXPIRED: 'expired',
  CANCELLED: 'cancelled',
};

function terminalReason(state: string): RingEndReason | undefined {
  return TERMINAL[state];
}

function taskEndReason(task: RawRoutingTask, ctx: RingContext): RingEndReason {
  if (task.assignedAgentId !== undefined && task.assignedAgentId !== '') {
    return ctx.myIds.has(task.assignedAgentId) ? 'accepted' : 'taken-elsewhere';
  }
  return 'removed';
}

function forOtherAgent(raw: RawRing, ctx: RingContext): boolean {
  const named = raw.agentUserId ?? raw.agentId;
  return named !== undefined && named !== '' && !ctx.myIds.has(named);
}

/**
 * Applies one routing change to the known rings. Does not mutate: returns decisions; the caller
 * updates its map (offered/updated → set, ended → delete and remember the id).
 */
export function applyRoutingChange(
  known: ReadonlyMap<string, RingEntry>,
  endedIds: { has(id: string): boolean },
  change: { type: string; result: RawRoutingTask },
  ctx: RingContext,
): RingDecision[] {
  const task = change.result;
  const out: RingDecision[] = [];
  const seen = new Set<string>();
  const isDelete = change.type === 'DELETE';

  for (const raw of task.ringsDetails) {
    if (forOtherAgent(raw, ctx)) continue;
    seen.add(raw.ringId);
    const entry = known.get(raw.ringId);
    const reason = terminalReason(raw.ringState);
    if (reason !== undefined) {
      if (entry) out.push({ type: 'ended', entry: { ...entry, ring: { ...entry.ring, state: raw.ringState as RingState } }, reason });
      continue;
    }
    if (raw.ringState !== 'WAITING') continue; // unknown state: ignore (§5 unknown enums)
    if (isDelete || task.taskCompleted === true) {
      if (entry) out.push({ type: 'ended', entry, reason: taskEndReason(task, ctx) });
      continue;
    }
    if (entry || endedIds.has(raw.ringId)) continue; // same ring again (§13)
    const conversationId = raw.convId ?? task.conversationId;
    if (conversationId === undefined) continue;
    const ring: Ring = {
      ringId: raw.ringId,
      conversationId,
      consumerId: raw.consumerId ?? task.consumerId ?? '',
      skillId: raw.skillId ?? task.skillId ?? '-1',
      state: 'WAITING',
      expiresAt: ringExpiresAt(raw, ctx.now, ctx.serverOffsetMs),
      offeredAt: ctx.now,
    };
    const fresh: RingEntry = task.routingTaskId !== undefined ? { ring, routingTaskId: task.routingTaskId } : { ring };
    out.push({ type: 'offered', entry: fresh });
  }

  // Known rings of this task that the change no longer lists.
  if (task.routingTaskId !== undefined) {
    for (const entry of known.values()) {
      if (entry.routingTaskId !== task.routingTaskId || seen.has(entry.ring.ringId)) continue;
      out.push({ type: 'ended', entry, reason: taskEndReason(task, ctx) });
    }
  }
  return out;
}

/** Rings whose time passed (local timer, or time spent offline). */
export function expiredRings(known: ReadonlyMap<string, RingEntry>, now: number): RingEntry[] {
  const out: RingEntry[] = [];
  for (const e of known.values()) if (e.ring.expiresAt <= now) out.push(e);
  return out;
}

/** A bounded set of ids (remembers the last `capacity`): ended rings are never offered again. */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 1000) {}
  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const first = this.ids.values().next();
      if (!first.done) this.ids.delete(first.value);
    }
  }
  has(id: string): boolean {
    return this.ids.has(id);
  }
  delete(id: string): void {
    this.ids.delete(id);
  }
}
