/**
 * The renderer's whole state and the pure reducer that applies snapshots, events and UI actions.
 * Every contract event and every action has its case: a new one fails to compile until handled.
 */
import { i18n } from '../i18n';
import type {
  AgentProfile, AppSnapshot, AppState, Availability, ChatMessage, ChatState, ConnectionState, Conversation,
  EventName, EventPayloads, Ring, Settings, Skill, SoundName, UnreadCounts,
} from '../../src-preload/api';
import { applyReceipt, keepNewest, mergeMessages, MESSAGES_KEPT, upsertMessage } from './messages';

export interface TypingInfo { state: ChatState; at: number }
export interface MessageWindow { limit: number; notKept: number }
/**
 * A banner. `topic` groups banners about one thing (e.g. 'link': a refused link): a new one of a
 * topic replaces the old, and `banner/clear` drops them when the thing has worked after all.
 */
export interface Banner { id: number; ringId?: string; topic?: string; text: string; kind: 'info' | 'error' }

export interface State {
  ready: boolean;
  seq: number;
  app: AppState | null;
  settings: Settings | null;
  connection: ConnectionState;
  availability: Availability;
  profile?: AgentProfile;
  rings: Record<string, Ring>;
  conversations: Record<string, Conversation>;
  messages: Record<string, ChatMessage[]>;
  /**
   * Per conversation with a raised limit or messages left out: how many it may keep (default
   * MESSAGES_KEPT) and how many older ones are not in memory (main still has them: history).
   */
  messageWindows: Record<string, MessageWindow>;
  typing: Record<string, TypingInfo>;
  selectedConversationId: string | null;
  /** Bumped on ui/focus so components can move focus even to the same target twice. */
  focus: { ringId?: string; conversationId?: string; nonce: number } | null;
  /** Bumped on ui/open (the application menu): the workspace opens that panel. */
  openPanel: { panel: 'settings' | 'diagnostics'; nonce: number } | null;
  banners: Banner[];
  /** The newest ring offered, for the aria-live announcement. */
  lastOfferedRingId: string | null;
  /** Conversations this window asked to close: they go at once, no "closed" view is kept. */
  closingHere: Record<string, true>;
  /** Skill names for display (id → name), loaded once per sign-in and refreshed by the transfer dialog. */
  skillNames: Record<string, string>;
  /** The id the next banner gets. */
  nextBannerId: number;
  /** Unread consumer messages per conversation (counted by main). */
  unread: UnreadCounts;
  /** The latest sounds main asked for (numbered, at most SOUND_QUEUE kept): the player plays the new ones. */
  sounds: Array<{ sound: SoundName; volume: number; nonce: number }>;
}

export const initialState: State = {
  ready: false,
  seq: 0,
  app: null,
  settings: null,
  connection: { phase: 'idle', reconnects: 0, since: 0 },
  availability: 'OFFLINE',
  rings: {},
  conversations: {},
  messages: {},
  messageWindows: {},
  typing: {},
  selectedConversationId: null,
  focus: null,
  openPanel: null,
  banners: [],
  lastOfferedRingId: null,
  closingHere: {},
  skillNames: {},
  nextBannerId: 1,
  unread: { counts: {}, total: 0 },
  sounds: [],
};

/** Sounds kept for the player; more than this between two renders are not worth playing. */
export const SOUND_QUEUE = 8;

export type EventAction = { [N in EventName]: { type: 'event'; name: N; data: EventPayloads[N]; at: number } }[EventName];

export type Action =
  | { type: 'snapshot'; snapshot: AppSnapshot }
  | EventAction
  | { type: 'typing/expire'; conversationId: string; at: number }
  | { type: 'select'; conversationId: string | null }
  | { type: 'closing'; conversationId: string }
  | { type: 'banner/dismiss'; id: number }
  | { type: 'banner/show'; text: string; kind: 'info' | 'error'; topic?: string }
  | { type: 'banner/clear'; topic: string }
  | { type: 'skills/loaded'; skills: readonly Skill[] }
  | { type: 'unread'; unread: UnreadCounts }
  /** The agent asked for earlier messages: this conversation may keep MESSAGES_KEPT more (history fills them). */
  | { type: 'messages/show-earlier'; conversationId: string };

/** The compile-time half of an exhaustive switch; reaching it at run time is a bug, said loudly. */
function unhandled(value: never): never {
  throw new Error(`reducer: unhandled ${JSON.stringify(value)}`);
}

