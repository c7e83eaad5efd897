// Asking to sign in again after an SSO session ended (src-main/desktop/sso/reauth.ts): once, only for SSO, only at the end.
import { describe, expect, it } from 'vitest';
import type { ConnectionPhase } from '../../../src-main/lp';
import { createReauthTracker, decideReauth } from '../../../src-main/desktop/sso/reauth';

describe('decideReauth', () => {
  it('asks only for an SSO session that reached auth-failed, and only when not asked yet', () => {
    expect(decideReauth({ sso: true, phase: 'auth-failed', asked: false })).toEqual({ ask: true });
    expect(decideReauth({ sso: false, phase: 'auth-failed', asked: false })).toEqual({ ask: false, reason: 'not-sso' });
    expect(decideReauth({ sso: true, phase: 'reconnecting', asked: false })).toEqual({ ask: false, reason: 'not-ended' });
    expect(decideReauth({ sso: true, phase: 'offline', asked: false })).toEqual({ ask: false, reason: 'not-ended' });
    expect(decideReauth({ sso: true, phase: 'auth-failed', asked: true })).toEqual({ ask: false, reason: 'already-asked' });
  });
});

describe('createReauthTracker', () => {
  it('says ask exactly once however often the session passes through auth-failed', () => {
    const tracker = createReauthTracker(true);
    const phases: ConnectionPhase[] = ['connecting', 'online', 'reconnecting', 'auth-failed', 'offline', 'auth-failed', 'auth-failed'];
    const asks = phases.map((p) => tracker.phase(p)).filter((d) => d.ask);
    expect(asks).toHaveLength(1);
    expect(tracker.asked).toBe(true);
    expect(tracker.phase('auth-failed')).toEqual({ ask: false, reason: 'already-asked' });
  });

  it('never asks for a password session', () => {
    const tracker = createReauthTracker(false);
    expect(tracker.phase('auth-failed')).toEqual({ ask: false, reason: 'not-sso' });
    expect(tracker.asked).toBe(false);
  });
});
