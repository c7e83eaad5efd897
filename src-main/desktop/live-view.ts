/**
 * A small view of the current session kept from its events (phase, availability, rings), so the
 * tray can re-render every second without copying the whole session snapshot each time.
 */
import type { Availability, ConnectionPhase, Ring, AgentSession } from '../lp/index';

export interface LiveView {
  phase: ConnectionPhase;
  availability: Availability;
  rings: Map<string, Ring>;
}

export function emptyLiveView(): LiveView {
  return { phase: 'idle', availability: 'OFFLINE', rings: new Map() };
}

/** Fills `view` from the session's snapshot and keeps it current; calls `changed` after each update. */
export function trackSession(session: AgentSession, view: LiveView, changed: () => void): () => void {
  const snap = session.snapshot();
  view.phase = snap.connection.phase;
  view.availability = snap.availability;
  view.rings = new Map(snap.rings.map((r) => [r.ringId, r]));
  const offs = [
    session.on('connection', (c) => {
      view.phase = c.phase;
      changed();
    }),
    session.on('availability', (a) => {
      view.availability = a;
      changed();
    }),
    session.on('ring/offered', (r) => {
      view.rings.set(r.ringId, r);
      changed();
    }),
    session.on('ring/updated', (r) => {
      view.rings.set(r.ringId, r);
      changed();
    }),
    session.on('ring/ended', ({ ring }) => {
      view.rings.delete(ring.ringId);
      changed();
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
