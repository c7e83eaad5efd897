/**
 * THE IPC contract between main and the renderer: the only list of request and event names (they
 * are the keys of `requests` and `events` below; every other list is `Object.keys` of these), each
 * with its argument schema, result or payload type. Style: Rocket.Chat's `src/ipc/channels.ts`,
 * where the names are the type map's keys.
 *
 * - requests: the renderer asks, main answers (ipcRenderer.invoke ↔ ipcMain.handle). `args` builds
 *   the argument's zod schema from the shared kit (schemas.ts); main parses every argument with it
 *   before anything else runs (src-main/desktop/ipc.ts).
 * - events: main pushes (webContents.send), in batches: one IPC message on EVENT_BATCH_CHANNEL
 *   carries an ordered array of {name, seq, data}; the preload hands each to its onX listeners as
 *   (data, seq). `seq` increases by one per event, so a renderer that (re)loads subscribes first, then asks for
 *   `session/snapshot` (which carries the seq it reflects) and drops buffered events with seq ≤ it:
 *   snapshot first, then deltas, no gap and no double.
 *
 * Zod stays out of the sandboxed preload and the renderer bundle: this file imports zod, schemas.ts
 * and the core for TYPES only, and an entry holds a schema *builder* that only main calls (with
 * schemas.ts's kit, in request-schemas.ts). Domain types the renderer needs are re-exported here, so
 * the renderer imports nothing from src-main.
 *
 * Nothing secret ever travels main → renderer: no password, bearer, csrf or cookie in any result
 * or event. The password travels renderer → main exactly once, in `session/login`.
 *
 * ## Adding a request
 * 1. One entry in `requests` below: name, argument schema, result type.
 * 2. Its handler in src-main/desktop/ipc-handlers.ts (a missing handler fails to compile).
 * 3. The core method it calls, if it needs a new one (src-main/lp, exported through lp/index).
 * The preload method (`ring/accept` → `window.lp.ringAccept`), the channel, main's argument check,
 * the renderer's types and the IPC fuzz cases all follow from the entry. An event is one entry in
 * `events` plus its `case` in the renderer's reducer (a missing case fails to compile).
 */
import type { z } from 'zod';
import type {
  AgentProfile, AgentStatus, Availability, ChatMessage, ConnectionState, ConsumerProfile, Conversation, FileProblem, Ring,
  RingEndReason, SessionSnapshot, Skill, TypingEvent,
} from '../src-main/lp/index';
import type { SchemaKit, Settings } from './schemas';

// The domain shapes that cross IPC, for the renderer (which imports nothing from src-main).
export type {
  AgentProfile, AgentStatus, Availability, ChatMessage, ChatState, ConnectionPhase, ConnectionState, ConsumerProfile,
  Conversation, Delivery, FileProblem, FileRef, QuickReply, RichAction, RichContent, RichNode, RichStyle, Ring, RingEndReason, SessionSnapshot,
  Skill, TypingEvent,
} from '../src-main/lp/index';
export type { CannedResponse, Settings } from './schemas';
import type { Language } from './i18n/languages';
export type { Language, LanguageSetting } from './i18n/languages';
// The response-time timer: a pure model (no imports) that main and the renderer both use.
export {
  byUrgency, DEFAULT_RESPONSE_THRESHOLDS, nextResponseChange, overdueCount, responseTimer,
  type ResponseLevel, type ResponseThresholds, type ResponseTimer, type TimedConversation,
} from './response-time';

// ---------------------------------------------------------------------------------------------
// App-level values (what the window needs besides the session)

