/**
 * What the stand-in records and the control channel between a test (launch.ts) and the child
 * process running the built app under the stand-in (child.ts). Everything here is JSON-safe:
 * it crosses a Node IPC channel.
 */

export type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen' | 'on-ac' | 'on-battery' | 'shutdown' | 'user-did-become-active' | 'user-did-resign-active';

export interface Bounds { x: number; y: number; width: number; height: number }

export interface RecordedMenuItem {
  label?: string;
  id?: string;
  type: string;
  role?: string;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  accelerator?: string;
  submenu?: RecordedMenuItem[];
}

export interface RecordedNotification {
  id: number;
  title: string;
  subtitle?: string;
  body: string;
  silent?: boolean;
  urgency?: string;
  timeoutType?: string;
  icon?: string;
  actions: { type: string; text?: string }[];
  shown: number;
  /** Wall clock (performance.timeOrigin + now(), ms) of each show() in the app's process. */
  shownAt: number[];
  closed: boolean;
  clicked: number;
}

export interface RecordedTray {
  id: number;
  image: string;
  tooltip: string;
  title: string;
  menu: RecordedMenuItem[] | null;
  /** The context menu is open on screen (between menu-will-show and menu-will-close). */
  menuOpen: boolean;
  destroyed: boolean;
}

export interface RecordedWindow {
  id: number;
  /** The CDP target id of the page standing in for this window (match it after connectOverCDP). */
  targetId?: string;
  title: string;
  url: string;
  /** The current document fired 'load'. */
  loaded: boolean;
  visible: boolean;
  focused: boolean;
  minimized: boolean;
  maximized: boolean;
  destroyed: boolean;
  flashing: boolean;
  bounds: Bounds;
  /** The constructor's backgroundColor (Electron's default: white). */
  backgroundColor: string;
  /** The window was shown before its page first finished loading (a white or background flash). */
  shownBeforeLoad: boolean;
  webPreferences: {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    webSecurity?: boolean;
    spellcheck?: boolean;
    /** webPreferences.partition, when given. */
    partition?: string;
  };
  hasWindowOpenHandler: boolean;
  progress?: number;
  /** Times the page's renderer died ('render-process-gone'). */
  rendererCrashes?: number;
  /** webContents.setZoomLevel (0 = 100 %). */
  zoomLevel?: number;
  /** setOverlayIcon (Windows taskbar): the image's name and the description, or null when cleared. */
  overlay?: { image: string; description: string } | null;
}

/** A sound the page played (HTMLMediaElement.play), file name only. */
export interface RecordedSound { windowId: number; file: string; volume: number }

export interface StandinState {
  app: {
    ready: boolean;
    quitting: boolean;
    sandboxEnabled: boolean;
    appUserModelId?: string;
    badgeCount: number;
    singleInstanceLock: boolean;
    loginItemSettings?: Record<string, unknown>;
    relaunched: number;
    protocolClients: string[];
    applicationMenu: RecordedMenuItem[] | null;
    /** The platform the app sees (STANDIN_PLATFORM). */
    platform: string;
    /** macOS only: app.dock. */
    dock?: { bounces: string[]; badge: string; visible: boolean };
  };
  windows: RecordedWindow[];
  notifications: RecordedNotification[];
  trays: RecordedTray[];
  shortcuts: { accelerator: string; registered: boolean }[];
  shell: { fn: 'openExternal' | 'openPath' | 'showItemInFolder' | 'beep'; arg: string }[];
  dialogs: { fn: string; title?: string; message?: string; detail?: string; type?: string; buttons?: string[] }[];
  navigations: { windowId: number; url: string; blocked: boolean }[];
  windowOpens: { windowId: number; url: string; action: string }[];
  /** Requests a partition session's `webRequest.onBeforeRequest` listener decided (web-request.ts). */
  webRequests: { partition: string; url: string; method: string; action: 'cancel' | 'redirect' | 'continue' }[];
  permissionRequests: { windowId: number; permission: string; granted: boolean }[];
  /** IPC traffic without payloads (payloads can carry secrets). */
  ipc: { windowId: number; channel: string; kind: 'invoke' | 'send' | 'event'; ok: boolean; senderUrl?: string; error?: string }[];
  console: { windowId: number; type: string; text: string }[];
  sounds: RecordedSound[];
  /** Menus shown with Menu.popup (context menus), newest last. */
  popups: { windowId?: number; menu: RecordedMenuItem[] }[];
  /** The session's spellchecker: languages set, words added to the dictionary. */
  spellchecker: { languages: string[]; added: string[] };
  /** Editing commands run on a webContents (replaceMisspelling, and the cut/copy/paste/selectAll roles). */
  editCommands: { windowId: number; command: string; arg?: string }[];
  /** `usePlainText`: setUsePlainTextEncryption(true) was called (basic_text encrypts only after it). */
  safeStorage: { available: boolean; backend: StorageBackend; usePlainText: boolean; encrypted: number; decrypted: number };
  /** `protocol`: privileged schemes (before ready), handled schemes, and each request a handler served. */
  protocols: { privileged: { scheme: string; privileges: Record<string, boolean | undefined> }[]; handled: string[] };
  protocolRequests: { scheme: string; url: string }[];
  net: { online: boolean };
  /** `crashReporter.start` (crash-reporter.ts): whether before 'ready', and its upload choice. */
  crashReporter?: { started: boolean; beforeReady: boolean; uploadToServer: boolean; submitURL?: string; productName?: string };
  /** Every `net.request` (client-request.ts): method, URL, the session's partition. */
  netRequests: { method: string; url: string; partition: string }[];
}

