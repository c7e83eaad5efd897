/**
 * THE IPC contract between main and the renderer — the only file both sides share.
 *
 * - requests: the renderer asks, main answers (ipcRenderer.invoke ↔ ipcMain.handle).
 *   Each entry: a zod schema for the argument (validated in main before anything else runs) and
 *   the result type. Adding a call = one entry here + its handler in src-main/desktop/ipc-handlers.ts.
 * - events: main pushes (webContents.send). Every event is delivered as an envelope {seq, data};
 *   `seq` increases by one per event, so a renderer that (re)loads subscribes first, then asks for
 *   `session/snapshot` (which carries the seq it reflects) and drops buffered events with seq ≤ it:
 *   snapshot first, then deltas, no gap and no double.
 *
 * Nothing secret ever travels main → renderer: no password, bearer, csrf or cookie in any result
 * or event. The password travels renderer → main exactly once, in `session/login`.
 */
import { z } from 'zod';
import { eventNames, requestNames } from './names';

export { camel, eventChannel, eventNames, onName, requestChannel, requestNames } from './names';
import type { AgentProfile, Availability, ChatMessage, ConnectionState, ConsumerProfile, Conversation, Ring, RingEndReason, SessionSnapshot, Skill, TypingEvent } from '../src-main/lp/index';

// ---------------------------------------------------------------------------------------------
// Shared value schemas

const id = z.string().min(1).max(512);
export const availabilitySchema = z.enum(['ONLINE', 'AWAY', 'BACK_SOON', 'OFFLINE', 'OCCUPIED']);
const chatStateSchema = z.enum(['ACTIVE', 'INACTIVE', 'GONE', 'COMPOSING', 'PAUSE']);
const empty = z.object({}).strict().optional();

export const cannedResponseSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(120),
  text: z.string().min(1).max(10_000),
}).strict();
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

/** User settings (non-secret), persisted by main in electron-store. */
export const settingsSchema = z.object({
  notifications: z.boolean(),
  sound: z.boolean(),
  onlyWhenUnfocused: z.boolean(),
  closeToTray: z.boolean(),
  launchAtLogin: z.boolean(),
  /** Electron accelerator for "accept the oldest ring", or null for none. */
  acceptOldestShortcut: z.string().max(64).nullable(),
  theme: z.enum(['system', 'light', 'dark']),
  cannedResponses: z.array(cannedResponseSchema).max(500),
}).strict();
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  notifications: true,
  sound: true,
  onlyWhenUnfocused: false,
  closeToTray: false,
  launchAtLogin: false,
  acceptOldestShortcut: 'CommandOrControl+Shift+A',
  theme: 'system',
  cannedResponses: [
    { id: 'greeting', title: 'Greeting', text: 'Hi! Thanks for reaching out — how can I help you today?' },
    { id: 'moment', title: 'One moment', text: 'Thanks for your patience, I am looking into this now.' },
    { id: 'closing', title: 'Closing', text: 'Is there anything else I can help you with today?' },
  ],
};

// ---------------------------------------------------------------------------------------------
// App-level state (what the window needs besides the session)

export type AppMode = 'signed-out' | 'demo' | 'live';

/** How secrets can be kept on this machine (safeStorage backend, in words the UI can show). */
export type SecretStorage = 'os-encrypted' | 'weak' | 'unavailable';

export interface AppState {
  mode: AppMode;
  /** The signed-in account (no secrets). */
  account?: { accountId: string; username: string };
  /** A saved live account that can sign in without typing the password again. */
  savedAccount?: { accountId: string; username: string; hasSecret: boolean };
  secretStorage: SecretStorage;
  /** True when the secrets of the current session are stored on disk (encrypted, or plaintext by consent). */
  secretsPersisted: boolean;
  version: string;
  platform: string;
}

export interface AppSnapshot {
  /** The event seq this snapshot reflects; apply only events with a larger seq. */
  seq: number;
  app: AppState;
  session: SessionSnapshot;
  settings: Settings;
}

export interface Diagnostics {
  domains: Record<string, string>;
  socketUrl?: string; // token redacted
  connection: ConnectionState;
  lastError?: string;
  reconnects: number;
  logLines: number;
}

export interface LoginResult {
  /** Whether the credentials were stored for next time (false: kept in memory only). */
  remembered: boolean;
  /** Why not remembered, in words the UI can show. */
  note?: string;
}

/** The error every failed request rejects with (serialised across IPC as its message). */
export interface IpcErrorShape {
  code: number;
  message: string;
  location: string;
}

// ---------------------------------------------------------------------------------------------
// Requests: renderer → main → result

/** `request(argsSchema).returns<Result>()`: the argument schema is inferred, the result type given. */
function request<A extends z.ZodType>(args: A): { returns<R>(): { args: A; result: R } } {
  return { returns: <R>() => ({ args, result: undefined as unknown as R }) };
}

const conversationArgs = z.object({ conversationId: id }).strict();

