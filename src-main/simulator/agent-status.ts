/**
 * Agent status (lp-protocol.md §9, msgHist "agent-view/status"), the source the transfer dialog reads
 * to list the agents of a skill with their availability. Bearer required (401 otherwise):
 *   POST /messaging_history/api/account/{id}/agent-view/status
 *        body {agentIds?: string[], skillIds?: string[]}   (both optional; both given = both must match)
 *   → 200 {agentStatusRecords: [{agentId, agentLoginName, agentNickname, currentStatus, currentStatusStartTime, skillIds}]}
 * The reference names only `agentIds` → `agentStatusRecords[].currentStatus`; the `skillIds` filter and the
 * other record fields are this simulator's reading (`agentId` = the numeric user id, as in the account's
 * user APIs). An agent seeded without skills serves every skill; its `skillIds` lists them all.
 * currentStatus is the agent's last SetAgentState availability (OFFLINE when it never set one or has no socket).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from './http-util';
import { validSession } from './sessions';
import type { AgentRecord, SimContext } from './state';

const ROUTE = /^\/messaging_history\/api\/account\/([^/]+)\/agent-view\/status$/;

function stringList(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String) : [];
}

function skillsOf(ctx: SimContext, agent: AgentRecord): string[] {
  return agent.skills ?? ctx.skills.map((s) => s.id);
}

export function agentStatusRecords(ctx: SimContext, filter: { agentIds?: string[]; skillIds?: string[] }): Array<Record<string, unknown>> {
  const wanted = filter.agentIds ? new Set(filter.agentIds) : undefined;
  return ctx.agents
    .filter((a) => !wanted || wanted.has(a.userId) || wanted.has(a.legacyId) || wanted.has(a.pid))
    .filter((a) => !filter.skillIds || skillsOf(ctx, a).some((s) => filter.skillIds?.includes(s)))
    .map((a) => ({
      agentId: a.userId,
      agentLoginName: a.username,
      agentNickname: a.username,
      currentStatus: ctx.agentStates.get(a.username) ?? 'OFFLINE',
      currentStatusStartTime: ctx.agentStateSince.get(a.username) ?? 0,
      skillIds: skillsOf(ctx, a),
    }));
}

async function answer(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readBody(req, 64 * 1024);
  const body = text.trim() === '' ? {} : parseJsonObject(text);
  if (body === null) { sendJson(res, 400, { error: { message: 'body must be a JSON object', internalCode: 400 } }); return; }
  const agentIds = stringList(body.agentIds);
  const skillIds = stringList(body.skillIds);
  sendJson(res, 200, { agentStatusRecords: agentStatusRecords(ctx, { ...(agentIds ? { agentIds } : {}), ...(skillIds ? { skillIds } : {}) }) });
}

export function handleAgentStatus(ctx: SimContext, method: string, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  const m = ROUTE.exec(path);
  if (!m) return false;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (decodeURIComponent(m[1] ?? '') !== ctx.opts.accountId || !validSession(ctx, bearer)) {
    sendJson(res, 401, { error: { message: 'Unauthorized', internalCode: 401, responseStatus: 'UNAUTHORIZED' } });
    return true;
  }
  if (method !== 'POST') { sendJson(res, 405, { error: 'Method not allowed' }); return true; }
  answer(ctx, req, res).catch((e: unknown) => {
    if (!res.headersSent) sendJson(res, 400, { error: { message: e instanceof Error ? e.message : 'bad request', internalCode: 400 } });
  });
  return true;
}