/**
 * What main handed to a renderer over IPC, serialised: 'event' = webContents.send args, 'reply' = an
 * invoke's result. Kept in the child, never in the pushed state (it can carry secrets); the test asks
 * for it with { cmd: 'ipc/payloads' } to look for leaks.
 */
export interface RecordedIpcPayload { windowId: number; channel: string; kind: 'event' | 'reply'; json: string }

export type ControlCommand =
  | { cmd: 'state' }
  /** Every IPC payload main sent to a renderer so far (RecordedIpcPayload[]). */
  | { cmd: 'ipc/payloads' }
  | { cmd: 'cdp' }
  | { cmd: 'notification/click'; id: number }
  | { cmd: 'notification/action'; id: number; index: number }
  | { cmd: 'notification/close'; id: number; reason?: 'userCanceled' | 'applicationHidden' | 'timedOut' }
  /** A click on the tray icon, as the platform reports it (tray.ts clickIcon). */
  | { cmd: 'tray/click'; trayId?: number; button?: 'left' | 'right' }
  /** The open tray menu goes away (the user clicked elsewhere): menu-will-close. */
  | { cmd: 'tray/close-menu'; trayId?: number }
  /** Windows only: the OS session ends (shutdown, log-off): query-session-end, then session-end. */
  | { cmd: 'window/session-end'; reasons: Array<'shutdown' | 'close-app' | 'critical' | 'logoff'>; windowId?: number }
  /** The OS minimises / restores the window (page visibility follows). */
  | { cmd: 'window/minimize'; windowId?: number; minimized: boolean }
  | { cmd: 'tray/click-item'; item: string; trayId?: number }
  | { cmd: 'menu/click-item'; item: string }
  | { cmd: 'app/second-instance'; argv: string[]; cwd?: string }
  | { cmd: 'app/activate' }
  | { cmd: 'app/quit' }
  | { cmd: 'window/close'; windowId?: number }
  /** Kill the window's renderer process (webContents.forcefullyCrashRenderer → 'render-process-gone'). */
  | { cmd: 'window/crash-renderer'; windowId?: number }
  | { cmd: 'window/focus'; windowId?: number; focused: boolean }
  | { cmd: 'power'; event: PowerEvent }
  | { cmd: 'net/online'; online: boolean }
  | { cmd: 'shortcut/press'; accelerator: string }
  | { cmd: 'safe-storage'; available?: boolean; backend?: StorageBackend }
  | { cmd: 'permission/request'; permission: string; windowId?: number }
  | { cmd: 'dialog/next-response'; response: number }
  /** The files the next showOpenDialog answers; null = cancelled. */
  | { cmd: 'dialog/next-open'; filePaths: string[] | null }
  /** The user right-clicks: 'context-menu' on the window's webContents with these params (the rest default). */
  | { cmd: 'window/context-menu'; params: ContextMenuInput; windowId?: number }
  /** Click an item (id or label) of the newest popup menu. */
  | { cmd: 'popup/click-item'; item: string }
  /** An ipcRenderer.invoke as if made by a frame at `senderUrl` (a foreign page or iframe). */
  | { cmd: 'ipc/invoke-as'; senderUrl: string; channel: string; args: unknown[]; windowId?: number }
  /** An invoke whose frame is gone by the time main reads it: `event.senderFrame` is null. */
  | { cmd: 'ipc/invoke-frameless'; channel: string; args: unknown[]; windowId?: number }
  /**
   * Bench (long runs): drop the recorded history (ipc, IPC payloads, console lines, sounds
   * played, protocol requests, closed notifications), which grows with use and would count as main's heap.
   */
  | { cmd: 'debug/forget' }
  /** Bench: main's heap after GC when the child runs with --expose-gc (LaunchOptions.nodeArgs) → MainHeap. */
  | { cmd: 'debug/heap' }
  /** Bench: a V8 heap snapshot of main (after GC) written to `file` (v8.writeHeapSnapshot) → the file. */
  | { cmd: 'debug/heap-snapshot'; file: string }
  /** Bench: how often the app has called the tray's and the badge's setters so far → OsCalls. */
  | { cmd: 'debug/os-calls' };

/** The OS-facing setters the stand-in counts (electron/record.ts osCalls). */
export type OsCall = 'tray.setImage' | 'tray.setToolTip' | 'tray.setContextMenu' | 'app.setBadgeCount';
/** Calls of the OS-facing setters since launch, by name. */
export type OsCalls = Record<OsCall, number>;

