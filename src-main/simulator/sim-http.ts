/**
 * The simulator's own HTTP API (everything under /sim/: consumers.ts, fault-http.ts) and its guard.
 * Off unless the httpApi option asks for it (then 404 for every /sim/ path). When on, a request must:
 *   - name this server in Host: 127.0.0.1:<port>, localhost:<port> or [::1]:<port> (or the --host it
 *     listens on) — else 403, so a web page reached through DNS rebinding gets nothing;
 *   - carry `Authorization: Bearer <token>` with the per-run token — else 403;
 *   - as a POST, say `Content-Type: application/json` — else 415, so a page's "simple" text/plain POST
 *     (which a browser sends cross-site without asking) is refused.
 * The rest of the simulator (CSDS, login, skills, the socket) is LivePerson's protocol and keeps its
 * own rules (lp-protocol.md §1–§4).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimFaults } from './api';
import { handleConsumerHttp } from './consumers';
import { handleFaultHttp } from './fault-http';
import { sendJson } from './http-util';
import type { SimContext } from './state';

const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

/** The token the httpApi option asks for: null (off), a fresh random one (true), or the one given. */
export function httpApiToken(option: boolean | { token: string } | undefined): string | null {
  if (!option) return null;
  if (option === true) return randomBytes(24).toString('base64url');
  if (!TOKEN.test(option.token)) throw new Error('httpApi.token must be 16 to 256 characters of A-Z a-z 0-9 _ -');
  return option.token;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function allowedHosts(ctx: SimContext): Set<string> {
  const port = ctx.hostPort.slice(ctx.hostPort.lastIndexOf(':') + 1);
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ctx.hostPort.toLowerCase()]);
}

/** Why the request may not use the API (status and message), or null when it may. */
function refusal(ctx: SimContext, token: string, method: string, req: IncomingMessage): { status: number; error: string } | null {
  if (!allowedHosts(ctx).has((req.headers.host ?? '').toLowerCase())) return { status: 403, error: 'Host must be 127.0.0.1, localhost or [::1] with this port' };
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  if (!timingSafeEqual(digest(given), digest(token))) return { status: 403, error: 'Authorization: Bearer <token> required (the token the simulator printed at start)' };
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (method === 'POST' && type !== 'application/json') return { status: 415, error: 'Content-Type must be application/json' };
  return null;
}

/** Handles every /sim/ path (true), or leaves the request to the other routes (false). */
export function handleSimHttp(ctx: SimContext, token: string | null, faults: SimFaults, method: string, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (path !== '/sim' && !path.startsWith('/sim/')) return false;
  if (token === null) { sendJson(res, 404, { error: 'The simulator HTTP API is off (start it with the httpApi option, e.g. npm run sim)' }); return true; }
  const refused = refusal(ctx, token, method, req);
  if (refused) {
    ctx.log(`HTTP API refused ${method} ${path}: ${refused.status}`);
    sendJson(res, refused.status, { error: refused.error });
    return true;
  }
  if (handleConsumerHttp(ctx, method, path, req, res)) return true;
  if (handleFaultHttp(faults, method, path, req, res)) return true;
  sendJson(res, 404, { error: `No route for ${method} ${path}` });
  return true;
}
