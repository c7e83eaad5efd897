/**
 * The response-time timer, as a pure model shared by main (tray badge and tooltip) and the renderer
 * (the conversation list): how long the consumer has waited for an answer, and whether that is fine,
 * amber or red. No imports, no clock of its own: `now` is passed in, so it is tested on a fake clock.
 *
 * The deadline (red) is, in order of preference:
 *   1. `responseDueAt` — LivePerson's `effectiveTTR` for the conversation, when the server sends one;
 *   2. `awaitingReplySince` + `ttr.seconds` — the conversation's time to respond (the skill's SLA);
 *   3. `awaitingReplySince` + the red threshold from settings.
 * Amber comes at the same fraction of the allowed time as the settings' amber/red (with the default
 * 60 s / 180 s: a third of the way), so a 20-minute SLA turns amber after 6:40.
 */

export interface ResponseThresholds {
  /** Seconds of waiting after which the timer turns amber (when no SLA is known). */
  amberSeconds: number;
  /** Seconds of waiting after which the timer turns red (when no SLA is known). */
  redSeconds: number;
}

export const DEFAULT_RESPONSE_THRESHOLDS: ResponseThresholds = { amberSeconds: 60, redSeconds: 180 };

/** What a conversation must carry for its timer (the core's Conversation has these fields). */
export interface TimedConversation {
  state: 'OPEN' | 'CLOSE';
  awaitingReplySince?: number;
  ttr?: { type: string; seconds: number };
  responseDueAt?: number;
}

export type ResponseLevel = 'ok' | 'amber' | 'red';

export interface ResponseTimer {
  /** Epoch ms the wait started (the consumer's first unanswered message). */
  since: number;
  waitingMs: number;
  amberAt: number;
  redAt: number;
  level: ResponseLevel;
  /** Where the deadline came from. */
  source: 'server' | 'sla' | 'settings';
}

function sane(t: ResponseThresholds): ResponseThresholds {
  const red = Number.isFinite(t.redSeconds) && t.redSeconds > 0 ? t.redSeconds : DEFAULT_RESPONSE_THRESHOLDS.redSeconds;
  const amber = Number.isFinite(t.amberSeconds) && t.amberSeconds > 0 ? Math.min(t.amberSeconds, red) : Math.min(DEFAULT_RESPONSE_THRESHOLDS.amberSeconds, red);
  return { amberSeconds: amber, redSeconds: red };
}

/** The conversation's timer at `now`, or null when nobody waits (or it is closed). */
export function responseTimer(c: TimedConversation, now: number, thresholds: ResponseThresholds = DEFAULT_RESPONSE_THRESHOLDS): ResponseTimer | null {
  const since = c.awaitingReplySince;
  if (c.state !== 'OPEN' || since === undefined || !Number.isFinite(since)) return null;
  const t = sane(thresholds);
  let redAt: number;
  let source: ResponseTimer['source'];
  if (c.responseDueAt !== undefined && Number.isFinite(c.responseDueAt) && c.responseDueAt > since) {
    redAt = c.responseDueAt;
    source = 'server';
  } else if (c.ttr && Number.isFinite(c.ttr.seconds) && c.ttr.seconds > 0) {
    redAt = since + c.ttr.seconds * 1000;
    source = 'sla';
  } else {
    redAt = since + t.redSeconds * 1000;
    source = 'settings';
  }
  const amberAt = source === 'settings' ? since + t.amberSeconds * 1000 : since + Math.round((redAt - since) * (t.amberSeconds / t.redSeconds));
  const level: ResponseLevel = now >= redAt ? 'red' : now >= amberAt ? 'amber' : 'ok';
  return { since, waitingMs: Math.max(0, now - since), amberAt, redAt, level, source };
}

/** Epoch ms of the next level change of any of the conversations after `now` (to schedule a re-render), or undefined. */
export function nextResponseChange(list: readonly TimedConversation[], now: number, thresholds?: ResponseThresholds): number | undefined {
  let next: number | undefined;
  for (const c of list) {
    const t = responseTimer(c, now, thresholds);
    if (!t) continue;
    for (const at of [t.amberAt, t.redAt]) if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}

/** How many conversations are past red at `now` (the tray's count). */
export function overdueCount(list: readonly TimedConversation[], now: number, thresholds?: ResponseThresholds): number {
  let n = 0;
  for (const c of list) if (responseTimer(c, now, thresholds)?.level === 'red') n += 1;
  return n;
}

/**
 * Most urgent first: waiting conversations by deadline (the most overdue first), then those nobody
 * waits in, in their previous order (a stable sort).
 */
export function byUrgency<T extends TimedConversation>(list: readonly T[], now: number, thresholds?: ResponseThresholds): T[] {
  const keyed = list.map((c, i) => ({ c, i, due: responseTimer(c, now, thresholds)?.redAt }));
  keyed.sort((a, b) => {
    if (a.due !== undefined && b.due !== undefined) return a.due - b.due || a.i - b.i;
    if (a.due !== undefined) return -1;
    if (b.due !== undefined) return 1;
    return a.i - b.i;
  });
  return keyed.map((k) => k.c);
}