/** Sets a conversation's list, keeping only its newest messages up to its window's limit. */
function withMessages(state: State, id: string, list: ChatMessage[]): State {
  const window = state.messageWindows[id];
  const limit = window?.limit ?? MESSAGES_KEPT;
  const kept = keepNewest(list, limit);
  const notKept = (window?.notKept ?? 0) + kept.notKept; // each message pushed out is one more left out
  const windows = window || kept.notKept > 0 ? { ...state.messageWindows, [id]: { limit, notKept } } : state.messageWindows;
  return { ...state, messages: { ...state.messages, [id]: kept.list }, messageWindows: windows };
}

function byKey<T>(list: readonly T[], key: (t: T) => string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of list) out[key(item)] = item;
  return out;
}

function without<T>(rec: Record<string, T>, key: string): Record<string, T> {
  if (!(key in rec)) return rec;
  const out = { ...rec };
  delete out[key];
  return out;
}

function addBanner(state: State, b: Omit<Banner, 'id'>): State {
  const id = state.nextBannerId;
  const kept = b.topic === undefined ? state.banners : state.banners.filter((x) => x.topic !== b.topic);
  return { ...state, nextBannerId: id + 1, banners: [...kept.slice(-4), { ...b, id }] };
}

/** A ring is gone: drop it and any banner that offered it. */
function endRing(state: State, ringId: string): State {
  const banners = state.banners.some((b) => b.ringId === ringId) ? state.banners.filter((b) => b.ringId !== ringId) : state.banners;
  return { ...state, rings: without(state.rings, ringId), banners };
}

function applyEvent(state: State, a: EventAction): State {
  switch (a.name) {
    case 'app/state': {
      const signedOut = a.data.mode === 'signed-out';
      // Signed out: the session's state goes, and so do its banners (a refused sign-in says why on
      // the form; its error banners must not greet the next session) and the account's skill names.
      return signedOut
        ? { ...state, app: a.data, rings: {}, conversations: {}, messages: {}, messageWindows: {}, typing: {}, selectedConversationId: null, banners: [], skillNames: {} }
        : { ...state, app: a.data };
    }
    case 'settings/changed':
      return { ...state, settings: a.data };
    case 'connection/state':
      return { ...state, connection: a.data };
    case 'agent/profile':
      return { ...state, profile: a.data };
    case 'agent/availability':
      return { ...state, availability: a.data };
    case 'ring/offered':
      return { ...state, rings: { ...state.rings, [a.data.ringId]: a.data }, lastOfferedRingId: a.data.ringId };
    case 'ring/updated':
      if (a.data.state !== 'WAITING') return endRing(state, a.data.ringId);
      return { ...state, rings: { ...state.rings, [a.data.ringId]: a.data } };
    case 'ring/ended':
      return endRing(state, a.data.ring.ringId);
    case 'conversation/upsert':
      return { ...state, conversations: { ...state.conversations, [a.data.conversationId]: a.data } };
    case 'conversation/removed': {
      const id = a.data.conversationId;
      const conv = state.conversations[id];
      // Closed by the other side while the agent is reading it: keep it, read-only, until the agent
      // moves on (selects another conversation or dismisses it) — a thread must not vanish mid-read.
      if (a.data.reason === 'closed' && conv && state.selectedConversationId === id && !state.closingHere[id]) {
        return addBanner({
          ...state,
          conversations: { ...state.conversations, [id]: { ...conv, state: 'CLOSE', endTs: conv.endTs ?? a.at } },
          typing: without(state.typing, id),
        }, { kind: 'info', text: i18n.t('errors.conversationClosed') });
      }
      return {
        ...state,
        conversations: without(state.conversations, id),
        messages: without(state.messages, id),
        messageWindows: without(state.messageWindows, id),
        typing: without(state.typing, id),
        selectedConversationId: state.selectedConversationId === id ? null : state.selectedConversationId,
        closingHere: without(state.closingHere, id),
      };
    }
    case 'message/upsert': {
      const id = a.data.conversationId;
      const list = upsertMessage(state.messages[id] ?? [], a.data);
      // A consumer message ends their typing indicator.
      const typing = a.data.role === 'CONSUMER' ? without(state.typing, id) : state.typing;
      return { ...withMessages(state, id, list), typing };
    }
    case 'message/history': {
      const id = a.data.conversationId;
      const merged = mergeMessages(state.messages[id] ?? [], a.data.messages);
      // History is the whole list main holds: what it leaves out beyond the window is exactly what is not kept.
      const next = withMessages(state, id, merged);
      const window = next.messageWindows[id];
      if (!window) return next;
      return { ...next, messageWindows: { ...next.messageWindows, [id]: { ...window, notKept: Math.max(0, merged.length - window.limit) } } };
    }
    case 'message/receipt': {
      const id = a.data.conversationId;
      const list = state.messages[id];
      if (!list) return state;
      return { ...state, messages: { ...state.messages, [id]: applyReceipt(list, a.data.sequences, a.data.status) } };
    }
    case 'conversation/typing': {
      if (a.data.role !== 'CONSUMER') return state;
      const id = a.data.conversationId;
      if (a.data.state !== 'COMPOSING') return { ...state, typing: without(state.typing, id) };
      return { ...state, typing: { ...state.typing, [id]: { state: a.data.state, at: a.at } } };
    }
    case 'app/error':
      return addBanner(state, { kind: 'error', text: a.data.message || `Error ${a.data.code}` });
    case 'ui/focus': {
      const focus = { ...a.data, nonce: (state.focus?.nonce ?? 0) + 1 };
      const conv = a.data.conversationId;
      return { ...state, focus, selectedConversationId: conv ?? state.selectedConversationId };
    }
    case 'ui/banner':
      return addBanner(state, { kind: 'info', ringId: a.data.ringId, text: a.data.text });
    case 'app/notice':
      return addBanner(state, { kind: a.data.level === 'warning' ? 'error' : 'info', text: a.data.text });
    case 'ui/open':
      return { ...state, openPanel: { panel: a.data.panel, nonce: (state.openPanel?.nonce ?? 0) + 1 } };
    case 'attention/sound':
      return { ...state, sounds: [...state.sounds, { ...a.data, nonce: (state.sounds.at(-1)?.nonce ?? 0) + 1 }].slice(-SOUND_QUEUE) };
    case 'attention/unread':
      return { ...state, unread: a.data };
    default:
      return unhandled(a);
  }
}