export const DEFAULT_SETTINGS: Settings = {
  notifications: true,
  sound: true,
  onlyWhenUnfocused: false,
  closeToTray: false,
  closeWithOpenConversations: 'ask',
  launchAtLogin: false,
  // No global shortcut unless the agent picks one: a system-wide grab by default steals the key from
  // other apps (Ctrl/Cmd+Shift+A is Chrome's tab search) and accepts rings by accident; on GNOME
  // Wayland the shortcut portal would also ask for consent at every start.
  acceptOldestShortcut: null,
  theme: 'system',
  language: 'system',
  cannedResponses: [
    { id: 'greeting', title: 'Greeting', text: 'Hi! Thanks for reaching out — how can I help you today?' },
    { id: 'moment', title: 'One moment', text: 'Thanks for your patience, I am looking into this now.' },
    { id: 'closing', title: 'Closing', text: 'Is there anything else I can help you with today?' },
  ],
  responseAmberSeconds: 60,
  responseRedSeconds: 180,
  soundVolume: 80,
  escalateAfterSeconds: 15,
  bringToFrontOnRing: false,
  messageAlerts: true,
  proxyMode: 'system',
  proxyUrl: '',
  proxyBypass: '',
  ssoIdpUrl: '',
  ssoAcsUrl: '',
};

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
  /** The language the UI speaks: the setting, else the OS's preferred languages (main decides). */
  language: Language;
  /**
   * The machine-wide IT policy (issue 11.8): the keys it locks (shown "set by your organisation"),
   * the sign-in values it sets, and `error` (file path + first problem) when the file was rejected.
   */
  policy?: { path: string; locked: string[]; accountId?: string; csdsUrl?: string; allowDemo?: boolean; allowRememberPassword?: boolean; error?: string };
  /**
   * Single sign-on (issue 11.6): `available` when an identity-provider URL is set (settings or IT
   * policy; `locked` when the policy set it); `signInAgain` once an SSO session has ended and cannot
   * be renewed without the agent (a banner with a button; told once).
   */
  sso?: { available: boolean; locked: boolean; signInAgain?: boolean };
  /** Application updates (src-main/desktop/updates/): where they stand, and the last problem, said once. */
  update?: UpdateStatus;
}

/** Why updates are off: a development build, an installation electron-updater cannot update (snap, unpacked folder), or the updater failed to load. */
export type UpdateOffReason = 'development' | 'inactive' | 'unavailable';

/** The last failed check or download, as a kind the window puts in words (catalogue `updates.problems.*`). */
export type UpdateProblem =
  | { kind: 'checksum' | 'signature' | 'invalid-feed' | 'no-file' | 'no-channel' | 'unreachable' }
  | { kind: 'http'; status: string }
  | { kind: 'other'; message: string };

/**
 * Where application updates stand (electron-updater behind src-main/desktop/updates/). `ready`: a
 * verified update is downloaded; it installs on quit, or now through `update/restart`.
 * `problem`: the last failed check or download (kept until a check succeeds).
 */
export type UpdateStatus =
  | { state: 'off'; reason: UpdateOffReason }
  | { state: 'idle'; lastCheckedAt?: number; latest?: string; problem?: UpdateProblem }
  | { state: 'checking'; problem?: UpdateProblem }
  | { state: 'downloading'; version: string; percent: number; problem?: UpdateProblem }
  | { state: 'ready'; version: string };

/** What `update/restart` answers: restarting now, or why not (conversations open, a ring waiting, nothing to install). */
export type UpdateRestartResult =
  | { restarting: true }
  | { restarting: false; reason: 'no-update' | 'ring-waiting' }
  | { restarting: false; reason: 'conversations-open'; count: number };

export interface AppSnapshot {
  /** The event seq this snapshot reflects; apply only events with a larger seq. */
  seq: number;
  app: AppState;
  session: SessionSnapshot;
  settings: Settings;
}

/** A certificate trusted beside the OS store (Settings → Network): the user's, or the IT policy's (locked). */
export interface TrustedCertificateView {
  /** SHA-256 fingerprint, `AB:CD:…` (what `network/remove-certificate` names). */
  fingerprint: string;
  /** CN and O of the subject and of the issuer. */
  subject: string;
  issuer: string;
  /** ISO 8601. */
  validTo: string;
  expired: boolean;
  /** 'organisation': from the IT policy's trustedCertificateFiles, shown locked, not removable. */
  source: 'user' | 'organisation';
  /** The policy's file name, for 'organisation'. */
  file?: string;
}

