// The SSO login window (src-main/desktop/sso/login-window.ts) against a fake BrowserWindow and session:
// what it is opened with, what it lets through, what it captures and cancels, and how it ends.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions, CallbackResponse } from 'electron';
import {
  SSO_PARTITION, createNavigationAllowances, openLoginWindow, type LoginWindowLike,
} from '../../../src-main/desktop/sso/login-window';

type Listener = (details: { url: string; method: string; uploadData: Array<{ bytes: Buffer }> }, callback: (r: CallbackResponse) => void) => void;

class FakeWindow extends EventEmitter implements LoginWindowLike {
  readonly webContents = Object.assign(new EventEmitter(), {
    openHandler: null as null | ((d: { url: string }) => { action: 'deny' }),
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) { this.openHandler = h; },
  });
  loaded: string[] = [];
  destroyed = false;
  focused = 0;
  constructor(readonly options: BrowserWindowConstructorOptions) { super(); }
  async loadURL(url: string): Promise<void> { this.loaded.push(url); }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  focus(): void { this.focused++; }
  isDestroyed(): boolean { return this.destroyed; }
}

function setup() {
  const windows: FakeWindow[] = [];
  const partitions: string[] = [];
  let listener: Listener | null = null;
  const logs: string[] = [];
  const navigation = createNavigationAllowances();
  const deps = {
    createWindow: (o: BrowserWindowConstructorOptions) => { const w = new FakeWindow(o); windows.push(w); return w; },
    fromPartition: (p: string) => { partitions.push(p); return { webRequest: { onBeforeRequest: (l: Listener | null) => { listener = l; } } }; },
    navigation,
    log: (m: string) => logs.push(m),
  };
  const win = openLoginWindow(deps, { idpUrl: 'https://idp.example.com/sso?app=lp&token=secret', isAcs: (u) => u.startsWith('https://acs.example.com/'), title: 'Sign in with single sign-on' });
  const request = (url: string, method = 'GET', body?: string): Promise<CallbackResponse> => new Promise((resolve) => {
    if (!listener) throw new Error('no onBeforeRequest listener');
    listener({ url, method, uploadData: body === undefined ? [] : [{ bytes: Buffer.from(body) }] }, resolve);
  });
  const w = windows[0];
  if (!w) throw new Error('no window');
  return { win, w, partitions, request, logs, navigation, listener: () => listener };
}

const samlForm = `SAMLResponse=${encodeURIComponent(Buffer.from('<samlp:Response/>').toString('base64'))}&RelayState=x`;

describe('openLoginWindow', () => {
  it('opens a sandboxed, isolated window with no preload and no Node on an in-memory partition, loading the IdP URL', () => {
    const { w, partitions, logs } = setup();
    const wp = w.options.webPreferences ?? {};
    expect(wp).toMatchObject({ partition: SSO_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(wp.preload).toBeUndefined();
    expect(SSO_PARTITION.startsWith('persist:')).toBe(false);
    expect(partitions).toEqual([SSO_PARTITION]);
    expect(w.loaded).toEqual(['https://idp.example.com/sso?app=lp&token=secret']);
    // The log names the IdP without its query (it may carry tokens).
    expect(logs.join('\n')).toContain('https://idp.example.com/sso');
    expect(logs.join('\n')).not.toContain('token=secret');
  });

  it('lets http(s) navigations through the app-wide guard, refuses other schemes, denies new windows', () => {
    const { w, navigation } = setup();
    expect(navigation.mayNavigate(w.webContents, 'https://idp.example.com/next')).toBe(true);
    expect(navigation.mayNavigate(w.webContents, 'http://127.0.0.1:8080/idp')).toBe(true);
    expect(navigation.mayNavigate(w.webContents, 'file:///etc/passwd')).toBe(false);
    expect(navigation.mayNavigate(w.webContents, 'javascript:alert(1)')).toBe(false);
    expect(navigation.mayNavigate({}, 'https://idp.example.com/')).toBe(false);
    expect(w.webContents.openHandler?.({ url: 'https://idp.example.com/popup' })).toEqual({ action: 'deny' });
    let prevented = false;
    w.webContents.emit('will-redirect', { preventDefault: () => { prevented = true; } }, 'ms-settings:privacy');
    expect(prevented).toBe(true);
  });

  it('lets other requests go, and captures + cancels the POST to the ACS URL, then closes the window', async () => {
    const { win, w, request, listener } = setup();
    expect(await request('https://idp.example.com/login.css')).toEqual({});
    expect(await request('https://idp.example.com/login', 'POST', 'user=ann&password=x')).toEqual({});
    expect(await request('https://acs.example.com/saml', 'POST', samlForm)).toEqual({ cancel: true });
    expect(await win.outcome).toEqual({ kind: 'captured', samlResponse: Buffer.from('<samlp:Response/>').toString('base64') });
    expect(w.destroyed).toBe(true);
    expect(listener()).toBeNull();
  });

  it('ends "closed" when the user closes the window, and later events change nothing', async () => {
    const { win, w } = setup();
    w.close();
    expect(await win.outcome).toEqual({ kind: 'closed' });
  });

  it('refuses (and cancels) a GET to the ACS URL and a POST without SAMLResponse, saying why', async () => {
    const a = setup();
    expect(await a.request('https://acs.example.com/saml?x=1')).toEqual({ cancel: true });
    expect(await a.win.outcome).toEqual({ kind: 'refused', reason: 'the identity provider sent you to the assertion-consumer URL without posting a SAML response (GET)' });
    const b = setup();
    await b.request('https://acs.example.com/saml', 'POST', 'RelayState=1');
    expect(await b.win.outcome).toEqual({ kind: 'refused', reason: 'the identity provider posted no SAMLResponse' });
    expect(b.w.destroyed).toBe(true);
  });
});
