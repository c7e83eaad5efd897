/**
 * The static page of the proxy credentials dialog (proxy-prompt-window.ts): a `data:` HTML page with
 * its own Content-Security-Policy (nothing loads, no form goes anywhere; the one inline script and
 * style are allowed by hash). The page has no preload and no Node: main reads the answer with
 * `webContents.executeJavaScript('window.lpProxyAnswer')`, a promise the page resolves on OK
 * ({username, password, remember}) or Cancel / Escape (null). Pure: text in, URL out.
 */
import { createHash } from 'node:crypto';

export interface ProxyPromptText {
  title: string;
  /** "The proxy {proxy} asks for a user name and password." */
  heading(proxy: string): string;
  wrong: string;
  username: string;
  password: string;
  remember: string;
  /** Said instead of the "remember" box when the OS offers no encryption. */
  rememberUnavailable: string;
  ok: string;
  cancel: string;
}

export const ANSWER_EXPRESSION = 'window.lpProxyAnswer';

const SCRIPT = `window.lpProxyAnswer = new Promise(function (resolve) {
  var f = document.getElementById('f');
  var r = document.getElementById('r');
  f.addEventListener('submit', function (e) {
    e.preventDefault();
    resolve({ username: f.elements.u.value, password: f.elements.p.value, remember: r ? r.checked : false });
  });
  document.getElementById('c').addEventListener('click', function () { resolve(null); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') resolve(null); });
  f.elements.u.focus();
});`;

const STYLE = `body{font:14px system-ui,sans-serif;margin:16px;color:#1b1b1b;background:#fff}
h1{font-size:15px;font-weight:600;margin:0 0 8px}.wrong{color:#b00020;margin:0 0 8px}
label{display:block;margin:8px 0 2px}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:4px}
.row{margin-top:12px;display:flex;gap:8px;justify-content:flex-end}.check{display:flex;gap:6px;align-items:center}
.note{color:#555;font-size:12px}@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#eee}.note{color:#aaa}}`;

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The dialog's HTML for one proxy. */
export function proxyPromptHtml(opts: { proxy: string; wrong: boolean; canRemember: boolean; text: ProxyPromptText }): string {
  const t = opts.text;
  const csp = `default-src 'none'; script-src ${hash(SCRIPT)}; style-src ${hash(STYLE)}; form-action 'none'; base-uri 'none'`;
  const remember = opts.canRemember
    ? `<label class="check"><input type="checkbox" id="r" name="r"> ${escapeHtml(t.remember)}</label>`
    : `<p class="note">${escapeHtml(t.rememberUnavailable)}</p>`;
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(t.title)}</title><style>${STYLE}</style></head><body>
<form id="f" autocomplete="off">
<h1>${escapeHtml(t.heading(opts.proxy))}</h1>
${opts.wrong ? `<p class="wrong" role="alert">${escapeHtml(t.wrong)}</p>` : ''}
<label for="u">${escapeHtml(t.username)}</label><input type="text" id="u" name="u" maxlength="256" required spellcheck="false">
<label for="p">${escapeHtml(t.password)}</label><input type="password" id="p" name="p" maxlength="1024">
${remember}
<div class="row"><button type="button" id="c">${escapeHtml(t.cancel)}</button><button type="submit" id="ok">${escapeHtml(t.ok)}</button></div>
</form><script>${SCRIPT}</script></body></html>`;
}

export function proxyPromptUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
}

/** What the page answered, checked (the page is a renderer: its answer is input like any other). */
export function parsePromptAnswer(value: unknown): { username: string; password: string; remember: boolean } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const { username, password, remember } = v;
  if (typeof username !== 'string' || typeof password !== 'string') return undefined;
  const user = username.trim();
  if (user === '' || user.length > 256 || password.length > 1024) return undefined;
  return { username: user, password, remember: remember === true };
}