/** main's heap (the child process: the app's main plus the stand-in itself) after GC. */
export interface MainHeap {
  heapUsed: number;
  /** False when the child was started without --expose-gc: heapUsed is then before any forced GC. */
  gc: boolean;
  /** Notifications shown and not closed (what the OS would still show). */
  liveNotifications: number;
}

/** What a test says of a right click (JSON-safe; the stand-in fills the rest of ContextMenuParams). */
export interface ContextMenuInput {
  x?: number;
  y?: number;
  isEditable?: boolean;
  selectionText?: string;
  misspelledWord?: string;
  dictionarySuggestions?: string[];
  editFlags?: Partial<{ canUndo: boolean; canRedo: boolean; canCut: boolean; canCopy: boolean; canPaste: boolean; canDelete: boolean; canSelectAll: boolean; canEditRichly: boolean }>;
}

/** How an invoke ended, as the page would see it. */
export type InvokeReply = { ok: true; result: unknown } | { ok: false; error: string };

/** What the test sees before the first push. */
export const EMPTY_STATE: StandinState = {
  app: { ready: false, quitting: false, sandboxEnabled: false, badgeCount: 0, singleInstanceLock: false, relaunched: 0, protocolClients: [], applicationMenu: null, platform: 'linux' },
  windows: [], notifications: [], trays: [], shortcuts: [], shell: [], dialogs: [], navigations: [], windowOpens: [], webRequests: [],
  permissionRequests: [], ipc: [], console: [], sounds: [], popups: [], spellchecker: { languages: [], added: [] }, editCommands: [],
  safeStorage: { available: true, backend: 'unknown', usePlainText: false, encrypted: 0, decrypted: 0 },
  net: { online: true }, netRequests: [],
  protocols: { privileged: [], handled: [] },
  protocolRequests: [],
};

/** The histories in StandinState: arrays that grow with use (state-feed.ts sends only their changes). */
export const LOG_KEYS = ['ipc', 'console', 'sounds', 'notifications', 'netRequests', 'protocolRequests', 'webRequests', 'navigations', 'editCommands'] as const;
export type LogKey = typeof LOG_KEYS[number];
export type SmallParts = Omit<StandinState, LogKey>;

export interface StateDelta {
  /** The small parts that changed since the last push (all of them in the first), each whole. */
  whole: Partial<SmallParts>;
  /** Of an object part sent before: the fields that changed (each whole) and those no longer there. */
  fields?: Partial<Record<keyof SmallParts, { set: Record<string, unknown>; gone?: string[] }>>;
  /** Small parts no longer there (optional parts unset). */
  gone?: string[];
  /** Per history that changed: keep the first `from` entries, then append `items`. */
  logs: Partial<{ [K in LogKey]: { from: number; items: StandinState[K] } }>;
}

export interface ControlRequest { requestId: number; command: ControlCommand }

export type ChildMessage =
  | { type: 'reply'; requestId: number; ok: true; result: unknown }
  | { type: 'reply'; requestId: number; ok: false; error: string }
  /** What the recorded state changed by since the last push (state-feed.ts; the first push carries it all). */
  | { type: 'state'; delta: StateDelta };

/** Environment the launcher passes to the child. */
export interface StandinEnv {
  STANDIN_MAIN: string;
  STANDIN_USER_DATA: string;
  STANDIN_SAFE_STORAGE_KEY: string;
  STANDIN_HEADED?: string;
  /** '1': another instance holds the single-instance lock (requestSingleInstanceLock() → false). */
  STANDIN_LOCK_HELD?: string;
  /** Comma-separated accelerators some other app already owns (globalShortcut.register → false). */
  STANDIN_SHORTCUT_CLASH?: string;
  STANDIN_STORAGE_BACKEND?: StorageBackend;
  /** '0': safeStorage.isEncryptionAvailable() → false. */
  STANDIN_ENCRYPTION_AVAILABLE?: string;
  /** '0': Notification.isSupported() → false. */
  STANDIN_NOTIFICATIONS?: string;
  /** '1': every Notification.show() emits 'failed' instead of 'show'. */
  STANDIN_NOTIFICATIONS_FAIL?: string;
  /** The platform the app sees as process.platform: darwin | win32 | linux (default: the real one). */
  STANDIN_PLATFORM?: 'darwin' | 'win32' | 'linux';
  /** '1': the OS prefers dark colours (nativeTheme.shouldUseDarkColors). */
  STANDIN_DARK?: string;
  /** app.getPreferredSystemLanguages(), comma-separated (default 'en-US'). */
  STANDIN_LANGUAGES?: string;
  /** Chromium executable (default /usr/bin/chromium). */
  STANDIN_CHROMIUM?: string;
  /** At most one state push per this many ms (default 0: one per tick; electron/record.ts). */
  STANDIN_STATE_PUSH_GAP_MS?: string;
}
