/**
 * Secrets (the password a live session needs to log in again) apart from the settings: encrypted with
 * Electron's safeStorage in credentials.json under userData, with the backend that was used recorded.
 * The domain-service URL the password was given for is encrypted with it (version 2), so a settings
 * file edited to name another host cannot redirect the stored password (account-actions.ts refuses
 * to resume when they disagree).
 * On Linux the `basic_text` backend is not encryption (a fixed key), and `unknown` says nothing
 * either: both, or no encryption at all, count as weak, and a secret is then written only when the
 * user agreed (login `allowWeakStorage`); otherwise it stays in memory for this run and the caller
 * tells the user so. With consent on `basic_text`, `setUsePlainTextEncryption(true)` is called first
 * (Electron makes `basic_text` available only after it) so the file is at least obfuscated; where
 * nothing is available it is stored base64 (`plain-by-consent`). Never logged, never sent over IPC.
 */
import { rmSync } from 'node:fs';
import type { SecretStorage } from '../../src-preload/api';
import { writeFileAtomic } from './atomic-file';
import { readJsonOrMoveAside } from './corrupt-file';
import { t } from './i18n';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
  /** Linux: lets `basic_text` encrypt (with a fixed key); a no-op elsewhere. Called only after consent. */
  setUsePlainTextEncryption?(usePlainText: boolean): void;
}

/** What a stored secret is: the password and the domain service it was given for (none: LivePerson's). */
export interface StoredSecret {
  password: string;
  csdsUrl?: string;
}

export interface CredentialKey {
  accountId: string;
  username: string;
}

/**
 * What is on disk. `scheme`: safeStorage (OS-encrypted or, by consent, basic_text) or plain base64 by
 * consent. `data`: version 2 the JSON of a StoredSecret, version 1 (older) the password alone, bound to
 * LivePerson's own domain service.
 */
interface CredentialFile {
  version: 1 | 2;
  accountId: string;
  username: string;
  scheme: 'safeStorage' | 'plain-by-consent';
  backend: string;
  weak: boolean;
  savedAt: number;
  data: string;
}

export interface SaveOutcome {
  persisted: boolean;
  /** Why not persisted (or persisted weakly), in words the UI can show. */
  note?: string;
}

export interface CredentialStore {
  /** How secrets can be kept on this machine now. */
  storage(): SecretStorage;
  /** The backend safeStorage reports ('os' where it does not say). */
  backend(): string;
  save(key: CredentialKey, secret: StoredSecret, opts: { persist: boolean; allowWeak: boolean }): SaveOutcome;
  /** The secret for this account: from memory, else decrypted from the file. */
  load(key: CredentialKey): StoredSecret | undefined;
  /** Is a secret for this account on disk? */
  hasStored(key: CredentialKey): boolean;
  /** Whether the secret on disk for this account was stored weakly. */
  storedWeakly(key: CredentialKey): boolean;
  forget(key?: CredentialKey): void;
}

const sameKey = (a: CredentialKey, b: CredentialKey): boolean => a.accountId === b.accountId && a.username === b.username;

