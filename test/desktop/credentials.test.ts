import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCredentialStore } from '../../src-main/desktop/credentials';
import { fakeSafeStorage } from './fakes';

const key = { accountId: '70071234', username: 'agent1' };
const password = 'correct-horse-battery-staple';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-cred-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('credential store', () => {
  it('encrypts with safeStorage: the file never holds the password, and it reads back', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' });
    expect(store.storage()).toBe('os-encrypted');
    expect(store.save(key, password, { persist: true, allowWeak: false })).toEqual({ persisted: true });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(password).toString('base64'));
    expect(JSON.parse(text)).toMatchObject({ backend: 'gnome_libsecret', weak: false, scheme: 'safeStorage', accountId: key.accountId });
    // A new run (fresh memory) decrypts it.
    const next = createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' });
    expect(next.hasStored(key)).toBe(true);
    expect(next.load(key)).toBe(password);
    expect(next.load({ ...key, username: 'other' })).toBeUndefined();
  });

  it('basic_text counts as weak: not persisted without consent, kept in memory, and says so', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), file, platform: 'linux' });
    expect(store.storage()).toBe('weak');
    const out = store.save(key, password, { persist: true, allowWeak: false });
    expect(out.persisted).toBe(false);
    expect(out.note).toMatch(/memory only/);
    expect(existsSync(file)).toBe(false);
    expect(store.load(key)).toBe(password);
  });

  it('basic_text with consent: persisted, flagged weak, backend recorded', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), file, platform: 'linux' });
    const out = store.save(key, password, { persist: true, allowWeak: true });
    expect(out.persisted).toBe(true);
    expect(out.note).toMatch(/without OS encryption/);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ backend: 'basic_text', weak: true });
    expect(store.storedWeakly(key)).toBe(true);
  });

  it('no encryption at all: unavailable; with consent stored as plain by consent, flagged', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage({ available: false }), file, platform: 'linux' });
    expect(store.storage()).toBe('unavailable');
    expect(store.save(key, password, { persist: true, allowWeak: false }).persisted).toBe(false);
    expect(store.save(key, password, { persist: true, allowWeak: true }).persisted).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ scheme: 'plain-by-consent', weak: true });
    expect(createCredentialStore({ safeStorage: fakeSafeStorage({ available: false }), file, platform: 'linux' }).load(key)).toBe(password);
  });

  it('on Windows/macOS the backend question does not apply', () => {
    const store = createCredentialStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), file: join(dir, 'c.json'), platform: 'win32' });
    expect(store.storage()).toBe('os-encrypted');
    expect(store.backend()).toBe('os');
  });

  it('remember off and forget remove the file', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' });
    store.save(key, password, { persist: true, allowWeak: false });
    store.save(key, password, { persist: false, allowWeak: false });
    expect(existsSync(file)).toBe(false);
    expect(store.load(key)).toBe(password);
    store.save(key, password, { persist: true, allowWeak: false });
    store.forget(key);
    expect(existsSync(file)).toBe(false);
    expect(store.load(key)).toBeUndefined();
  });

  it('a corrupt or undecryptable file reads as no secret', () => {
    const file = join(dir, 'credentials.json');
    createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' }).save(key, password, { persist: true, allowWeak: false });
    const broken = { ...fakeSafeStorage(), decryptString: (): string => {
      throw new Error('key changed');
    } };
    expect(createCredentialStore({ safeStorage: broken, file, platform: 'linux' }).load(key)).toBeUndefined();
  });

  it('a credentials file that is not JSON is moved aside with a timestamp, once, and reported; a new save works', () => {
    const file = join(dir, 'credentials.json');
    writeFileSync(file, '{"version":1,"data":"tru');
    const moved: Array<[string, string]> = [];
    const store = createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux', onMovedAside: (to, why) => moved.push([to, why]) });
    expect(store.hasStored(key)).toBe(false);
    expect(store.load(key)).toBeUndefined();
    expect(moved).toEqual([[expect.stringMatching(/credentials\.json\.corrupt-\d{8}T\d{6}Z$/), 'not valid JSON']]);
    expect(readFileSync(moved[0]![0], 'utf8')).toBe('{"version":1,"data":"tru');
    store.save(key, password, { persist: true, allowWeak: false });
    expect(createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' }).load(key)).toBe(password);
  });
});
