/** Derived views of the state; components read through these. */
import type { Conversation, Ring } from '../../src-preload/api';
import type { State } from './reducer';
import { visibleBidi } from '../lib/text';

const EMPTY: never[] = [];

/** Waiting rings, oldest first. */
export function selectRings(s: State): Ring[] {
  return Object.values(s.rings).filter((r) => r.state === 'WAITING').sort((a, b) => a.offeredAt - b.offeredAt);
}

/** Open conversations first, then by latest activity. */
export function selectConversations(s: State): Conversation[] {
  return Object.values(s.conversations).sort((a, b) => {
    if (a.state !== b.state) return a.state === 'OPEN' ? -1 : 1;
    return b.lastUpdateTs - a.lastUpdateTs;
  });
}

export function selectSelected(s: State): Conversation | null {
  return s.selectedConversationId ? s.conversations[s.selectedConversationId] ?? null : null;
}

/**
 * The same conversation on screen as far as the workspace around the thread draws it: id, consumer,
 * skill, state, ownership (its title, side panel, composer and the thread's key read only these).
 * A new message changes the conversation's preview, times and counts, not these: under a flood the
 * workspace does not re-render for each one (issue #15).
 */
export function sameShownConversation(a: Conversation | null, b: Conversation | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.conversationId === b.conversationId && a.consumerId === b.consumerId && a.consumerName === b.consumerName
    && a.skillId === b.skillId && a.state === b.state && a.mine === b.mine;
}

export function selectMessages(s: State, conversationId: string | null) {
  return conversationId ? s.messages[conversationId] ?? EMPTY : EMPTY;
}

export function consumerLabel(x: { consumerName?: string; consumerId: string }): string {
  return visibleBidi(x.consumerName?.trim() || `Consumer ${x.consumerId.slice(0, 8)}`);
}