export function createCredentialStore(deps: {
  safeStorage: SafeStorageLike;
  file: string;
  platform: string;
  /** The file was not JSON (or not an object) and was moved aside (corrupt-file.ts): the user signs in again. */
  onMovedAside?(movedTo: string, reason: string): void;
}): CredentialStore {
  const memory = new Map<string, StoredSecret>();
  const memKey = (k: CredentialKey): string => `${k.accountId}\u0000${k.username}`;

  const backend = (): string => {
    if (deps.platform !== 'linux') return 'os';
    try {
      return deps.safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
  const encryptionAvailable = (): boolean => {
    try {
      return deps.safeStorage.isEncryptionAvailable();
    } catch {
      return false;
    }
  };
  // Electron reports `isEncryptionAvailable() === false` for basic_text until setUsePlainTextEncryption(true):
  // the backend decides first, so basic_text reads as 'weak' (storable with consent), not 'unavailable'.
  const weakBackend = (): boolean => ['basic_text', 'unknown'].includes(backend());
  const storage = (): SecretStorage => {
    if (weakBackend()) return 'weak';
    return encryptionAvailable() ? 'os-encrypted' : 'unavailable';
  };
  const fromPayload = (file: CredentialFile, text: string): StoredSecret | undefined => {
    if (file.version === 1) return { password: text };
    const parsed = JSON.parse(text) as Partial<StoredSecret>;
    if (typeof parsed.password !== 'string') return undefined;
    return typeof parsed.csdsUrl === 'string' ? { password: parsed.password, csdsUrl: parsed.csdsUrl } : { password: parsed.password };
  };

  const readFile = (): CredentialFile | undefined => {
    const read = readJsonOrMoveAside(deps.file, (v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (read.state === 'moved-aside') deps.onMovedAside?.(read.movedTo, read.reason);
    const raw = (read.state === 'ok' ? read.value : undefined) as Partial<CredentialFile> | undefined;
    if (!raw || (raw.version !== 1 && raw.version !== 2) || typeof raw.data !== 'string' || typeof raw.accountId !== 'string' || typeof raw.username !== 'string') return undefined;
    return raw as CredentialFile;
  };

  return {
    storage,
    backend,
    save(key, secret, opts) {
      const kept: StoredSecret = secret.csdsUrl ? { password: secret.password, csdsUrl: secret.csdsUrl } : { password: secret.password };
      memory.set(memKey(key), kept);
      if (!opts.persist) {
        this.forget(key);
        memory.set(memKey(key), kept);
        return { persisted: false };
      }
      const kind = storage();
      if (kind !== 'os-encrypted' && !opts.allowWeak) {
        return {
          persisted: false,
          note: kind === 'weak' ? t('mainErrors.noKeyStore', { backend: backend() }) : t('mainErrors.noEncryption'),
        };
      }
      if (kind === 'weak') {
        try {
          deps.safeStorage.setUsePlainTextEncryption?.(true);
        } catch {
          // Not offered: stored as plain-by-consent below.
        }
      }
      const encrypted = encryptionAvailable();
      const payload = JSON.stringify(kept);
      const file: CredentialFile = {
        version: 2,
        accountId: key.accountId,
        username: key.username,
        scheme: encrypted ? 'safeStorage' : 'plain-by-consent',
        backend: backend(),
        weak: kind !== 'os-encrypted',
        savedAt: Date.now(),
        data: encrypted ? deps.safeStorage.encryptString(payload).toString('base64') : Buffer.from(payload, 'utf8').toString('base64'),
      };
      writeFileAtomic(deps.file, `${JSON.stringify(file, null, 2)}\n`);
      return file.weak
        ? { persisted: true, note: t('mainErrors.savedWeak') }
        : { persisted: true };
    },
    load(key) {
      const inMemory = memory.get(memKey(key));
      if (inMemory !== undefined) return inMemory;
      const file = readFile();
      if (!file || !sameKey(file, key)) return undefined;
      try {
        const buf = Buffer.from(file.data, 'base64');
        if (file.scheme === 'safeStorage' && file.weak) deps.safeStorage.setUsePlainTextEncryption?.(true);
        const secret = fromPayload(file, file.scheme === 'safeStorage' ? deps.safeStorage.decryptString(buf) : buf.toString('utf8'));
        if (secret) memory.set(memKey(key), secret);
        return secret;
      } catch {
        return undefined;
      }
    },
    hasStored(key) {
      const file = readFile();
      return file !== undefined && sameKey(file, key);
    },
    storedWeakly(key) {
      const file = readFile();
      return file !== undefined && sameKey(file, key) && file.weak;
    },
    forget(key) {
      if (key) memory.delete(memKey(key));
      else memory.clear();
      const file = readFile();
      if (!key || !file || sameKey(file, key)) rmSync(deps.file, { force: true });
    },
  };
}
