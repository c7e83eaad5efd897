/**
 * `safeStorage`: a real reversible transform (AES-256-GCM, per-run key), so plaintext never lands on disk.
 * Availability follows Electron on Linux (shell/browser/api/electron_api_safe_storage.cc,
 * IsEncryptionAvailable): false before `ready`; with the `basic_text` backend false until
 * `setUsePlainTextEncryption(true)` ("force the module to use an in memory password … when a valid OS
 * password manager cannot be determined", docs/api/safe-storage.md); encrypt/decrypt throw while
 * unavailable. `setUsePlainTextEncryption` does not change the reported backend.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { StorageBackend } from '../protocol';
import { changed, recorded } from './record';

const env = process.env;

function storageKey(): Buffer {
  const k = env.STANDIN_SAFE_STORAGE_KEY;
  if (!k) throw new Error('STANDIN_SAFE_STORAGE_KEY is not set');
  return createHash('sha256').update(k).digest();
}
const MAGIC = Buffer.from('v10');

function available(): boolean {
  const s = recorded.safeStorage;
  return recorded.app.ready && s.available && (s.backend !== 'basic_text' || s.usePlainText);
}

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    return available();
  },
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return available();
  },
  getSelectedStorageBackend(): StorageBackend {
    return recorded.safeStorage.backend;
  },
  setUsePlainTextEncryption(usePlainText: boolean): void {
    recorded.safeStorage.usePlainText = usePlainText;
    changed();
  },
  encryptString(plainText: string): Buffer {
    if (!available()) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', storageKey(), iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    recorded.safeStorage.encrypted += 1;
    changed();
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted: Buffer): string {
    if (!available()) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    const buf = Buffer.from(encrypted);
    if (buf.length < 31 || !buf.subarray(0, 3).equals(MAGIC)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', storageKey(), buf.subarray(3, 15));
      decipher.setAuthTag(buf.subarray(15, 31));
      const text = Buffer.concat([decipher.update(buf.subarray(31)), decipher.final()]).toString('utf8');
      recorded.safeStorage.decrypted += 1;
      changed();
      return text;
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    return safeStorage.encryptString(plainText);
  },
  async decryptStringAsync(encrypted: Buffer): Promise<Electron.DecryptStringAsyncReturnValue> {
    return { result: safeStorage.decryptString(encrypted), shouldReEncrypt: false };
  },
} satisfies Electron.SafeStorage;
