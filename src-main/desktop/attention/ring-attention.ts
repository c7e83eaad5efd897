/**
 * Drives the escalation model (escalation.ts) with a clock and one timer: ring events in, effects
 * out — `playSound` (the renderer plays it, see sound-event.ts), `escalate` and `calm` (the window,
 * dock and tray adapters, wired in startup/presenters.ts). Settings are read at each step, so a
 * change (mute, a longer delay) applies from the next ring event or tick.
 */
import { allEnded, initialEscalation, nextWakeAt, ringEnded, ringOffered, tick, type EscalationEffect, type EscalationSettings, type EscalationState, type EscalationStep } from './escalation';

export interface RingAttentionDeps {
  settings(): EscalationSettings;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  playSound(): void;
  escalate(bringToFront: boolean): void;
  calm(): void;
  log(message: string): void;
}

export interface RingAttention {
  offered(ringId: string): void;
  ended(ringId: string): void;
  /** Every ring gone (sign-out, session switch, quit). */
  clear(): void;
  /** Whether the app is escalating now (tray attention icon). */
  escalated(): boolean;
}

export function createRingAttention(deps: RingAttentionDeps): RingAttention {
  let state: EscalationState = initialEscalation;
  let timer: unknown = null;

  const apply = (effect: EscalationEffect): void => {
    try {
      if (effect.kind === 'sound') deps.playSound();
      else if (effect.kind === 'escalate') deps.escalate(effect.bringToFront);
      else deps.calm();
    } catch (err) {
      deps.log(`ring attention ${effect.kind} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const schedule = (): void => {
    if (timer !== null) deps.clearTimeout(timer);
    timer = null;
    const at = nextWakeAt(state, deps.settings());
    if (at === null) return;
    timer = deps.setTimeout(onTimer, Math.max(0, at - deps.now()));
  };

  const step = (next: EscalationStep): void => {
    state = next.state;
    for (const effect of next.effects) apply(effect);
    schedule();
  };

  function onTimer(): void {
    timer = null;
    step(tick(state, deps.now(), deps.settings()));
  }

  return {
    offered: (ringId) => step(ringOffered(state, ringId, deps.now(), deps.settings())),
    ended: (ringId) => step(ringEnded(state, ringId, deps.now(), deps.settings())),
    clear: () => step(allEnded(state)),
    escalated: () => state.escalated,
  };
}
