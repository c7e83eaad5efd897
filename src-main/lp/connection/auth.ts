/**
 * Agent login / refresh / logout against agentVep (lp-protocol.md §2). The bearer, csrf, wsuk and
 * the Session_id cookie stay in this module's results and the Connection; every one of them is
 * registered with redact() so it can never reach a log. Responses are parsed with zod, tolerant of
 * extra fields: `sessionTTl` is a string of ms, `config.userId` is required ("invalid login state").
 */
import { z } from 'zod';
import { LpError } from '../base/errors';
import { idString as idSchema } from '../protocol/frames';
import type { HttpClient } from './http';
import type { AgentProfile, Credentials } from '../protocol/model';
import { registerSecret } from '../base/redact';

export interface LoginResult {
  bearer: string;
  csrf?: string;
  wsuk?: string;
  /** From `sessionTTl` (string ms); undefined when absent or not a number. */
  sessionTtlMs?: number;
  profile: AgentProfile;
}

const loginSchema = z.looseObject({
  bearer: z.string().min(1),
  csrf: z.string().optional(),
  wsuk: z.string().optional(),
  sessionTTl: z.union([z.string(), z.number()]).optional(),
  config: z.looseObject({
    userId: idSchema.optional(),
    userPid: z.string().optional(),
    loginName: z.string().optional(),
  }).optional(),
});

/** The login body of each credentials kind (§2). */
export function loginBody(credentials: Credentials): Record<string, string> {
  switch (credentials.kind) {
    case 'password':
      return { username: credentials.username, password: credentials.password };
    case 'appKey':
      return {
        username: credentials.username,
        appKey: credentials.appKey,
        secret: credentials.secret,
        accessToken: credentials.accessToken,
        accessTokenSecret: credentials.accessTokenSecret,
      };
    case 'assertion':
      // §2's third body: the SDK sends `jwt: "dummy"` beside the assertion (a workaround for agentVep, per its comment).
      return { assertion: credentials.assertion, jwt: 'dummy' };
  }
}

/** Registers every secret of the credentials with redact(). */
function registerCredentialSecrets(credentials: Credentials): void {
  if (credentials.kind === 'password') registerSecret(credentials.password);
  else if (credentials.kind === 'assertion') registerSecret(credentials.assertion);
  else {
    registerSecret(credentials.appKey);
    registerSecret(credentials.secret);
    registerSecret(credentials.accessToken);
    registerSecret(credentials.accessTokenSecret);
  }
}

/** Parses a login response body; throws LpError (code 0) "invalid login state" on a wrong shape. */
export function parseLoginResponse(body: unknown, accountId: string, fallbackLoginName: string): LoginResult {
  const parsed = loginSchema.safeParse(body);
  if (!parsed.success) {
    throw new LpError({ code: 0, message: 'invalid login state: the login response has no bearer', location: 'Login#REST' });
  }
  const d = parsed.data;
  registerSecret(d.bearer);
  registerSecret(d.csrf);
  registerSecret(d.wsuk);
  const userId = d.config?.userId;
  if (!userId) throw new LpError({ code: 0, message: 'invalid login state: the login response has no config.userId', location: 'Login#REST' });
  const ttl = d.sessionTTl === undefined ? NaN : Number(d.sessionTTl);
  const profile: AgentProfile = {
    accountId,
    userId,
    legacyId: `${accountId}.${userId}`,
    loginName: d.config?.loginName ?? fallbackLoginName,
    ...(d.config?.userPid ? { pid: d.config.userPid } : {}),
  };
  return {
    bearer: d.bearer,
    ...(d.csrf ? { csrf: d.csrf } : {}),
    ...(d.wsuk ? { wsuk: d.wsuk } : {}),
    ...(Number.isFinite(ttl) && ttl > 0 ? { sessionTtlMs: ttl } : {}),
    profile,
  };
}

export interface AuthTarget {
  http: HttpClient;
  /** `https://{agentVep}` (or http for the simulator). */
  base: string;
  accountId: string;
  timeoutMs?: number;
}

const acct = (t: AuthTarget): string => encodeURIComponent(t.accountId);

/** POST /login?v=1.3. Rejects with LpError (status code, `Login#REST`). */
export async function login(t: AuthTarget, credentials: Credentials): Promise<LoginResult> {
  registerCredentialSecrets(credentials);
  const body = await t.http.json({
    method: 'POST',
    url: `${t.base}/api/account/${acct(t)}/login?v=1.3`,
    body: loginBody(credentials),
    location: 'Login#REST',
    ...(t.timeoutMs ? { timeoutMs: t.timeoutMs } : {}),
  });
  return parseLoginResponse(body, t.accountId, credentials.username);
}

/** POST /refresh?v=1.3 with {csrf} and the login cookies. 200 with an empty body. */
export async function refresh(t: AuthTarget, csrf: string | undefined): Promise<void> {
  await t.http.json({
    method: 'POST',
    url: `${t.base}/api/account/${acct(t)}/refresh?v=1.3`,
    body: { csrf: csrf ?? '' },
    location: 'Refresh#REST',
    ...(t.timeoutMs ? { timeoutMs: t.timeoutMs } : {}),
  });
}

/** POST /logout with {csrf} and the login cookies. */
export async function logout(t: AuthTarget, csrf: string | undefined): Promise<void> {
  await t.http.json({
    method: 'POST',
    url: `${t.base}/api/account/${acct(t)}/logout`,
    body: { csrf: csrf ?? '' },
    location: 'Logout#REST',
    ...(t.timeoutMs ? { timeoutMs: t.timeoutMs } : {}),
  });
}
