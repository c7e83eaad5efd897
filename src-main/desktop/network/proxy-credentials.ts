/**
 * Proxy credentials (issue 11 item 2): one store for REST (`app.on('login')` with
 * `authInfo.isProxy`) and the socket (the CONNECT agent's 407). Asked through `prompt` (a small
 * window in main, never the renderer's web content: proxy-prompt-window.ts) once per proxy
 * (`host:port`): concurrent askers share one prompt; the answer is kept in memory (the password
 * registered for redaction) and, when the user ticked "remember", encrypted on disk
 * (remembered-proxy-credentials.ts) so the next start asks nothing; credentials the proxy refused are
 * dropped (from disk too) and the next prompt says they were wrong; a cancelled prompt is not shown
 * again until `reset()` (a new sign-in or a settings change), so nothing loops.
 */
import { registerSecret, type ProxyCredentialsAsker } from '../../lp';
import type { ProxyCredentials, RememberedProxyCredentials } from './remembered-proxy-credentials';

export type { ProxyCredentials } from './remembered-proxy-credentials';

/** What the prompt answers: credentials (and whether to remember them), or undefined for cancel. */
export type ProxyPrompt = (proxy: string, wrongBefore: boolean) => Promise<(ProxyCredentials & { remember?: boolean }) | undefined>;

export interface ProxyCredentialStore {
  /** For the socket's agent (core proxy-agents.ts). */
  ask: ProxyCredentialsAsker;
  /** The proxy refused what was given: forget it, say so at the next prompt. */
  refused(proxy: string): void;
  /** Lets a cancelled prompt be shown again. */
  reset(): void;
  /** An `app.on('login')` listener: answers proxy challenges only (others are left to Electron). */
  onLogin(event: { preventDefault(): void }, webContents: unknown, details: unknown, authInfo: { isProxy: boolean; scheme: string; host: string; port: number },
    callback: (username?: string, password?: string) => void): void;
}

/** `http://proxy:3128`, `https://proxy:3128`, `proxy:3128` → `proxy:3128` (REST and the socket name a proxy differently). */
export function proxyKey(proxy: string): string {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`);
    return u.host.toLowerCase();
  } catch {
    return proxy.toLowerCase();
  }
}

export function createProxyCredentialStore(prompt: ProxyPrompt, opts: { remembered?: RememberedProxyCredentials } = {}): ProxyCredentialStore {
  const known = new Map<string, ProxyCredentials>(opts.remembered?.load() ?? []);
  for (const c of known.values()) registerSecret(c.password);
  const wrong = new Set<string>();
  const pending = new Map<string, Promise<ProxyCredentials | undefined>>();
  /** Proxies whose credentials Chromium has been given: it caches them, so another challenge means refused. */
  const givenToChromium = new Set<string>();
  let cancelled = false;

  const ask = (proxy: string): Promise<ProxyCredentials | undefined> => {
    const key = proxyKey(proxy);
    const have = known.get(key);
    if (have) return Promise.resolve(have);
    if (cancelled) return Promise.resolve(undefined);
    let p = pending.get(key);
    if (!p) {
      p = prompt(proxy, wrong.has(key)).then((answer) => {
        pending.delete(key);
        if (!answer || answer.username === '') {
          cancelled = true;
          return undefined;
        }
        const creds = { username: answer.username, password: answer.password };
        registerSecret(creds.password);
        known.set(key, creds);
        wrong.delete(key);
        if (answer.remember) opts.remembered?.save(key, creds);
        return creds;
      }, () => {
        pending.delete(key);
        return undefined;
      });
      pending.set(key, p);
    }
    return p;
  };

  const refused = (proxy: string): void => {
    const key = proxyKey(proxy);
    givenToChromium.delete(key);
    if (known.delete(key)) {
      wrong.add(key);
      opts.remembered?.forget(key);
    }
  };

  return {
    ask: (proxy, previousRefused) => {
      if (previousRefused) refused(proxy);
      return ask(proxy);
    },
    refused,
    reset: () => { cancelled = false; },
    onLogin(event, _wc, _details, authInfo, callback) {
      if (!authInfo.isProxy) return;
      event.preventDefault();
      const proxy = `http://${authInfo.host}:${authInfo.port}`;
      const key = proxyKey(proxy);
      // Chromium caches accepted proxy credentials: a challenge for a proxy it was given means they were refused.
      if (givenToChromium.has(key)) refused(proxy);
      void ask(proxy).then((c) => {
        if (c) {
          givenToChromium.add(key);
          callback(c.username, c.password);
        } else {
          callback();
        }
      });
    },
  };
}
