/**
 * Ring escalation as a pure model: what to do, and when to look again, given ring events and a clock.
 * A ring is announced at once (one ring sound); if a ring is still waiting `escalateAfterMs` after it
 * was offered, the app escalates (frame flash / dock bounce, tray attention icon, optionally the
 * window to the front) and the ring sound repeats every `repeatEveryMs`; the moment no waiting ring
 * is past the threshold any more (accepted, rejected, taken elsewhere, expired) it calms. The driver
 * (ring-attention.ts) applies the effects and sets one timer for `nextWakeAt`.
 */

export interface EscalationSettings {
  /** Ring sounds wanted at all (the app's mute). */
  sound: boolean;
  /** How long a ring waits before the app escalates. */
  escalateAfterMs: number;
  /** While escalated: the ring sound repeats this often. */
  repeatEveryMs: number;
  /** On escalation, bring the window to the front (off by default). */
  bringToFront: boolean;
}

export interface EscalationState {
  /** Waiting ring id → when it was offered (ms). */
  readonly rings: ReadonlyMap<string, number>;
  readonly escalated: boolean;
  /** When a ring sound last played (ms), null before the first. */
  readonly lastSoundAt: number | null;
}

export type EscalationEffect =
  | { kind: 'sound' }
  /** Flash the frame / bounce the dock, tray attention on, and the window to the front when asked. */
  | { kind: 'escalate'; bringToFront: boolean }
  /** Stop flashing / bouncing, tray attention off. */
  | { kind: 'calm' };

export interface EscalationStep {
  state: EscalationState;
  effects: EscalationEffect[];
}

/** The repeat interval of the escalated ring sound. */
export const DEFAULT_REPEAT_EVERY_MS = 4_000;

export const initialEscalation: EscalationState = { rings: new Map(), escalated: false, lastSoundAt: null };

function oldest(rings: ReadonlyMap<string, number>): number | null {
  let min: number | null = null;
  for (const at of rings.values()) if (min === null || at < min) min = at;
  return min;
}

/** A new waiting ring: announced with one sound (an already known ring changes nothing). */
export function ringOffered(state: EscalationState, ringId: string, now: number, settings: EscalationSettings): EscalationStep {
  if (state.rings.has(ringId)) return { state, effects: [] };
  const rings = new Map(state.rings).set(ringId, now);
  if (!settings.sound) return { state: { ...state, rings }, effects: [] };
  return { state: { ...state, rings, lastSoundAt: now }, effects: [{ kind: 'sound' }] };
}

/** A ring ended (accepted, rejected, taken elsewhere, expired): calm when no waiting ring is past the threshold. */
export function ringEnded(state: EscalationState, ringId: string, now: number, settings: EscalationSettings): EscalationStep {
  if (!state.rings.has(ringId)) return { state, effects: [] };
  const rings = new Map(state.rings);
  rings.delete(ringId);
  const first = oldest(rings);
  const stillDue = first !== null && now - first >= settings.escalateAfterMs;
  if (state.escalated && !stillDue) {
    return { state: { rings, escalated: false, lastSoundAt: rings.size === 0 ? null : state.lastSoundAt }, effects: [{ kind: 'calm' }] };
  }
  return { state: { ...state, rings }, effects: [] };
}

/** Every ring is gone at once (sign-out, session switch). */
export function allEnded(state: EscalationState): EscalationStep {
  return { state: initialEscalation, effects: state.escalated ? [{ kind: 'calm' }] : [] };
}

/** Time passed: escalate once the oldest ring is due, then repeat the sound. */
export function tick(state: EscalationState, now: number, settings: EscalationSettings): EscalationStep {
  const first = oldest(state.rings);
  if (first === null) return { state, effects: [] };
  if (!state.escalated) {
    if (now - first < settings.escalateAfterMs) return { state, effects: [] };
    const effects: EscalationEffect[] = [{ kind: 'escalate', bringToFront: settings.bringToFront }];
    if (settings.sound) effects.push({ kind: 'sound' });
    return { state: { ...state, escalated: true, lastSoundAt: settings.sound ? now : state.lastSoundAt }, effects };
  }
  if (!settings.sound) return { state, effects: [] };
  if (state.lastSoundAt !== null && now - state.lastSoundAt < settings.repeatEveryMs) return { state, effects: [] };
  return { state: { ...state, lastSoundAt: now }, effects: [{ kind: 'sound' }] };
}

/** When `tick` next has something to do (ms), or null while no ring waits. */
export function nextWakeAt(state: EscalationState, settings: EscalationSettings): number | null {
  const first = oldest(state.rings);
  if (first === null) return null;
  if (!state.escalated) return first + settings.escalateAfterMs;
  // Escalated and muted: nothing repeats; the next ring event decides.
  if (!settings.sound) return null;
  return (state.lastSoundAt ?? first) + settings.repeatEveryMs;
}
