/**
 * Per conversation, the history queries asked for a gap in its live stream (a sequence LivePerson
 * skipped, or an event lost, while the socket stayed up; session/messages.ts noteLiveGap and
 * queryLiveGap decide when). Without them a conversation's window never trims again after such a
 * gap: nothing above the synced watermark is ever let go (MessageList.trim).
 *
 * Bounded, so that a broken or hostile server that keeps opening gaps cannot cause a query storm:
 * - at most one query per conversation is scheduled or in flight; gap events meanwhile do nothing;
 * - each query waits the grace time (`SessionRuntime.gapGraceMs`) after the event that asked for it,
 *   and the next can only be asked for once the answer came: queries of a conversation are never
 *   closer together than the grace time;
 * - an answer (or a failure) that did not move the watermark doubles the next wait, up to
 *   MAX_GAP_BACKOFF × the grace time (~1 a minute at the default 2 s); one that did resets it.
 */
import type { KeyedTimers, SessionRuntime } from './runtime';

/** The longest wait before a gap query, in grace times (after answers that did not help). */
export const MAX_GAP_BACKOFF = 32;

export class LiveGaps {
  private readonly timers: KeyedTimers;
  /** The query in flight per conversation, by its token (an answer of an earlier, forgotten one ends nothing). */
  private readonly inFlight = new Map<string, number>();
  private tokens = 0;
  /** The next wait of a conversation whose last gap query did not help (absent: the grace time). */
  private readonly waits = new Map<string, number>();

  constructor(private readonly rt: SessionRuntime) {
    this.timers = rt.keyedTimers();
  }

  /** No gap query of this conversation is scheduled or in flight. */
  idle(cid: string): boolean {
    return !this.timers.has(cid) && !this.inFlight.has(cid);
  }

  /** `query` runs after the grace time (or the longer wait after answers that did not help). */
  schedule(cid: string, query: () => void): void {
    this.timers.set(cid, query, this.waits.get(cid) ?? this.rt.gapGraceMs);
  }

  /** The query was sent: the token its `end` must bring. */
  begin(cid: string): number {
    this.tokens += 1;
    this.inFlight.set(cid, this.tokens);
    return this.tokens;
  }

  /**
   * The query's answer came (or it failed); `helped`: the watermark moved (or the socket changed
   * meanwhile: its re-sync asked from the watermark anyway, so no reason to wait longer next time).
   */
  end(cid: string, token: number, helped: boolean): void {
    if (this.inFlight.get(cid) !== token) return; // forgotten meanwhile (the conversation went, maybe came back)
    this.inFlight.delete(cid);
    if (helped) {
      this.waits.delete(cid);
      return;
    }
    const grace = this.rt.gapGraceMs;
    this.waits.set(cid, Math.min((this.waits.get(cid) ?? grace) * 2, grace * MAX_GAP_BACKOFF));
  }

  /** The conversation is gone: its pending query is cancelled, an answer still on its way ends nothing. */
  forget(cid: string): void {
    this.timers.cancel(cid);
    this.inFlight.delete(cid);
    this.waits.delete(cid);
  }
}
