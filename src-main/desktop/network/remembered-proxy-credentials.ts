/**
 * Proxy credentials the user asked to remember: `proxy-credentials.json` under userData, one entry
 * per proxy (`host:port`), user name and password encrypted together with Electron's safeStorage.
 * Only where the OS encrypts (`canEncrypt`: not Linux `basic_text`/`unknown`, see credentials.ts);
 * elsewhere nothing is written and the prompt does not offer "remember". An entry that cannot be
 * decrypted or read is dropped (asked again), never fatal. Never logged.
 */
import type { SafeStorageLike } from '../credentials';
import { readJsonFile, writeFileAtomic } from '../atomic-file';

/** A proxy's user name and password (proxy-credentials.ts uses the same shape). */
export interface ProxyCredentials {
  username: string;
  password: string;
}

export interface RememberedProxyCredentials {
  canRemember(): boolean;
  /** Every entry that decrypts. */
  load(): Map<string, ProxyCredentials>;
  save(proxyKey: string, credentials: ProxyCredentials): boolean;
  forget(proxyKey: string): void;
}

interface FileShape {
  version: 1;
  entries: Record<string, string>;
}

/** True where safeStorage encrypts with an OS key (the same rule as credentials.ts's 'os-encrypted'). */
export function osEncrypts(safeStorage: SafeStorageLike): boolean {
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'os';
  return !['basic_text', 'unknown'].includes(backend) && safeStorage.isEncryptionAvailable();
}

export function createRememberedProxyCredentials(deps: { safeStorage: SafeStorageLike; file: string; log(message: string): void }): RememberedProxyCredentials {
  const read = (): Record<string, string> => {
    const raw = readJsonFile(deps.file) as Partial<FileShape> | undefined;
    if (!raw || raw.version !== 1 || typeof raw.entries !== 'object' || raw.entries === null) return {};
    return Object.fromEntries(Object.entries(raw.entries).filter((e): e is [string, string] => typeof e[1] === 'string'));
  };
  const write = (entries: Record<string, string>): void => {
    writeFileAtomic(deps.file, JSON.stringify({ version: 1, entries } satisfies FileShape));
  };
  return {
    canRemember: () => osEncrypts(deps.safeStorage),
    load() {
      const out = new Map<string, ProxyCredentials>();
      if (!osEncrypts(deps.safeStorage)) return out;
      for (const [key, data] of Object.entries(read())) {
        try {
          const v = JSON.parse(deps.safeStorage.decryptString(Buffer.from(data, 'base64'))) as Partial<ProxyCredentials>;
          if (typeof v.username === 'string' && v.username !== '' && typeof v.password === 'string') out.set(key, { username: v.username, password: v.password });
        } catch {
          deps.log(`remembered proxy credentials for ${key} could not be decrypted; they will be asked again`);
        }
      }
      return out;
    },
    save(proxyKey, credentials) {
      if (!osEncrypts(deps.safeStorage)) return false;
      try {
        const data = deps.safeStorage.encryptString(JSON.stringify({ username: credentials.username, password: credentials.password })).toString('base64');
        write({ ...read(), [proxyKey]: data });
        return true;
      } catch (err) {
        deps.log(`proxy credentials not remembered: ${err instanceof Error ? err.message : String(err)}`);
        return false;
      }
    },
    forget(proxyKey) {
      const entries = read();
      if (!(proxyKey in entries)) return;
      delete entries[proxyKey];
      try {
        write(entries);
      } catch (err) {
        deps.log(`remembered proxy credentials could not be removed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}
