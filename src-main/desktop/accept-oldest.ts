/**
 * "Accept oldest": the one decision shared by the IPC request, the tray item and the global
 * shortcut. The oldest waiting ring is the first of `waitingRings` (ring-text.ts: by offer time).
 */
import type { ModeManager } from './modes';
import { waitingRings } from './ring-text';

/** Accepts the oldest waiting ring of the current session; null when signed out or none waits. */
export async function acceptOldest(modes: Pick<ModeManager, 'current'>): Promise<{ ringId: string } | null> {
  const session = modes.current().session;
  if (!session) return null;
  const oldest = waitingRings(session.snapshot().rings)[0];
  if (!oldest) return null;
  await session.acceptRing(oldest.ringId);
  return { ringId: oldest.ringId };
}
