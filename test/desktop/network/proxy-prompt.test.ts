// The proxy prompt window (proxy-prompt-window.ts) on a fake window, and its static page
// (proxy-prompt-page.ts): answer, cancel by closing, the CSP, escaping, hostile answers.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { parsePromptAnswer, proxyPromptHtml } from '../../../src-main/desktop/network/proxy-prompt-page';
import { proxyPromptText } from '../../../src-main/desktop/network/proxy-prompt-text';

const PROXY_PROMPT_TEXT = proxyPromptText();
import { createProxyPromptWindow, openPromptWindow, type PromptWindowLike } from '../../../src-main/desktop/network/proxy-prompt-window';

class FakeWindow extends EventEmitter implements PromptWindowLike {
  url = '';
  destroyed = false;
  answer: (v: unknown) => void = () => undefined;
  readonly webContents = { executeJavaScript: (code: string): Promise<unknown> => { this.code = code; return new Promise((r) => { this.answer = r; }); } };
  code = '';
  constructor(readonly options: BrowserWindowConstructorOptions = {}) { super(); }
  async loadURL(url: string): Promise<void> { this.url = url; }
  close(): void { if (!this.destroyed) { this.destroyed = true; this.emit('closed'); } }
  isDestroyed(): boolean { return this.destroyed; }
}

function html(url: string): string {
  return Buffer.from(url.replace(/^data:text\/html;charset=utf-8;base64,/, ''), 'base64').toString('utf8');
}

describe('proxy prompt window', () => {
  const setUp = () => {
    const wins: FakeWindow[] = [];
    const prompt = createProxyPromptWindow({ open: (title) => { const w = openPromptWindow(FakeWindow, null, title) as FakeWindow; wins.push(w); return w; }, text: () => PROXY_PROMPT_TEXT, canRemember: () => true, log: () => undefined });
    return { wins, prompt };
  };
  const opened = async (wins: FakeWindow[]): Promise<FakeWindow> => {
    while (!wins[0]?.code) await new Promise((r) => setImmediate(r));
    return wins[0];
  };

  it('opens a sandboxed window without preload or Node, returns the answer and closes', async () => {
    const { wins, prompt } = setUp();
    const answer = prompt('http://proxy.corp:3128', true);
    const w = await opened(wins);
    expect(w.options).toMatchObject({ title: 'Proxy sign-in', resizable: false });
    expect(w.options.modal).toBeUndefined();
    expect(w.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(w.options.webPreferences?.preload).toBeUndefined();
    expect(html(w.url)).toContain('The proxy http://proxy.corp:3128 asks for a user name and password.');
    expect(html(w.url)).toContain(PROXY_PROMPT_TEXT.wrong);
    w.answer({ username: ' ann ', password: 'pw', remember: true });
    expect(await answer).toEqual({ username: 'ann', password: 'pw', remember: true });
    expect(w.destroyed).toBe(true);
  });

  it('closing the window is a cancel', async () => {
    const { wins, prompt } = setUp();
    const answer = prompt('http://proxy.corp:3128', false);
    const w = await opened(wins);
    expect(html(w.url)).not.toContain(PROXY_PROMPT_TEXT.wrong);
    w.close();
    expect(await answer).toBeUndefined();
  });
});

describe('proxy prompt page', () => {
  it('escapes the proxy name and allows only its own script and style', () => {
    const page = proxyPromptHtml({ proxy: '<img src=x onerror=alert(1)>', wrong: false, canRemember: false, text: PROXY_PROMPT_TEXT });
    expect(page).not.toContain('<img');
    expect(page).toMatch(/content="default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'none'/);
    expect(page).toContain(PROXY_PROMPT_TEXT.rememberUnavailable);
    expect(page).not.toContain('id="r"');
  });

  it('refuses answers that are not a user name and password', () => {
    expect(parsePromptAnswer(null)).toBeUndefined();
    expect(parsePromptAnswer('ann:pw')).toBeUndefined();
    expect(parsePromptAnswer({ username: '', password: 'x' })).toBeUndefined();
    expect(parsePromptAnswer({ username: 'a'.repeat(300), password: 'x' })).toBeUndefined();
    expect(parsePromptAnswer({ username: 'ann', password: 7 })).toBeUndefined();
    expect(parsePromptAnswer({ username: 'ann', password: '', remember: 'yes' })).toEqual({ username: 'ann', password: '', remember: false });
  });
});