export type ProxyMode = 'system' | 'manual' | 'none';

/** Settings → Network: the proxy in effect and the added certificates. */
export interface NetworkView {
  proxy: { mode: ProxyMode; url: string; bypass: string };
  /** The IT policy sets the proxy: shown locked ("set by your organisation"). */
  proxyLocked: boolean;
  certificates: TrustedCertificateView[];
  /** The policy's certificate files that could not be loaded (path and error). */
  certificateErrors: string[];
}

export interface Diagnostics {
  domains: Record<string, string>;
  /** The network part: the proxy setting in effect, the route of the socket, the issuer of the certificate it was shown. */
  network?: { proxy: string; socketRoute?: string; certificateIssuer?: string };
  socketUrl?: string; // token redacted
  connection: ConnectionState;
  lastError?: string;
  reconnects: number;
  logLines: number;
}

/** Which built-in sound: a ring, or the softer one for a consumer message. */
export type SoundName = 'ring' | 'message';

/** Unread consumer messages (counted by main while the agent cannot be looking). */
export interface UnreadCounts {
  /** conversationId → count (only conversations with some). */
  counts: Record<string, number>;
  total: number;
}

export interface LoginResult {
  /** Whether the credentials were stored for next time (false: kept in memory only). */
  remembered: boolean;
  /** Why not remembered, in words the UI can show. */
  note?: string;
}

/**
 * A file message's image as main fetched and checked it: `/files/<id>` on the app's own origin
 * (app://lp/files/<id>) that the window may load (never a remote URL), or why it cannot be shown (FileProblem: the window says it in words).
 */
export type OpenedFile = { ok: true; url: string; width: number; height: number; mime: string; size: number } | { ok: false; problem: FileProblem };

/** An image inside structured content as main fetched and checked it (the same safe path as a file's image). */
export type OpenedRichImage = { ok: true; url: string; width: number; height: number } | { ok: false; problem: FileProblem };

/** Largest file the window may hand to `file/send` (bytes): the same cap main and the core apply. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** The error every failed request rejects with (serialised across IPC as its message). */
export interface IpcErrorShape {
  code: number;
  message: string;
  location: string;
}

// ---------------------------------------------------------------------------------------------
// Requests: renderer → main → result

/** One request: its argument schema builder (run by main only) and its result type (type-level only). */
export interface RequestEntry<A extends z.ZodType, R> {
  readonly args: (kit: SchemaKit) => A;
  /** Never read at run time: carries the result type. */
  readonly result: R;
}

/** `request(kit => schema).returns<Result>()`: the argument type is inferred, the result type given. */
function request<A extends z.ZodType>(args: (kit: SchemaKit) => A): { returns<R>(): RequestEntry<A, R> } {
  return { returns: <R>() => ({ args, result: undefined as unknown as R }) };
}

