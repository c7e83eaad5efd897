/**
 * Non-secret settings, kept in electron-store (settings.json under userData): the contract's
 * Settings (validated by a JSON schema generated from the contract's zod schema, defaults from
 * DEFAULT_SETTINGS), the saved live account (accountId, username, csdsUrl — never a secret; the
 * csdsUrl is only a hint: the one a password is sent to is stored with it, see credentials.ts) and the
 * window bounds and the zoom level (main only, not exposed over IPC). A schema version with migrations keeps old files
 * readable. The store comes from a factory so tests can open one in a temp dir.
 */
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { readJsonOrMoveAside } from './corrupt-file';
import { DEFAULT_SETTINGS, type Settings } from '../../src-preload/api';
import { csdsUrlSchema, settingsSchema } from '../../src-preload/schemas';

export const SETTINGS_SCHEMA_VERSION = 1;

export interface SavedAccount {
  accountId: string;
  username: string;
  csdsUrl?: string;
}

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized?: boolean;
}

/** The file's top-level shape. */
export interface SettingsFile {
  schemaVersion: number;
  settings: Settings;
  savedAccount?: SavedAccount;
  windowBounds?: WindowBounds;
  /** The page's zoom level (View menu), 0 = 100 %. */
  zoomLevel?: number;
}

/** The part of electron-store (conf) we use. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly store: Record<string, unknown>;
  readonly path: string;
}

export interface StoreOptions {
  name: string;
  schema: Record<string, Record<string, unknown>>;
  defaults: Record<string, unknown>;
  clearInvalidConfig: boolean;
}

export type StoreFactory = (options: StoreOptions) => KeyValueStore;

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

const savedAccountSchema = z.object({
  accountId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  username: z.string().min(1).max(256),
  // https://, or http:// on loopback only; a file naming another http:// host loses the saved account.
  csdsUrl: csdsUrlSchema.optional(),
}).strict();

const windowBoundsSchema = z.object({
  x: z.number().int(), y: z.number().int(),
  width: z.number().int().min(200).max(20_000), height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().optional(),
}).strict();

const zoomLevelSchema = z.number().min(-8).max(8);

/** Settings as stored: every key optional (older files lack newer keys; defaults fill them on read). */
const storedSettingsJson = ((): Record<string, unknown> => {
  const json = jsonSchemaOf(settingsSchema);
  delete json.required;
  return json;
})();

/** JSON schema (per top-level key, as electron-store takes it) generated from the contract. */
export const SETTINGS_STORE_SCHEMA: StoreOptions['schema'] = {
  schemaVersion: { type: 'integer', minimum: 0 },
  settings: storedSettingsJson,
  savedAccount: jsonSchemaOf(savedAccountSchema),
  windowBounds: jsonSchemaOf(windowBoundsSchema),
  zoomLevel: { type: 'number', minimum: -8, maximum: 8 },
};

export const SETTINGS_STORE_OPTIONS: StoreOptions = {
  name: 'settings',
  schema: SETTINGS_STORE_SCHEMA,
  // No defaults at the store level: they would mask a v0 file's version; migrateSettingsFile fills them.
  defaults: {},
  clearInvalidConfig: true,
};

/** Keys that must never sit in the settings file (secrets live in credentials.ts). */
const SECRET_KEY = /pass(word)?|secret|token|bearer|csrf|cookie/i;

/** Each known setting that is valid, else its default; unknown keys dropped. */
export function settingsFrom(raw: unknown): Settings {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    const parsed = settingsSchema.shape[key].safeParse(source[key]);
    out[key] = parsed.success ? parsed.data : DEFAULT_SETTINGS[key];
  }
  return out as Settings;
}

/**
 * Brings raw file data to the current schema version. v0 (no schemaVersion): settings were flat at
 * the top level and the account lived under `account`; both move, and any secret-looking key goes.
 */
