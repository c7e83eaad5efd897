/**
 * Phase 3 (continued): the current session wired to the presenters. On every mode switch the old
 * session's listeners are all detached first (its late events reach nobody), its notifications
 * closed, skills and the live view reset; then the new session is attached: rings → OS alert at
 * once, every event → the renderer (events-bridge.ts), state → the live view and a tray render,
 * skills listed once it is online. App state changes go to the renderer and the tray.
 */
import type { AgentSession } from '../../lp';
import type { DesktopAttention } from '../attention/desktop-attention';
import type { AppStateStore } from '../app-state';
import type { EventsBridge } from '../events-bridge';
import { emptyLiveView, trackSession, type LiveView } from '../live-view';
import type { ModeManager } from '../modes';
import type { RingNotifier } from '../notifications';
import type { SkillsCache } from './skills-cache';

export interface SessionWiringDeps {
  modes: Pick<ModeManager, 'onChange'>;
  notifier: Pick<RingNotifier, 'offered' | 'ended' | 'closeAll'>;
  attention: Pick<DesktopAttention, 'ringOffered' | 'ringEnded' | 'message' | 'conversationGone' | 'clear'>;
  events: Pick<EventsBridge, 'attachSession'>;
  skills: Pick<SkillsCache, 'list' | 'known' | 'clear'>;
  view: LiveView;
  renderTray(): void;
  refreshAppState(): void;
  /** Runs a function after the current emit (setTimeout 0 in the app). */
  defer(fn: () => void): void;
}

/** Attaches the current session and re-attaches on every switch; returns the detach-all. */
export function wireSessions(deps: SessionWiringDeps): () => void {
  let detach: Array<() => void> = [];
  const detachAll = (): void => {
    for (const off of detach.splice(0)) off();
  };
  const listSkills = (session: AgentSession): void => {
    void deps.skills.list(session).catch(() => undefined);
  };
  const attach = (session: AgentSession): Array<() => void> => {
    const names = new Map<string, string>();
    for (const c of session.snapshot().conversations) if (c.consumerName) names.set(c.conversationId, c.consumerName);
    for (const r of session.snapshot().rings) if (r.state === 'WAITING') deps.attention.ringOffered(r.ringId);
    return [
    // First the OS alert, at once, with what is known (notifications.ts); then the renderer; then
    // the ring sound (attention/: emitted in the same tick, but after the ring, so the window draws
    // the ring before it sets up the sound: bench ring-latency, issue #9); then the tray
    // (coalesced), which shows the consumer's name as soon as it arrives.
    session.on('ring/offered', (ring) => {
      deps.notifier.offered(ring);
      if (deps.skills.known().length === 0) listSkills(session);
    }),
    session.on('ring/ended', ({ ring }) => {
      deps.notifier.ended(ring.ringId);
      deps.attention.ringEnded(ring.ringId);
    }),
    session.on('conversation/upsert', (c) => {
      if (c.consumerName) names.set(c.conversationId, c.consumerName);
    }),
    session.on('conversation/removed', ({ conversationId }) => {
      names.delete(conversationId);
      deps.attention.conversationGone(conversationId);
    }),
    // Unread counts, the message toast and its softer sound (attention/unread.ts).
    session.on('message', (m) => deps.attention.message(m, names.get(m.conversationId))),
    deps.events.attachSession(session),
    // After the renderer's ring (see above): the ring sound, the escalation timer.
    session.on('ring/offered', (ring) => deps.attention.ringOffered(ring.ringId)),
    trackSession(session, deps.view, deps.renderTray),
    session.on('connection', (c) => {
      // Deferred: the core is not ready for REST calls inside its own 'online' emit.
      if (c.phase === 'online') deps.defer(() => listSkills(session));
    }),
    ];
  };
  const offModes = deps.modes.onChange(({ session }) => {
    detachAll();
    deps.notifier.closeAll();
    deps.attention.clear();
    deps.skills.clear();
    Object.assign(deps.view, emptyLiveView());
    if (session) detach = attach(session);
    deps.refreshAppState();
    deps.renderTray();
  });
  return () => {
    offModes();
    detachAll();
  };
}

/** App state (mode, account, storage) → the renderer's 'app/state' event and a tray render. */
export function wireAppState(appState: Pick<AppStateStore, 'onChange'>, events: Pick<EventsBridge, 'emit'>, renderTray: () => void): () => void {
  return appState.onChange((state) => {
    events.emit('app/state', state);
    renderTray();
  });
}
