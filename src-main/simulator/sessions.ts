/**
 * Bearer sessions: created by login, extended by refresh (sliding: expiresAt = now + sessionTtlMs),
 * ended by logout, expiry or faults.expireTokens. When a session ends, the sockets opened with its
 * bearer are closed (4401 by default).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSocket } from './sockets';
import type { AgentRecord, Session, SimContext } from './state';

const token = (bytes: number): string => randomBytes(bytes).toString('hex');

export function createSession(ctx: SimContext, agent: AgentRecord): Session {
  const s: Session = {
    bearer: token(32),
    csrf: token(16),
    wsuk: token(16),
    sessionCookie: randomUUID().replace(/-/g, ''),
    agent,
    expiresAt: ctx.opts.clock.now() + ctx.opts.sessionTtlMs,
    valid: true,
    timer: null,
  };
  ctx.sessions.set(s.bearer, s);
  armExpiry(ctx, s);
  return s;
}

function armExpiry(ctx: SimContext, s: Session): void {
  ctx.opts.clock.clearTimeout(s.timer);
  s.timer = ctx.opts.clock.setTimeout(() => {
    s.timer = null;
    if (!s.valid) return;
    if (ctx.opts.clock.now() < s.expiresAt) { armExpiry(ctx, s); return; }
    ctx.log(`session of ${s.agent.username} expired`);
    endSession(ctx, s, 4401, 'Token expired');
  }, Math.max(0, s.expiresAt - ctx.opts.clock.now()));
}

export function refreshSession(ctx: SimContext, s: Session): void {
  s.expiresAt = ctx.opts.clock.now() + ctx.opts.sessionTtlMs;
  armExpiry(ctx, s);
}

export function validSession(ctx: SimContext, bearer: string | undefined): Session | undefined {
  if (!bearer) return undefined;
  const s = ctx.sessions.get(bearer);
  if (!s || !s.valid) return undefined;
  if (ctx.opts.clock.now() >= s.expiresAt) {
    endSession(ctx, s, 4401, 'Token expired');
    return undefined;
  }
  return s;
}

export function sessionByCookie(ctx: SimContext, cookie: string | undefined): Session | undefined {
  if (!cookie) return undefined;
  for (const s of ctx.sessions.values()) if (s.sessionCookie === cookie) return s;
  return undefined;
}

/** Invalidates the bearer and closes every socket opened with it. */
export function endSession(ctx: SimContext, s: Session, closeCode: number, reason: string): void {
  s.valid = false;
  ctx.opts.clock.clearTimeout(s.timer);
  s.timer = null;
  for (const sock of ctx.sockets.values()) {
    if (sock.bearer === s.bearer && sock.open) closeSocket(ctx, sock, closeCode, reason);
  }
}