export const requests = {
  'app/state': request(empty).returns<AppState>(),
  'session/snapshot': request(empty).returns<AppSnapshot>(),
  'session/login': request(z.object({
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'account id: letters, digits, _ or -'),
    username: z.string().min(1).max(256),
    password: z.string().min(1).max(1024),
    remember: z.boolean(),
    /** Advanced: a CSDS base URL (http(s)://host[:port]) instead of LivePerson's. */
    csdsUrl: z.string().url().max(512).optional(),
    /** The user agreed to store secrets where the OS offers no encryption (Linux basic_text). */
    allowWeakStorage: z.boolean().optional(),
  }).strict()).returns<LoginResult>(),
  'session/resume': request(empty).returns<LoginResult>(),
  'session/start-demo': request(empty).returns<null>(),
  'session/logout': request(z.object({ forget: z.boolean().optional() }).strict().optional()).returns<null>(),
  'agent/set-availability': request(z.object({ availability: availabilitySchema }).strict()).returns<null>(),
  'ring/accept': request(z.object({ ringId: id }).strict()).returns<null>(),
  'ring/reject': request(z.object({ ringId: id }).strict()).returns<null>(),
  'ring/accept-oldest': request(empty).returns<{ ringId: string } | null>(),
  'message/send': request(z.object({ conversationId: id, text: z.string().min(1).max(100_000) }).strict()).returns<ChatMessage>(),
  'conversation/typing': request(z.object({ conversationId: id, state: chatStateSchema }).strict()).returns<null>(),
  'conversation/read': request(z.object({
    conversationId: id, sequences: z.array(z.number().int().nonnegative()).min(1).max(10_000),
  }).strict()).returns<null>(),
  'conversation/close': request(conversationArgs).returns<null>(),
  'conversation/back-to-queue': request(conversationArgs).returns<null>(),
  'conversation/transfer': request(z.object({ conversationId: id, skillId: z.string().min(1).max(64) }).strict()).returns<null>(),
  'conversation/history': request(conversationArgs).returns<ChatMessage[]>(),
  'skills/list': request(empty).returns<Skill[]>(),
  'consumer/profile': request(z.object({ consumerId: id }).strict()).returns<ConsumerProfile>(),
  'connection/retry-now': request(empty).returns<null>(),
  'settings/get': request(empty).returns<Settings>(),
  'settings/set': request(settingsSchema.partial().strict()).returns<Settings>(),
  'diagnostics/get': request(empty).returns<Diagnostics>(),
  'diagnostics/export-logs': request(empty).returns<{ path: string; lines: number } | null>(),
  'shell/open-external': request(z.object({ url: z.string().min(1).max(4096) }).strict()).returns<{ opened: boolean; reason?: string }>(),
} as const;

export type RequestName = keyof typeof requests;

// names.ts (zod-free, for the sandboxed preload) must list exactly the requests above.
type ListedRequest = (typeof requestNames)[number];
const _allRequestsListed: [Exclude<RequestName, ListedRequest>, Exclude<ListedRequest, RequestName>] extends [never, never] ? true : never = true;
void _allRequestsListed;
export type RequestArgs<N extends RequestName> = z.input<(typeof requests)[N]['args']>;
export type RequestResult<N extends RequestName> = (typeof requests)[N]['result'];

// ---------------------------------------------------------------------------------------------
// Events: main → renderer, as {seq, data}

export interface EventPayloads {
  'app/state': AppState;
  'settings/changed': Settings;
  'connection/state': ConnectionState;
  'agent/profile': AgentProfile;
  'agent/availability': Availability;
  'ring/offered': Ring;
  'ring/updated': Ring;
  'ring/ended': { ring: Ring; reason: RingEndReason };
  'conversation/upsert': Conversation;
  'conversation/removed': { conversationId: string; reason: string };
  'message/upsert': ChatMessage;
  'message/history': { conversationId: string; messages: ChatMessage[] };
  'conversation/typing': TypingEvent;
  'message/receipt': { conversationId: string; sequences: number[]; status: string };
  'app/error': IpcErrorShape;
  /** A notification or the tray asked to show this ring / conversation. */
  'ui/focus': { ringId?: string; conversationId?: string };
  /** OS notifications failed or are off while unfocused: show an in-window banner instead. */
  'ui/banner': { ringId: string; text: string };
}

export type EventName = keyof EventPayloads;

// names.ts must list exactly the events above.
type ListedEvent = (typeof eventNames)[number];
const _allEventsListed: [Exclude<EventName, ListedEvent>, Exclude<ListedEvent, EventName>] extends [never, never] ? true : never = true;
void _allEventsListed;

export interface EventEnvelope<N extends EventName> {
  seq: number;
  data: EventPayloads[N];
}

// ---------------------------------------------------------------------------------------------
// The object the preload exposes as window.lp

/** `session/login` → `sessionLogin`, `ring/accept-oldest` → `ringAcceptOldest`. */
type Camel<S extends string> = S extends `${infer A}/${infer B}` ? `${Camel<A>}${Capitalize<Camel<B>>}`
  : S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
type OnName<S extends string> = `on${Capitalize<Camel<S>>}`;

export type LpApi = {
  readonly [N in RequestName as Camel<N>]: undefined extends RequestArgs<N>
    ? (args?: RequestArgs<N>) => Promise<RequestResult<N>>
    : (args: RequestArgs<N>) => Promise<RequestResult<N>>;
} & {
  readonly [N in EventName as OnName<N>]: (listener: (data: EventPayloads[N], seq: number) => void) => () => void;
};

declare global {
  interface Window {
    lp: LpApi;
  }
}
