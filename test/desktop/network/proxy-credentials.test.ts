// The proxy credentials store (src-main/desktop/network/proxy-credentials.ts) with its remembered
// file (remembered-proxy-credentials.ts) on a fake safeStorage: one prompt for concurrent askers,
// wrong → asked again saying so, cancel → not asked again, remember → the next store asks nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyCredentialStore, proxyKey, type ProxyPrompt } from '../../../src-main/desktop/network/proxy-credentials';
import { createRememberedProxyCredentials } from '../../../src-main/desktop/network/remembered-proxy-credentials';
import type { SafeStorageLike } from '../../../src-main/desktop/credentials';

/** Reversible, so a test can check that no plaintext reaches the file. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => backend !== 'basic_text',
    encryptString: (t) => Buffer.from(Buffer.from(t, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

function recordingPrompt(answers: Array<{ username: string; password: string; remember?: boolean } | undefined>): { prompt: ProxyPrompt; calls: Array<{ proxy: string; wrong: boolean }>; release(): void } {
  const calls: Array<{ proxy: string; wrong: boolean }> = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  return {
    calls,
    release: () => release(),
    prompt: async (proxy, wrong) => {
      calls.push({ proxy, wrong });
      await gate;
      return answers.shift();
    },
  };
}

function login(store: ReturnType<typeof createProxyCredentialStore>, host = 'proxy.corp', port = 3128): Promise<[string?, string?]> {
  return new Promise((resolve) => {
    let prevented = false;
    store.onLogin({ preventDefault: () => { prevented = true; } }, null, {}, { isProxy: true, scheme: 'basic', host, port }, (u, p) => resolve([u, p]));
    expect(prevented).toBe(true);
  });
}

describe('proxy credentials store', () => {
  it('names a proxy by host:port whichever way it is written', () => {
    expect(proxyKey('http://Proxy.Corp:3128')).toBe('proxy.corp:3128');
    expect(proxyKey('proxy.corp:3128')).toBe('proxy.corp:3128');
    expect(proxyKey('https://proxy.corp:8443')).toBe('proxy.corp:8443');
  });

  it('concurrent 407s from REST and the socket share one prompt', async () => {
    const p = recordingPrompt([{ username: 'ann', password: 'pw' }]);
    const store = createProxyCredentialStore(p.prompt);
    const rest = login(store);
    const socket = store.ask('http://proxy.corp:3128', false);
    const socket2 = store.ask('http://proxy.corp:3128', false);
    p.release();
    expect(await rest).toEqual(['ann', 'pw']);
    expect(await socket).toEqual({ username: 'ann', password: 'pw' });
    expect(await socket2).toEqual({ username: 'ann', password: 'pw' });
    expect(p.calls).toEqual([{ proxy: 'http://proxy.corp:3128', wrong: false }]);
  });

  it('a second challenge to Chromium after credentials were given means wrong: asked again, saying so', async () => {
    const p = recordingPrompt([{ username: 'ann', password: 'bad' }, { username: 'ann', password: 'good' }]);
    p.release();
    const store = createProxyCredentialStore(p.prompt);
    expect(await login(store)).toEqual(['ann', 'bad']);
    expect(await login(store)).toEqual(['ann', 'good']);
    expect(p.calls.map((c) => c.wrong)).toEqual([false, true]);
  });

  it('the socket agent reporting a refusal asks again with "wrong"', async () => {
    const p = recordingPrompt([{ username: 'ann', password: 'bad' }, { username: 'ann', password: 'good' }]);
    p.release();
    const store = createProxyCredentialStore(p.prompt);
    await store.ask('http://proxy.corp:3128', false);
    expect(await store.ask('http://proxy.corp:3128', true)).toEqual({ username: 'ann', password: 'good' });
    expect(p.calls.map((c) => c.wrong)).toEqual([false, true]);
  });

  it('cancel answers nothing and is not asked again (no loop) until reset', async () => {
    const p = recordingPrompt([undefined, { username: 'ann', password: 'pw' }]);
    p.release();
    const store = createProxyCredentialStore(p.prompt);
    expect(await login(store)).toEqual([undefined, undefined]);
    expect(await login(store)).toEqual([undefined, undefined]);
    expect(await store.ask('http://proxy.corp:3128', false)).toBeUndefined();
    expect(p.calls).toHaveLength(1);
    store.reset();
    expect(await store.ask('http://proxy.corp:3128', false)).toEqual({ username: 'ann', password: 'pw' });
    expect(p.calls).toHaveLength(2);
  });

  it('leaves non-proxy challenges to Electron', () => {
    const store = createProxyCredentialStore(async () => undefined);
    let prevented = false;
    store.onLogin({ preventDefault: () => { prevented = true; } }, null, {}, { isProxy: false, scheme: 'basic', host: 'site', port: 443 }, () => undefined);
    expect(prevented).toBe(false);
  });
});

describe('remembered proxy credentials', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'lp-proxy-cred-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (): string => join(mkdtempSync(join(dir, 'store-')), 'proxy-credentials.json');

  it('"remember" encrypts them to disk; a new store (next start) uses them without a prompt', async () => {
    const f = file();
    const safe = fakeSafeStorage();
    const first = recordingPrompt([{ username: 'ann', password: 'secret-pw', remember: true }]);
    first.release();
    const a = createProxyCredentialStore(first.prompt, { remembered: createRememberedProxyCredentials({ safeStorage: safe, file: f, log: () => undefined }) });
    await login(a);
    expect(readFileSync(f, 'utf8')).not.toContain('secret-pw');
    const second = recordingPrompt([]);
    second.release();
    const b = createProxyCredentialStore(second.prompt, { remembered: createRememberedProxyCredentials({ safeStorage: safe, file: f, log: () => undefined }) });
    expect(await login(b)).toEqual(['ann', 'secret-pw']);
    expect(second.calls).toEqual([]);
  });

  it('not ticked → nothing written; refused → the remembered entry is removed', async () => {
    const f = file();
    const safe = fakeSafeStorage();
    const remembered = createRememberedProxyCredentials({ safeStorage: safe, file: f, log: () => undefined });
    const p = recordingPrompt([{ username: 'ann', password: 'pw1' }, { username: 'ann', password: 'pw2', remember: true }]);
    p.release();
    const store = createProxyCredentialStore(p.prompt, { remembered });
    await store.ask('http://proxy.corp:3128', false);
    expect(remembered.load().size).toBe(0);
    await store.ask('http://proxy.corp:3128', true);
    expect([...remembered.load().entries()]).toEqual([['proxy.corp:3128', { username: 'ann', password: 'pw2' }]]);
    store.refused('http://proxy.corp:3128');
    expect(remembered.load().size).toBe(0);
  });

  it('offers no "remember" and writes nothing where the OS does not encrypt (basic_text)', () => {
    const f = file();
    const remembered = createRememberedProxyCredentials({ safeStorage: fakeSafeStorage('basic_text'), file: f, log: () => undefined });
    expect(remembered.canRemember()).toBe(false);
    expect(remembered.save('proxy.corp:3128', { username: 'a', password: 'b' })).toBe(false);
  });

  it('an entry that does not decrypt is dropped and said in the log, others still load', async () => {
    const f = file();
    const safe = fakeSafeStorage();
    const remembered = createRememberedProxyCredentials({ safeStorage: safe, file: f, log: () => undefined });
    remembered.save('good:1', { username: 'a', password: 'b' });
    const raw = JSON.parse(readFileSync(f, 'utf8')) as { entries: Record<string, string> };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(f, JSON.stringify({ version: 1, entries: { ...raw.entries, 'bad:2': Buffer.from('not json').toString('base64') } }));
    const logs: string[] = [];
    const again = createRememberedProxyCredentials({ safeStorage: safe, file: f, log: (m) => logs.push(m) });
    expect([...again.load().keys()]).toEqual(['good:1']);
    expect(logs.join('\n')).toContain('bad:2');
  });
});
