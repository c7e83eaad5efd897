/**
 * The waiting rings: the only place that changes them. Decisions come from decisions/rings.ts
 * (lp-protocol.md §7, §13); this applies them, runs each ring's expiry timer and emits
 * `ring/offered`, `ring/updated` and `ring/ended`. An ended ring's id is remembered so it is
 * never offered again.
 */
import type { Ring, RingEndReason, RingState } from '../protocol/model';
import type { RawRoutingChange } from '../protocol/notifications';
import { applyRoutingChange, expiredRings, RecentIds, type RingDecision, type RingEntry } from '../decisions/rings';
import type { KeyedTimers, SessionRuntime } from './runtime';

/** What the rings need to know about consumers: a known name, and a way to learn it. */
export interface ConsumerNames {
  nameFor(consumerId: string): string | undefined;
  learnInBackground(consumerId: string): void;
}

const END_STATE: Record<RingEndReason, RingState> = {
  accepted: 'ACCEPTED',
  rejected: 'REJECTED',
  expired: 'EXPIRED',
  cancelled: 'CANCELLED',
  'taken-elsewhere': 'CANCELLED',
  removed: 'CANCELLED',
};

export class RingsState {
  private readonly rings = new Map<string, RingEntry>();
  private readonly ended = new RecentIds(2000);
  private readonly expiry: KeyedTimers;

  constructor(private readonly rt: SessionRuntime, private readonly names: ConsumerNames) {
    this.expiry = rt.keyedTimers();
  }

  has(ringId: string): boolean {
    return this.rings.has(ringId);
  }

  /** Copies of the waiting rings (snapshot). */
  list(): Ring[] {
    return [...this.rings.values()].map((e) => ({ ...e.ring }));
  }

  /** One routing change (already parsed), decided by decisions/rings.ts and applied. */
  applyChange(change: RawRoutingChange, ctx: { serverOffsetMs: number; myIds: ReadonlySet<string> }): void {
    const rc = { now: this.rt.clock.now(), serverOffsetMs: ctx.serverOffsetMs, myIds: ctx.myIds };
    for (const d of applyRoutingChange(this.rings, this.ended, change, rc)) this.apply(d);
  }

  private apply(d: RingDecision): void {
    const ring = d.entry.ring;
    if (d.type === 'ended') return this.end(ring.ringId, d.reason, ring.state);
    this.rings.set(ring.ringId, d.entry);
    if (d.type === 'updated') {
      this.rt.emit('ring/updated', { ...ring });
      return;
    }
    const name = this.names.nameFor(ring.consumerId);
    if (name) ring.consumerName = name;
    this.expiry.set(ring.ringId, () => this.end(ring.ringId, 'expired', 'EXPIRED'), ring.expiresAt - this.rt.clock.now());
    this.rt.emit('ring/offered', { ...ring });
    if (!ring.consumerName && ring.consumerId) this.names.learnInBackground(ring.consumerId);
  }

  /** Rings whose time passed (e.g. while the socket was down) end 'expired'. */
  expireDue(): void {
    for (const e of expiredRings(this.rings, this.rt.clock.now())) this.end(e.ring.ringId, 'expired', 'EXPIRED');
  }

  /** A waiting ring for a conversation that is now this agent's was accepted (maybe elsewhere: §13 ordering). */
  acceptedWith(conversationId: string): void {
    for (const e of [...this.rings.values()]) if (e.ring.conversationId === conversationId) this.end(e.ring.ringId, 'accepted', 'ACCEPTED');
  }

  /**
   * Ends a known ring (no-op for an unknown one) and remembers its id so it is never offered again.
   * The ended ring carries a terminal state: the server's when it named one, else one for the reason.
   */
  end(ringId: string, reason: RingEndReason, state?: RingState): void {
    const entry = this.rings.get(ringId);
    if (!entry) return;
    this.rings.delete(ringId);
    this.ended.add(ringId);
    this.expiry.cancel(ringId);
    const ring: Ring = { ...entry.ring, state: state !== undefined && state !== 'WAITING' ? state : END_STATE[reason] };
    this.rt.emit('ring/ended', { ring, reason });
  }

  /** A consumer's name became known. */
  nameConsumer(consumerId: string, name: string): void {
    for (const e of this.rings.values()) {
      if (e.ring.consumerId === consumerId && e.ring.consumerName !== name) {
        e.ring.consumerName = name;
        this.rt.emit('ring/updated', { ...e.ring });
      }
    }
  }
}