export const requests = {
  'app/state': request((k) => k.empty).returns<AppState>(),
  'session/snapshot': request((k) => k.empty).returns<AppSnapshot>(),
  'session/login': request(({ z, csdsUrl }) => z.object({
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'account id: letters, digits, _ or -'),
    username: z.string().min(1).max(256),
    password: z.string().min(1).max(1024),
    remember: z.boolean(),
    /** Advanced: a CSDS base URL instead of LivePerson's: https://host[:port], http:// only on loopback. */
    csdsUrl: csdsUrl.optional(),
    /** The user agreed to store secrets where the OS offers no encryption (Linux basic_text). */
    allowWeakStorage: z.boolean().optional(),
  }).strict()).returns<LoginResult>(),
  'session/resume': request((k) => k.empty).returns<LoginResult>(),
  /**
   * Single sign-on: opens the login window on the organisation's identity provider and signs in with
   * the SAML assertion it posts back (src-main/desktop/sso/). No account id = the one of the last
   * SSO sign-in ("Sign in again"). Rejects with the reason when the window is closed or LivePerson refuses.
   */
  'session/login-sso': request(({ z, csdsUrl }) => z.object({
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'account id: letters, digits, _ or -').optional(),
    csdsUrl: csdsUrl.optional(),
  }).strict().optional()).returns<LoginResult>(),
  'session/start-demo': request((k) => k.empty).returns<null>(),
  'session/logout': request(({ z }) => z.object({ forget: z.boolean().optional() }).strict().optional()).returns<null>(),
  'agent/set-availability': request(({ z, availability }) => z.object({ availability }).strict()).returns<null>(),
  'ring/accept': request(({ z, id }) => z.object({ ringId: id }).strict()).returns<null>(),
  'ring/reject': request(({ z, id }) => z.object({ ringId: id }).strict()).returns<null>(),
  'ring/accept-oldest': request((k) => k.empty).returns<{ ringId: string } | null>(),
  /** `private: true` = a private note (agents and managers only, never the consumer). */
  'message/send': request(({ z, conversationId, text }) => z.object({ conversationId, text, private: z.boolean().optional() }).strict()).returns<ChatMessage>(),
  'conversation/typing': request(({ z, conversationId, chatState }) => z.object({ conversationId, state: chatState }).strict()).returns<null>(),
  'conversation/read': request(({ z, conversationId, sequences }) => z.object({ conversationId, sequences }).strict()).returns<null>(),
  'conversation/close': request(({ z, conversationId }) => z.object({ conversationId }).strict()).returns<null>(),
  'conversation/back-to-queue': request(({ z, conversationId }) => z.object({ conversationId }).strict()).returns<null>(),
  /** To a skill; with `agentId` (a legacy id from `agents/list`), to that agent of the skill (§6 SUGGEST). */
  'conversation/transfer': request(({ z, conversationId, skillId, id }) => z.object({ conversationId, skillId, agentId: id.optional() }).strict()).returns<null>(),
  /** The agents of a skill with their availability (§9 agent status), available first. */
  'agents/list': request(({ z, skillId }) => z.object({ skillId }).strict()).returns<AgentStatus[]>(),
  'conversation/history': request(({ z, conversationId }) => z.object({ conversationId }).strict()).returns<ChatMessage[]>(),
  'skills/list': request((k) => k.empty).returns<Skill[]>(),
  'consumer/profile': request(({ z, id }) => z.object({ consumerId: id }).strict()).returns<ConsumerProfile>(),
  'connection/retry-now': request((k) => k.empty).returns<null>(),
  'settings/get': request((k) => k.empty).returns<Settings>(),
  'settings/set': request((k) => k.settings.partial().strict()).returns<Settings>(),
  'diagnostics/get': request((k) => k.empty).returns<Diagnostics>(),
  /** The conversation on screen (null: none); answers the unread counts. Main clears what is looked at. */
  'attention/viewing': request(({ z, conversationId }) => z.object({ conversationId: conversationId.nullable() }).strict()).returns<UnreadCounts>(),
  'diagnostics/export-logs': request((k) => k.empty).returns<{ path: string; lines: number } | null>(),
  /** The image of a file message (conversation + sequence), fetched and checked by main. */
  'file/open': request(({ z, conversationId }) => z.object({ conversationId, sequence: z.number().int().nonnegative() }).strict()).returns<OpenedFile>(),
  /**
   * The `imageIndex`-th image (document order) of a message's structured content: main takes its URL
   * from the core's normalised card (the window never sends a URL), fetches and checks it as a file.
   */
  'rich/image-open': request(({ z, conversationId }) => z.object({
    conversationId, sequence: z.number().int().nonnegative(), imageIndex: z.number().int().nonnegative().max(1_000),
  }).strict()).returns<OpenedRichImage>(),
  /** "Save as…": main's save dialog, then the checked bytes written there. */
  'file/save-as': request(({ z, conversationId }) => z.object({ conversationId, sequence: z.number().int().nonnegative() }).strict())
    .returns<{ saved: boolean; problem?: FileProblem }>(),
  /** An image to send (≤ MAX_FILE_BYTES; type and size checked again in main before anything is sent). */
  'file/send': request(({ z, conversationId, fileBytes }) => z.object({
    conversationId, bytes: fileBytes, caption: z.string().max(2_000).optional(), private: z.boolean().optional(),
  }).strict()).returns<ChatMessage>(),
  /** Starts a failed upload again; null when main no longer has it. */
  'file/retry': request(({ z, id }) => z.object({ localId: id }).strict()).returns<ChatMessage | null>(),
  /** Opens the folder of local crash dumps in the OS file manager; `error` when the OS could not. */
  'diagnostics/open-crash-folder': request((k) => k.empty).returns<{ path: string; error?: string }>(),
  /** One zip for support (save dialog): the logs (redacted), the crash dumps, report.json. null = cancelled. */
  'diagnostics/export-report': request((k) => k.empty).returns<{ path: string; logLines: number; crashDumps: number } | null>(),
  /** The composer's draft kept in main for this conversation ('' when none): restored after a reload or a restart. */
  'draft/get': request(({ z, conversationId }) => z.object({ conversationId }).strict()).returns<{ text: string }>(),
  /** Save the composer's draft (sent debounced while typing; '' drops it). */
  'draft/set': request(({ z, conversationId, text }) => z.object({ conversationId, text: z.union([z.literal(''), text]) }).strict()).returns<null>(),
  /** Check for an update now (Diagnostics); answers the status (the result arrives in app state). */
  'update/check': request((k) => k.empty).returns<UpdateStatus>(),
  /** Install the downloaded update and restart: refused while a conversation is open or a ring waits. */
  'update/restart': request((k) => k.empty).returns<UpdateRestartResult>(),
  'network/get': request((k) => k.empty).returns<NetworkView>(),
  /** Validated in main (a clear error, nothing changed); refused when the IT policy sets the proxy. Applied at once with a reconnect. */
  'network/set-proxy': request(({ z }) => z.object({ mode: z.enum(['system', 'manual', 'none']), url: z.string().max(2048), bypass: z.string().max(4096) }).strict()).returns<NetworkView>(),
  /** Main's open dialog picks a PEM file; null when cancelled. A bad file is refused with a clear error and changes nothing. */
  'network/add-certificate': request((k) => k.empty).returns<NetworkView | null>(),
  'network/remove-certificate': request(({ z }) => z.object({ fingerprint: z.string().regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/i, 'a SHA-256 fingerprint') }).strict()).returns<NetworkView>(),
  'shell/open-external': request(({ z }) => z.object({ url: z.string().min(1).max(4096) }).strict()).returns<{ opened: boolean; reason?: string }>(),
} as const;

