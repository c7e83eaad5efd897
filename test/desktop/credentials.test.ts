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
    expect(store.save(key, { password }, { persist: true, allowWeak: false })).toEqual({ persisted: true });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(password).toString('base64'));
    expect(JSON.parse(text)).toMatchObject({ backend: 'gnome_libsecret', weak: false, scheme: 'safeStorage', accountId: key.accountId });
    // A new run (fresh memory) decrypts it.
    const next = createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' });
    expect(next.hasStored(key)).toBe(true);
    expect(next.load(key)).toEqual({ password });
    expect(next.load({ ...key, username: 'other' })).toBeUndefined();
  });

  it('basic_text counts as weak: not persisted without consent, kept in memory, and says so', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), file, platform: 'linux' });
    expect(store.storage()).toBe('weak');
    const out = store.save(key, { password }, { persist: true, allowWeak: false });
    expect(out.persisted).toBe(false);
    expect(out.note).toMatch(/memory only/);
    expect(existsSync(file)).toBe(false);
    expect(store.load(key)).toEqual({ password });
  });

  it('basic_text with consent: persisted, flagged weak, backend recorded', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), file, platform: 'linux' });
    const out = store.save(key, { password }, { persist: true, allowWeak: true });
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
    expect(store.save(key, { password }, { persist: true, allowWeak: false }).persisted).toBe(false);
    expect(store.save(key, { password }, { persist: true, allowWeak: true }).persisted).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ scheme: 'plain-by-consent', weak: true });
    expect(createCredentialStore({ safeStorage: fakeSafeStorage({ available: false }), file, platform: 'linux' }).load(key)).toEqual({ password });
  });

  it('on Windows/macOS the backend question does not apply', () => {
    const store = createCredentialStore({ safeStorage: fakeSafeStorage({ backend: 'unknown' }), file: join(dir, 'c.json'), platform: 'win32' });
    expect(store.storage()).toBe('os-encrypted');
    expect(store.backend()).toBe('os');
  });

  it('remember off and forget remove the file', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' });
    store.save(key, { password }, { persist: true, allowWeak: false });
    store.save(key, { password }, { persist: false, allowWeak: false });
    expect(existsSync(file)).toBe(false);
    expect(store.load(key)).toEqual({ password });
    store.save(key, { password }, { persist: true, allowWeak: false });
    store.forget(key);
    expect(existsSync(file)).toBe(false);
    expect(store.load(key)).toBeUndefined();
  });

  it('a corrupt or undecryptable file reads as no secret', () => {
    const file = join(dir, 'credentials.json');
    createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' }).save(key, { password }, { persist: true, allowWeak: false });
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
    store.save(key, { password }, { persist: true, allowWeak: false });
    expect(createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' }).load(key)).toEqual({ password });
  });
});

describe('weak backends on Linux (issues 16.6, 17.8)', () => {
  it('backend unknown counts as weak: without consent nothing is persisted', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage({ backend: 'unknown' }), file, platform: 'linux' });
    expect(store.storage()).toBe('weak');
    const out = store.save(key, { password }, { persist: true, allowWeak: false });
    expect(out).toMatchObject({ persisted: false, note: expect.stringMatching(/\(unknown\).*memory only/) });
    expect(existsSync(file)).toBe(false);
  });

  it('basic_text with consent: setUsePlainTextEncryption(true) first, then safeStorage encrypts; without consent it is never called', () => {
    const file = join(dir, 'credentials.json');
    const safe = fakeSafeStorage({ backend: 'basic_text' });
    const store = createCredentialStore({ safeStorage: safe, file, platform: 'linux' });
    store.save(key, { password }, { persist: true, allowWeak: false });
    expect(safe.state.plainText).toBe(false);
    store.save(key, { password }, { persist: true, allowWeak: true });
    expect(safe.state.plainText).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 2, scheme: 'safeStorage', backend: 'basic_text', weak: true });
    // A new run (plain-text encryption off again) turns it on to read the weakly stored secret back.
    const nextSafe = fakeSafeStorage({ backend: 'basic_text' });
    expect(createCredentialStore({ safeStorage: nextSafe, file, platform: 'linux' }).load(key)).toEqual({ password });
    expect(nextSafe.state.plainText).toBe(true);
  });

  it('the domain service is stored encrypted with the password; an old (version 1) file is bound to LivePerson\'s', () => {
    const file = join(dir, 'credentials.json');
    const store = createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' });
    store.save(key, { password, csdsUrl: 'http://127.0.0.1:8080' }, { persist: true, allowWeak: false });
    expect(readFileSync(file, 'utf8')).not.toContain('127.0.0.1');
    expect(createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' }).load(key)).toEqual({ password, csdsUrl: 'http://127.0.0.1:8080' });

    const v1 = { version: 1, ...key, scheme: 'safeStorage', backend: 'gnome_libsecret', weak: false, savedAt: 1, data: fakeSafeStorage().encryptString(password).toString('base64') };
    writeFileSync(file, JSON.stringify(v1));
    expect(createCredentialStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' }).load(key)).toEqual({ password });
  });
});