export function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'snapshot': {
      const { snapshot } = action;
      const s = snapshot.session;
      const conversations = byKey(s.conversations, (c) => c.conversationId);
      const selected = state.selectedConversationId && conversations[state.selectedConversationId] ? state.selectedConversationId : null;
      return {
        ...state,
        ready: true,
        seq: snapshot.seq,
        app: snapshot.app,
        settings: snapshot.settings,
        connection: s.connection,
        availability: s.availability,
        profile: s.profile,
        rings: byKey(s.rings.filter((r) => r.state === 'WAITING'), (r) => r.ringId),
        conversations,
        ...Object.entries(s.messages).reduce<Pick<State, 'messages' | 'messageWindows'>>((acc, [id, list]) => {
          const kept = keepNewest(list, MESSAGES_KEPT);
          acc.messages[id] = kept.list;
          if (kept.notKept > 0) acc.messageWindows[id] = { limit: MESSAGES_KEPT, notKept: kept.notKept };
          return acc;
        }, { messages: {}, messageWindows: {} }),
        typing: {},
        selectedConversationId: selected,
        skillNames: snapshot.app.mode === 'signed-out' ? {} : state.skillNames,
      };
    }
    case 'event':
      return applyEvent(state, action);
    case 'typing/expire': {
      const t = state.typing[action.conversationId];
      if (!t || t.at !== action.at) return state;
      return { ...state, typing: without(state.typing, action.conversationId) };
    }
    case 'select': {
      // Moving on drops closed conversations that were only kept for reading.
      const kept = Object.values(state.conversations).filter((c) => c.state === 'CLOSE' && c.conversationId !== action.conversationId);
      let next: State = { ...state, selectedConversationId: action.conversationId };
      for (const c of kept) {
        next = {
          ...next,
          conversations: without(next.conversations, c.conversationId),
          messages: without(next.messages, c.conversationId),
          messageWindows: without(next.messageWindows, c.conversationId),
        };
      }
      return next;
    }
    case 'closing':
      return { ...state, closingHere: { ...state.closingHere, [action.conversationId]: true } };
    case 'banner/dismiss':
      return { ...state, banners: state.banners.filter((b) => b.id !== action.id) };
    case 'banner/show':
      return addBanner(state, { kind: action.kind, text: action.text, ...(action.topic !== undefined ? { topic: action.topic } : {}) });
    case 'banner/clear':
      return state.banners.some((b) => b.topic === action.topic) ? { ...state, banners: state.banners.filter((b) => b.topic !== action.topic) } : state;
    case 'messages/show-earlier': {
      const id = action.conversationId;
      const window = state.messageWindows[id] ?? { limit: MESSAGES_KEPT, notKept: 0 };
      return { ...state, messageWindows: { ...state.messageWindows, [id]: { ...window, limit: window.limit + MESSAGES_KEPT } } };
    }
    case 'skills/loaded':
      return { ...state, skillNames: Object.fromEntries(action.skills.map((s) => [s.id, s.name])) };
    case 'unread':
      return { ...state, unread: action.unread };
    default:
      return unhandled(action);
  }
}
