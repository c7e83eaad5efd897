/**
 * What the tray shows, as data: icon, tooltip, badge count and the whole menu, computed from state.
 * One "Accept — <consumer> · <skill> · 0:41 left" item per waiting ring (oldest first, at most
 * MAX_TRAY_RINGS, then "+N more waiting…" which shows the window), "Accept oldest", availability
 * radio items, Show/Hide window, Quit. Labels and tooltip go through os-text.ts (inert, capped, `&`
 * doubled where menus read it as a mnemonic). `trayClickAction` is what a click on the icon does
 * (Windows shows no menu on a left click). tray.ts renders it.
 */
import { overdueCount, type AppMode, type ResponseThresholds, type TimedConversation } from '../../src-preload/api';
import type { Availability, ConnectionPhase, Ring, Skill } from '../lp/index';
import { t } from './i18n';
import { menuMnemonics, OS_TEXT_LIMITS, osText } from './os-text';
import { ringSummary, waitingRings } from './ring-text';

export type TrayStatus = 'online' | 'away' | 'offline' | 'reconnecting';
/** `attention`: a ring has waited past the escalation delay (attention/escalation.ts). */
export type TrayIconKey = TrayStatus | `${TrayStatus}-ringing` | 'attention';

export type TrayAction =
  | { kind: 'accept'; ringId: string }
  | { kind: 'accept-oldest' }
  | { kind: 'availability'; availability: Availability }
  | { kind: 'toggle-window' }
  /** Show and focus the window; on `ringId` when given (the oldest waiting ring). */
  | { kind: 'show-window'; ringId?: string }
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
  /** The agent's conversations, for the response-time count (past red adds to the badge). */
  conversations?: readonly TimedConversation[];
  /** Amber/red thresholds from settings (default: response-time.ts's). */
  thresholds?: ResponseThresholds;
  /** A ring is escalating: the attention icon. */
  attention?: boolean;
  /** Unread consumer messages in total (attention/unread.ts): in the badge and the tooltip. */
  unread?: number;
  /** Menu labels double `&` except on macOS. Default: process.platform. */
  platform?: string;
}

/** Ring items listed in the menu; more are summed up in one "+N more waiting…" item. */
export const MAX_TRAY_RINGS = 5;

export interface TrayModel {
  icon: TrayIconKey;
  tooltip: string;
  /** Waiting rings + unread messages + conversations past the red response-time threshold: the dock/taskbar badge. */
  badge: number;
  /** Rings wait: re-render every second (their countdown). */
  countdown: boolean;
  /** Some conversation has a running response-time timer: re-render every second to see it turn red. */
  timing: boolean;
  items: TrayItem[];
}

/** The availability radio items, labelled from the catalogue (`availability.*`). */
const AVAILABILITIES: readonly Exclude<Availability, 'OCCUPIED'>[] = ['ONLINE', 'AWAY', 'BACK_SOON', 'OFFLINE'];

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
  const statusWords = {
    online: t('availability.ONLINE'), away: t('availability.AWAY'),
    offline: state.mode === 'signed-out' ? t('tray.signedOut') : t('availability.OFFLINE'), reconnecting: t('tray.reconnecting'),
  }[status];
  const ringWords = waiting.length === 0 ? '' : t('tray.waitingSuffix', { count: waiting.length });
  const timed = signedIn ? state.conversations ?? [] : [];
  const overdue = overdueCount(timed, state.now, state.thresholds);
  const overdueWords = overdue === 0 ? '' : t('tray.overdueSuffix', { count: overdue });
  const unread = state.unread ?? 0;
  const unreadWords = unread === 0 ? '' : t('tray.unreadSuffix', { count: unread });
  const items: TrayItem[] = [];
  const mnemonics = menuMnemonics(state.platform ?? process.platform);
  const label = (text: string): string => osText(text, { maxLength: OS_TEXT_LIMITS.menuLabel, mnemonics });
  for (const ring of waiting.slice(0, MAX_TRAY_RINGS)) {
    items.push({ type: 'normal', id: `accept:${ring.ringId}`, label: label(t('tray.acceptRing', { summary: ringSummary(ring, state.skills, state.now) })), enabled: true, action: { kind: 'accept', ringId: ring.ringId } });
  }
  if (waiting.length > MAX_TRAY_RINGS) {
    const oldest = waiting[0]?.ringId;
    items.push({ type: 'normal', id: 'more-rings', label: label(t('tray.moreWaiting', { count: waiting.length - MAX_TRAY_RINGS })), enabled: true, action: { kind: 'show-window', ...(oldest ? { ringId: oldest } : {}) } });
  }
  items.push({ type: 'normal', id: 'accept-oldest', label: t('tray.acceptOldest'), enabled: waiting.length > 0, action: { kind: 'accept-oldest' } });
  items.push({ type: 'separator', id: 'sep-availability' });
  for (const availability of AVAILABILITIES) {
    items.push({ type: 'radio', id: `availability:${availability}`, label: t(`availability.${availability}`), enabled: signedIn, checked: signedIn && state.availability === availability, action: { kind: 'availability', availability } });
  }
  items.push({ type: 'separator', id: 'sep-window' });
  items.push({ type: 'normal', id: 'toggle-window', label: state.windowVisible ? t('tray.hideWindow') : t('tray.showWindow'), enabled: true, action: { kind: 'toggle-window' } });
  items.push({ type: 'normal', id: 'quit', label: t('tray.quit'), enabled: true, action: { kind: 'quit' } });
  return {
    icon: state.attention === true && waiting.length > 0 ? 'attention' : waiting.length > 0 ? `${status}-ringing` : status,
    tooltip: osText(t('tray.tooltip', { app: t('app.name'), status: `${statusWords}${state.mode === 'demo' ? t('tray.demoSuffix') : ''}${ringWords}${unreadWords}${overdueWords}` }), { maxLength: OS_TEXT_LIMITS.tooltip }),
    badge: waiting.length + unread + overdue,
    countdown: waiting.length > 0,
    timing: timed.some((c) => c.state === 'OPEN' && c.awaitingReplySince !== undefined),
    items,
  };
}

/** A click on the tray icon: show the window, on the oldest waiting ring if any. */
export function trayClickAction(state: Pick<TrayState, 'rings'>): TrayAction {
  const oldest = waitingRings(state.rings)[0];
  return oldest ? { kind: 'show-window', ringId: oldest.ringId } : { kind: 'show-window' };
}
