/**
 * What the tray shows, as data: icon, tooltip, badge count and the whole menu, computed from state.
 * One "Accept — <consumer> · <skill> · 0:41 left" item per waiting ring (oldest first), "Accept
 * oldest", availability radio items, Show/Hide window, Quit. tray.ts renders it.
 */
import type { AppMode } from '../../src-preload/api';
import type { Availability, ConnectionPhase, Ring, Skill } from '../lp/index';
import { ringSummary, waitingRings } from './ring-text';

export type TrayStatus = 'online' | 'away' | 'offline' | 'reconnecting';
export type TrayIconKey = TrayStatus | `${TrayStatus}-ringing`;

export type TrayAction =
  | { kind: 'accept'; ringId: string }
  | { kind: 'accept-oldest' }
  | { kind: 'availability'; availability: Availability }
  | { kind: 'toggle-window' }
  | { kind: 'quit' };

export type TrayItem =
  | { type: 'separator'; id: string }
  | { type: 'normal' | 'radio'; id: string; label: string; enabled: boolean; checked?: boolean; action: TrayAction };

export interface TrayState {
  mode: AppMode;
  phase: ConnectionPhase;
  availability: Availability;
  rings: readonly Ring[];
  skills: readonly Skill[];
  windowVisible: boolean;
  now: number;
}

export interface TrayModel {
  icon: TrayIconKey;
  tooltip: string;
  badge: number;
  items: TrayItem[];
}

const AVAILABILITY_LABELS: Array<[Availability, string]> = [
  ['ONLINE', 'Online'], ['AWAY', 'Away'], ['BACK_SOON', 'Back soon'], ['OFFLINE', 'Offline'],
];

export function trayStatus(state: Pick<TrayState, 'mode' | 'phase' | 'availability'>): TrayStatus {
  if (state.mode === 'signed-out') return 'offline';
  if (state.phase === 'reconnecting' || state.phase === 'connecting') return 'reconnecting';
  if (state.phase !== 'online') return 'offline';
  if (state.availability === 'ONLINE') return 'online';
  if (state.availability === 'OFFLINE') return 'offline';
  return 'away';
}

export function trayModel(state: TrayState): TrayModel {
  const status = trayStatus(state);
  const waiting = waitingRings(state.rings);
  const signedIn = state.mode !== 'signed-out';
  const statusWords = { online: 'Online', away: 'Away', offline: state.mode === 'signed-out' ? 'Signed out' : 'Offline', reconnecting: 'Reconnecting…' }[status];
  const ringWords = waiting.length === 0 ? '' : ` — ${waiting.length} waiting ${waiting.length === 1 ? 'request' : 'requests'}`;
  const items: TrayItem[] = [];
  for (const ring of waiting) {
    items.push({ type: 'normal', id: `accept:${ring.ringId}`, label: `Accept — ${ringSummary(ring, state.skills, state.now)}`, enabled: true, action: { kind: 'accept', ringId: ring.ringId } });
  }
  items.push({ type: 'normal', id: 'accept-oldest', label: 'Accept oldest', enabled: waiting.length > 0, action: { kind: 'accept-oldest' } });
  items.push({ type: 'separator', id: 'sep-availability' });
  for (const [availability, label] of AVAILABILITY_LABELS) {
    items.push({ type: 'radio', id: `availability:${availability}`, label, enabled: signedIn, checked: signedIn && state.availability === availability, action: { kind: 'availability', availability } });
  }
  items.push({ type: 'separator', id: 'sep-window' });
  items.push({ type: 'normal', id: 'toggle-window', label: state.windowVisible ? 'Hide window' : 'Show window', enabled: true, action: { kind: 'toggle-window' } });
  items.push({ type: 'normal', id: 'quit', label: 'Quit', enabled: true, action: { kind: 'quit' } });
  return {
    icon: waiting.length > 0 ? `${status}-ringing` : status,
    tooltip: `LP Agent Desktop — ${statusWords}${state.mode === 'demo' ? ' (demo)' : ''}${ringWords}`,
    badge: waiting.length,
    items,
  };
}
