/**
 * Secrets (the password a live session needs to log in again) apart from the settings: encrypted with
 * Electron's safeStorage in credentials.json under userData, with the backend that was used recorded.
 * On Linux the `basic_text` backend is not encryption: it (or no encryption at all) counts as weak,
 * and a secret is then written only when the user agreed (login `allowWeakStorage`); otherwise it
 * stays in memory for this run and the caller tells the user so. Never logged, never sent over IPC.
 */
import { rmSync } from 'node:fs';
import type { SecretStorage } from '../../src-preload/api';
import { writeFileAtomic } from './atomic-file';
import { readJsonOrMoveAside } from './corrupt-file';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface CredentialKey {
  accountId: string;
  username: string;
}

/** What is on disk. `scheme`: safeStorage (OS-encrypted or, by consent, basic_text) or plain base64 by consent. */
interface CredentialFile {
  version: 1;
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
  save(key: CredentialKey, password: string, opts: { persist: boolean; allowWeak: boolean }): SaveOutcome;
  /** The password for this account: from memory, else decrypted from the file. */
  load(key: CredentialKey): string | undefined;
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
  const memory = new Map<string, string>();
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
  const storage = (): SecretStorage => {
    if (!encryptionAvailable()) return 'unavailable';
    return backend() === 'basic_text' ? 'weak' : 'os-encrypted';
  };

  const readFile = (): CredentialFile | undefined => {
    const read = readJsonOrMoveAside(deps.file, (v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (read.state === 'moved-aside') deps.onMovedAside?.(read.movedTo, read.reason);
    const raw = (read.state === 'ok' ? read.value : undefined) as Partial<CredentialFile> | undefined;
    if (!raw || raw.version !== 1 || typeof raw.data !== 'string' || typeof raw.accountId !== 'string' || typeof raw.username !== 'string') return undefined;
    return raw as CredentialFile;
  };

  return {
    storage,
    backend,
    save(key, password, opts) {
      memory.set(memKey(key), password);
      if (!opts.persist) {
        this.forget(key);
        memory.set(memKey(key), password);
        return { persisted: false };
      }
      const kind = storage();
      if (kind !== 'os-encrypted' && !opts.allowWeak) {
        return {
          persisted: false,
          note: kind === 'weak'
            ? 'This system offers no encrypted key store (basic_text), so your password is kept in memory only until you quit.'
            : 'Encryption is not available on this system, so your password is kept in memory only until you quit.',
        };
      }
      const encrypted = kind !== 'unavailable';
      const file: CredentialFile = {
        version: 1,
        accountId: key.accountId,
        username: key.username,
        scheme: encrypted ? 'safeStorage' : 'plain-by-consent',
        backend: backend(),
        weak: kind !== 'os-encrypted',
        savedAt: Date.now(),
        data: encrypted ? deps.safeStorage.encryptString(password).toString('base64') : Buffer.from(password, 'utf8').toString('base64'),
      };
      writeFileAtomic(deps.file, `${JSON.stringify(file, null, 2)}\n`);
      return file.weak
        ? { persisted: true, note: 'Saved without OS encryption, as you agreed: anyone with access to your user account can read it.' }
        : { persisted: true };
    },
    load(key) {
      const inMemory = memory.get(memKey(key));
      if (inMemory !== undefined) return inMemory;
      const file = readFile();
      if (!file || !sameKey(file, key)) return undefined;
      try {
        const buf = Buffer.from(file.data, 'base64');
        const password = file.scheme === 'safeStorage' ? deps.safeStorage.decryptString(buf) : buf.toString('utf8');
        memory.set(memKey(key), password);
        return password;
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
