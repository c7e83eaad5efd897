/**
 * When an SSO session ends for good, ask the agent to sign in again — once (issue 11.6). An SSO
 * session has no stored password: when its bearer can no longer be refreshed and LivePerson refuses
 * the assertion again (the core then stops in 'auth-failed' and retries nothing), only the agent can
 * renew it, through the identity provider. The decision returns its reason, so the log and the tests
 * can say why nothing was shown.
 */
import type { ConnectionPhase } from '../../lp';

export type ReauthDecision =
  | { ask: true }
  | { ask: false; reason: 'not-sso' | 'not-ended' | 'already-asked' };

export function decideReauth(input: { sso: boolean; phase: ConnectionPhase; asked: boolean }): ReauthDecision {
  if (!input.sso) return { ask: false, reason: 'not-sso' };
  if (input.phase !== 'auth-failed') return { ask: false, reason: 'not-ended' };
  if (input.asked) return { ask: false, reason: 'already-asked' };
  return { ask: true };
}

/**
 * Follows one session's connection phases and says `ask` at most once for it: a new tracker comes
 * with each new sign-in, so being asked again needs a new session that ended again.
 */
export function createReauthTracker(sso: boolean): { phase(phase: ConnectionPhase): ReauthDecision; readonly asked: boolean } {
  let asked = false;
  return {
    phase(phase) {
      const d = decideReauth({ sso, phase, asked });
      if (d.ask) asked = true;
      return d;
    },
    get asked() {
      return asked;
    },
  };
}
