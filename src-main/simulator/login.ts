/**
 * agentVep login service (lp-protocol.md §2):
 *   POST /api/account/{id}/login?v=1.3 (v=1.2 accepted)   bodies: password | appKey | SAML assertion
 *   POST /api/account/{id}/refresh                        cookie Session_id + body {csrf}; 200 empty body, extends the bearer
 *   POST /api/account/{id}/logout                         same checks; invalidates the bearer, closes the user's sockets (4401)
 * Login does NOT invalidate the user's older bearers; the one-session-per-user rule is enforced on the
 * socket (see ws-server.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { csdsList } from './csds';
import { agentVepError, parseCookies, parseJsonObject, readBody, sendEmpty, sendJson } from './http-util';
import { createSession, endSession, refreshSession, sessionByCookie } from './sessions';
import { closeSocket } from './sockets';
import { verifyResponse } from './idp';
import type { AgentRecord, Session, SimContext } from './state';

const ROUTE = /^\/api\/account\/([^/]+)\/(login|refresh|logout)$/;

const bump = (m: Map<string, number>, k: string): void => { m.set(k, (m.get(k) ?? 0) + 1); };

function findAgent(ctx: SimContext, body: Record<string, unknown>): AgentRecord | undefined | 'bad-request' | { refused: string } {
  if (typeof body.assertion === 'string') {
    const seeded = ctx.agents.find((a) => a.samlAssertion !== undefined && a.samlAssertion === body.assertion);
    if (seeded) return seeded;
    // Only what this simulator's IdP issued, unexpired, unforged, once (idp.ts).
    const verdict = verifyResponse(ctx.idp, body.assertion, ctx.opts.clock.now());
    if (!verdict.ok) return { refused: verdict.reason };
    return ctx.agents.find((a) => a.username === verdict.nameId) ?? { refused: `no agent ${verdict.nameId} in this account` };
  }
  if (typeof body.username !== 'string' || body.username === '') return 'bad-request';
  const agent = ctx.agents.find((a) => a.username === body.username);
  if (typeof body.password === 'string') return agent && agent.password === body.password ? agent : undefined;
  if (typeof body.appKey === 'string') {
    const k = agent?.appKey;
    const ok = k && k.appKey === body.appKey && k.secret === body.secret && k.accessToken === body.accessToken && k.accessTokenSecret === body.accessTokenSecret;
    return ok ? agent : undefined;
  }
  return 'bad-request';
}

function loginResponse(ctx: SimContext, s: Session): Record<string, unknown> {
  const now = ctx.opts.clock.now();
  return {
    csrf: s.csrf,
    wsuk: s.wsuk,
    config: {
      loginName: s.agent.username,
      userId: s.agent.userId,
      userPid: s.agent.pid,
      userPrivileges: [100, 101, 1501, 1502],
      serverCurrentTime: now,
      timeDiff: 0,
      serverTimeZoneName: 'UTC',
      serverTimeGMTDiff: 0,
      isLPA: false,
      isAdmin: false,
      accountTimeZoneId: 'UTC',
    },
    csdsCollectionResponse: { baseURIs: csdsList(ctx) },
    accountData: { agentGroupsData: { items: [{ id: -1, deleted: false, name: 'Main Group' }], revision: 1 } },
    sessionTTl: String(ctx.opts.sessionTtlMs),
    bearer: s.bearer,
  };
}

function failStatus(res: ServerResponse, status: 401 | 500 | 503): void {
  if (status === 500) sendJson(res, 500, { error: 'LeLogin1 failed - invalid url received from app server' });
  else if (status === 503) sendJson(res, 503, agentVepError('Service temporarily unavailable', 503, 'SERVICE_UNAVAILABLE'));
  else sendJson(res, 401, agentVepError('Authentication failed: wrong user name or password', 1, 'UNAUTHORIZED'));
}

async function login(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readBody(req);
  if (ctx.faults.loginDelayMs > 0) await new Promise<void>((r) => ctx.opts.clock.setTimeout(r, ctx.faults.loginDelayMs));
  const body = parseJsonObject(text);
  const name = typeof body?.username === 'string' ? body.username : '(sso)';
  const fault = ctx.faults.refuseLogins;
  if (fault.count > 0) {
    fault.count--;
    bump(ctx.loginCounts, name);
    failStatus(res, fault.status);
    ctx.log(`login of ${name} refused by fault (${fault.status})`);
    ctx.events.emit('login', { username: name, ok: false, status: fault.status });
    return;
  }
  const found = body ? findAgent(ctx, body) : 'bad-request';
  if (found === 'bad-request') {
    sendJson(res, 400, agentVepError('Bad request: expected {username,password}, {username,appKey,secret,accessToken,accessTokenSecret} or {assertion}', 400, 'BAD_REQUEST'));
    ctx.events.emit('login', { username: name, ok: false, status: 400 });
    return;
  }
  if (found !== undefined && 'refused' in found) {
    bump(ctx.loginCounts, name);
    // The reason alone is the message: the app says "your organisation's sign-in was refused: <reason>".
    sendJson(res, 401, agentVepError(found.refused, 1, 'UNAUTHORIZED'));
    ctx.log(`SSO login refused: ${found.refused}`);
    ctx.events.emit('login', { username: name, ok: false, status: 401 });
    return;
  }
  if (!found) {
    bump(ctx.loginCounts, name);
    failStatus(res, 401);
    ctx.log(`login of ${name} failed: wrong credentials`);
    ctx.events.emit('login', { username: name, ok: false, status: 401 });
    return;
  }
  const s = createSession(ctx, found);
  bump(ctx.loginCounts, found.username);
  const secure = ctx.opts.tls ? '; Secure' : '';
  sendJson(res, 200, loginResponse(ctx, s), { 'Set-Cookie': [`Session_id=${s.sessionCookie}; Path=/; HttpOnly${secure}`] });
  ctx.log(`login of ${found.username} ok`);
  ctx.events.emit('login', { username: found.username, ok: true, status: 200 });
}

function csrfError(res: ServerResponse): void {
  sendJson(res, 401, agentVepError('CSRF token invalid! Please login again', 10, 'UNAUTHORIZED'));
}

async function refreshOrLogout(ctx: SimContext, kind: 'refresh' | 'logout', req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = parseJsonObject(await readBody(req));
  const s = sessionByCookie(ctx, parseCookies(req.headers.cookie).get('Session_id'));
  // Like refreshes, a logout counts for the user its cookie names, whatever the outcome (no cookie: nobody's).
  if (kind === 'logout' && s) bump(ctx.logoutCounts, s.agent.username);
  if (kind === 'refresh') {
    if (s) bump(ctx.refreshCounts, s.agent.username);
    const fault = ctx.faults.failRefresh;
    if (fault.count > 0) {
      fault.count--;
      if (fault.status === 401) csrfError(res); else failStatus(res, fault.status);
      ctx.log(`refresh refused by fault (${fault.status})`);
      return;
    }
  }
  const ok = s && s.valid && ctx.opts.clock.now() < s.expiresAt && body && typeof body.csrf === 'string' && body.csrf === s.csrf;
  if (!ok || !s) { csrfError(res); ctx.log(`${kind} rejected: bad csrf, cookie or session`); return; }
  if (kind === 'refresh') {
    refreshSession(ctx, s);
    ctx.log(`session of ${s.agent.username} refreshed`);
  } else {
    endSession(ctx, s, 4401, 'Logged out');
    // the user's sockets opened with another (older) bearer go too
    for (const sock of ctx.sockets.values()) if (sock.open && sock.agent.username === s.agent.username) closeSocket(ctx, sock, 4401, 'Logged out');
    ctx.log(`${s.agent.username} logged out`);
  }
  sendEmpty(res, 200);
}

/** Returns true when the path was a login-service route. */
export function handleLogin(ctx: SimContext, method: string, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  const m = ROUTE.exec(path);
  if (!m) return false;
  const account = decodeURIComponent(m[1] ?? '');
  if (method !== 'POST') { sendJson(res, 405, agentVepError('Method not allowed', 405, 'METHOD_NOT_ALLOWED')); return true; }
  if (account !== ctx.opts.accountId) {
    sendJson(res, 401, agentVepError(`Account ${account} unknown`, 1, 'UNAUTHORIZED'));
    return true;
  }
  const kind = m[2] as 'login' | 'refresh' | 'logout';
  const work = kind === 'login' ? login(ctx, req, res) : refreshOrLogout(ctx, kind, req, res);
  work.catch((e: unknown) => {
    if (!res.headersSent) sendJson(res, 500, { error: e instanceof Error ? e.message : 'internal error' });
  });
  return true;
}