export type RequestName = keyof typeof requests;
/** The argument's schema, as main builds it. */
export type RequestSchema<N extends RequestName> = ReturnType<(typeof requests)[N]['args']>;
export type RequestArgs<N extends RequestName> = z.input<RequestSchema<N>>;
export type RequestResult<N extends RequestName> = (typeof requests)[N]['result'];

export const requestNames: readonly RequestName[] = Object.freeze(Object.keys(requests) as RequestName[]);

// ---------------------------------------------------------------------------------------------
// Events: main → renderer, as {name, seq, data} in batches (EVENT_BATCH_CHANNEL)

/** One event: its payload type (type-level only). */
function event<P>(): { readonly payload: P } {
  return { payload: undefined as unknown as P };
}

export const events = {
  'app/state': event<AppState>(),
  'settings/changed': event<Settings>(),
  'connection/state': event<ConnectionState>(),
  'agent/profile': event<AgentProfile>(),
  'agent/availability': event<Availability>(),
  'ring/offered': event<Ring>(),
  'ring/updated': event<Ring>(),
  'ring/ended': event<{ ring: Ring; reason: RingEndReason }>(),
  'conversation/upsert': event<Conversation>(),
  'conversation/removed': event<{ conversationId: string; reason: string }>(),
  'message/upsert': event<ChatMessage>(),
  'message/history': event<{ conversationId: string; messages: ChatMessage[] }>(),
  'conversation/typing': event<TypingEvent>(),
  'message/receipt': event<{ conversationId: string; sequences: number[]; status: string }>(),
  'app/error': event<IpcErrorShape>(),
  /** A notification or the tray asked to show this ring / conversation. */
  'ui/focus': event<{ ringId?: string; conversationId?: string }>(),
  /** OS notifications failed or are off while unfocused: show an in-window banner instead. */
  'ui/banner': event<{ ringId: string; text: string }>(),
  /** The application menu asked to open Settings, or Settings at its Diagnostics section. */
  'ui/open': event<{ panel: 'settings' | 'diagnostics' }>(),
  /** Something the user must be told once (a damaged file moved aside, a full disk): a banner. */
  'app/notice': event<{ id: string; text: string; level: 'info' | 'warning' }>(),
  /** Play a built-in sound now (main decides when; the renderer plays it). Volume 0–1. */
  'attention/sound': event<{ sound: SoundName; volume: number }>(),
  /** The unread counts changed. */
  'attention/unread': event<UnreadCounts>(),
} as const;

