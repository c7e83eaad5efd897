/**
 * The identity provider's pages on the simulator's port (see idp.ts for what it issues):
 *   GET  /idp/sso   the sign-in page: a user field and a "Sign in" button (form POST to itself)
 *   POST /idp/sso   user=<agent username> → a page that posts `SAMLResponse` (base64) to the
 *                   configured assertion-consumer URL at once (an auto-submitted form, as IdPs do
 *                   with the HTTP-POST binding); an unknown user gets the form again with an error
 * No password is asked: the simulator's IdP stands for "the organisation already knows you".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http-util';
import { issueResponse } from './idp';
import type { SimContext } from './state';

export const IDP_PATH = '/idp/sso';

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function sendHtml(res: ServerResponse, status: number, body: string): void {
  const text = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Simulated identity provider</title></head><body>${body}</body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function signInForm(error?: string): string {
  return '<main><h1>Your organisation\'s sign-in</h1><p>Simulated identity provider (LP Agent Desktop simulator).</p>'
    + (error ? `<p role="alert">${html(error)}</p>` : '')
    + `<form method="post" action="${IDP_PATH}"><label>User <input name="user" autocomplete="username" autofocus></label> <button type="submit">Sign in</button></form></main>`;
}

async function postResponse(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = new URLSearchParams(await readBody(req, 16_384));
  const user = (form.get('user') ?? '').trim();
  const agent = ctx.agents.find((a) => a.username === user);
  if (!agent) {
    ctx.log('IdP: sign-in of an unknown user refused');
    sendHtml(res, 401, signInForm(`Unknown user "${user}".`));
    return;
  }
  const idp = ctx.idp;
  const response = issueResponse(idp, agent.username, ctx.opts.clock.now(), idp.mode);
  ctx.log(`IdP: ${agent.username} signed in; posting a ${idp.mode} SAML response to the assertion-consumer URL`);
  sendHtml(res, 200, `<p>Signing you in…</p><form method="post" action="${html(idp.acsUrl)}">`
    + `<input type="hidden" name="SAMLResponse" value="${html(response)}"><noscript><button type="submit">Continue</button></noscript></form>`
    + '<script>document.forms[0].submit()</script>');
}

/** True when the path was an IdP route. */
export function handleIdp(ctx: SimContext, method: string, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (path !== IDP_PATH) return false;
  if (method === 'GET') {
    sendHtml(res, 200, signInForm());
    return true;
  }
  if (method !== 'POST') {
    sendHtml(res, 405, '<p>Method not allowed</p>');
    return true;
  }
  postResponse(ctx, req, res).catch(() => {
    if (!res.headersSent) sendHtml(res, 400, '<p>Bad request</p>');
  });
  return true;
}