export function migrateSettingsFile(raw: Record<string, unknown>): { data: SettingsFile; changed: boolean } {
  const version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 0;
  let changed = version !== SETTINGS_SCHEMA_VERSION;
  const source: Record<string, unknown> = { ...raw };
  if (version < 1) {
    const flat: Record<string, unknown> = {};
    for (const key of Object.keys(DEFAULT_SETTINGS)) if (key in source) flat[key] = source[key];
    source.settings = { ...flat, ...(typeof source.settings === 'object' && source.settings !== null ? source.settings : {}) };
    if (source.savedAccount === undefined && source.account !== undefined) source.savedAccount = source.account;
  }
  const settings = settingsFrom(source.settings);
  const account = typeof source.savedAccount === 'object' && source.savedAccount !== null
    ? Object.fromEntries(Object.entries(source.savedAccount).filter(([k]) => !SECRET_KEY.test(k)))
    : undefined;
  const savedAccount = savedAccountSchema.safeParse(account);
  const bounds = windowBoundsSchema.safeParse(source.windowBounds);
  const data: SettingsFile = { schemaVersion: SETTINGS_SCHEMA_VERSION, settings };
  if (savedAccount.success) data.savedAccount = savedAccount.data;
  if (bounds.success) data.windowBounds = bounds.data;
  const zoom = zoomLevelSchema.safeParse(source.zoomLevel);
  if (zoom.success) data.zoomLevel = zoom.data;
  const known = new Set(['schemaVersion', 'settings', 'savedAccount', 'windowBounds', 'zoomLevel']);
  if (Object.keys(raw).some((k) => !known.has(k))) changed = true;
  if (JSON.stringify(settings) !== JSON.stringify(raw.settings)) changed = true;
  return { data, changed };
}

export interface SettingsService {
  get(): Settings;
  /** Applies a (validated) partial change; returns the full settings. */
  set(patch: Partial<Settings>): Settings;
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
  savedAccount(): SavedAccount | undefined;
  setSavedAccount(account: SavedAccount | undefined): void;
  windowBounds(): WindowBounds | undefined;
  setWindowBounds(bounds: WindowBounds): void;
  /** The remembered zoom level (0 when none). */
  zoomLevel(): number;
  setZoomLevel(level: number): void;
  readonly path: string;
}

/** The file as the store will find it, checked before the store opens it (electron-store would silently empty it). */
export interface SettingsFileGuard {
  /** The store's file (userData/settings.json). */
  file: string;
  /** The file was not JSON (or not an object) and was moved aside; defaults are used. */
  onMovedAside(movedTo: string, reason: string): void;
  now?(): Date;
}

/**
 * Before electron-store opens the file: a file that is not a JSON object is moved aside (the user is
 * told); a JSON object with invalid values is rewritten with those values at their defaults and the
 * rest kept (electron-store's clearInvalidConfig would otherwise drop the whole file, saved account
 * and all).
 */
export function repairSettingsFile(guard: SettingsFileGuard): void {
  const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
  const read = readJsonOrMoveAside(guard.file, isObject, guard.now);
  if (read.state === 'moved-aside') guard.onMovedAside(read.movedTo, read.reason);
  if (read.state !== 'ok') return;
  const { data, changed } = migrateSettingsFile(read.value as Record<string, unknown>);
  if (changed) writeFileAtomic(guard.file, `${JSON.stringify(data, null, '\t')}\n`);
}

export function createSettings(factory: StoreFactory, guard?: SettingsFileGuard): SettingsService {
  if (guard) repairSettingsFile(guard);
  const store = factory(SETTINGS_STORE_OPTIONS);
  const { data, changed } = migrateSettingsFile({ ...store.store });
  if (changed) {
    for (const key of Object.keys(store.store)) store.delete(key);
    for (const [key, value] of Object.entries(data)) store.set(key, value);
  }
  let current = data.settings;
  const listeners = new Set<(s: Settings, p: Settings) => void>();
  return {
    path: store.path,
    get: () => ({ ...current }),
    set(patch) {
      const previous = current;
      const next = settingsSchema.parse({ ...current, ...patch });
      store.set('settings', next);
      current = next;
      for (const l of [...listeners]) l({ ...next }, previous);
      return { ...next };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    savedAccount() {
      const parsed = savedAccountSchema.safeParse(store.get('savedAccount'));
      return parsed.success ? parsed.data : undefined;
    },
    setSavedAccount(account) {
      if (account === undefined) store.delete('savedAccount');
      else store.set('savedAccount', savedAccountSchema.parse(account));
    },
    windowBounds() {
      const parsed = windowBoundsSchema.safeParse(store.get('windowBounds'));
      return parsed.success ? parsed.data : undefined;
    },
    setWindowBounds(bounds) {
      const parsed = windowBoundsSchema.safeParse(bounds);
      if (parsed.success) store.set('windowBounds', parsed.data);
    },
    zoomLevel() {
      const parsed = zoomLevelSchema.safeParse(store.get('zoomLevel'));
      return parsed.success ? parsed.data : 0;
    },
    setZoomLevel(level) {
      const parsed = zoomLevelSchema.safeParse(level);
      if (parsed.success) store.set('zoomLevel', parsed.data);
    },
  };
}
