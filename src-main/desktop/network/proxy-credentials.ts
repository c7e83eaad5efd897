/**
 * Proxy credentials (issue 11 item 2): one store for REST (`app.on('login')` with
 * `authInfo.isProxy`) and the socket (the CONNECT agent's 407). Asked through `prompt` (a small
 * dialog in main, never the renderer's web content) once per proxy: concurrent askers share one
 * prompt; the answer is kept in memory (the password registered for redaction); credentials the proxy
 * refused are dropped and the next prompt says they were wrong; a cancelled prompt is not shown again
 * until `reset()` (a new sign-in or a settings change), so nothing loops.
 */
import { registerSecret, type ProxyCredentialsAsker } from '../../lp';

export interface ProxyCredentials {
  username: string;
  password: string;
}

export type ProxyPrompt = (proxy: string, wrongBefore: boolean) => Promise<ProxyCredentials | undefined>;

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

export function createProxyCredentialStore(prompt: ProxyPrompt): ProxyCredentialStore {
  const known = new Map<string, ProxyCredentials>();
  const wrong = new Set<string>();
  const pending = new Map<string, Promise<ProxyCredentials | undefined>>();
  let cancelled = false;

  const ask = (proxy: string): Promise<ProxyCredentials | undefined> => {
    const have = known.get(proxy);
    if (have) return Promise.resolve(have);
    if (cancelled) return Promise.resolve(undefined);
    let p = pending.get(proxy);
    if (!p) {
      p = prompt(proxy, wrong.has(proxy)).then((answer) => {
        pending.delete(proxy);
        if (!answer || answer.username === '') {
          cancelled = true;
          return undefined;
        }
        registerSecret(answer.password);
        known.set(proxy, answer);
        wrong.delete(proxy);
        return answer;
      }, () => {
        pending.delete(proxy);
        return undefined;
      });
      pending.set(proxy, p);
    }
    return p;
  };

  const refused = (proxy: string): void => {
    if (known.delete(proxy)) wrong.add(proxy);
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
      // Chromium caches accepted proxy credentials: a challenge for a proxy we answered means they were refused.
      refused(proxy);
      void ask(proxy).then((c) => (c ? callback(c.username, c.password) : callback()));
    },
  };
}