export type EventName = keyof typeof events;
export type EventPayloads = { [N in EventName]: (typeof events)[N]['payload'] };

export const eventNames: readonly EventName[] = Object.freeze(Object.keys(events) as EventName[]);

/** One event inside a batch: its name, its seq and its payload. */
export type EventBatchEntry = { [N in EventName]: { name: N; seq: number; data: EventPayloads[N] } }[EventName];

/**
 * Events that need the agent's attention now: rings offered / changed / gone, a focus or banner
 * request, an error, the connection or app state. Main sends them at once (with whatever waited
 * before them, in order) and the renderer's components hear of them at once; all rare, so this
 * costs nothing under a flood of messages. The others (messages, conversations, unread counts,
 * receipts, typing…) are coalesced: main sends what one task produced (e.g. every frame of one
 * socket read) as one IPC message, and the renderer's components hear of them once per frame.
 */
export const URGENT_EVENTS: ReadonlySet<EventName> = new Set<EventName>([
  'ring/offered', 'ring/updated', 'ring/ended', 'ui/focus', 'ui/banner', 'app/error', 'connection/state', 'app/state', 'agent/availability',
]);

// ---------------------------------------------------------------------------------------------
// Channels and the object the preload exposes as window.lp

/**
 * Requests travel on `lp:req:<name>`. Events travel on ONE channel, EVENT_BATCH_CHANNEL, as an array of
 * EventBatchEntry in seq order (one IPC message per batch, not per event: under a flood of messages
 * each consumer message made ~4 events, and every IPC message is a task on the renderer's main thread
 * that a key press waits behind; issue #15). One channel keeps the order across event names.
 */
export const requestChannel = (name: RequestName): string => `lp:req:${name}`;
export const EVENT_BATCH_CHANNEL = 'lp:evts';

/** `session/login` → `sessionLogin`, `ring/accept-oldest` → `ringAcceptOldest`. */
export function camel(name: string): string {
  return name.replace(/[/-]([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** `ring/offered` → `onRingOffered`. */
export function onName(name: string): string {
  const c = camel(name);
  return `on${c.charAt(0).toUpperCase()}${c.slice(1)}`;
}

/** The type-level twins of camel() and onName(). */
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
