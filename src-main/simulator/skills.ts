/**
 * Account-config skills (lp-protocol.md §9), `Authorization: Bearer <bearer>` required (401 otherwise):
 *   GET /api/account/{id}/configuration/le-users/skills?v=2.0   → JSON array of skill entities
 *   GET /api/account/{id}/configuration/le-users/skills/{skillId} → one entity, 404 if absent
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimSkillSeed } from './api';
import { sendJson } from './http-util';
import { validSession } from './sessions';
import type { SimContext } from './state';

const ROUTE = /^\/api\/account\/([^/]+)\/configuration\/le-users\/skills(?:\/([^/]+))?$/;

function entity(s: SimSkillSeed, order: number): Record<string, unknown> {
  return {
    id: Number(s.id),
    deleted: false,
    name: s.name,
    description: s.description ?? '',
    skillOrder: order,
    maxWaitTime: 120,
    dateUpdated: '2026-01-01 00:00:00',
    canTransfer: true,
    skillTransferList: [],
    skillRoutingConfiguration: [],
    lobIds: [],
    wrapUpTime: 0,
  };
}

export function handleSkills(ctx: SimContext, method: string, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  const m = ROUTE.exec(path);
  if (!m) return false;
  const auth = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  if (decodeURIComponent(m[1] ?? '') !== ctx.opts.accountId || !validSession(ctx, bearer)) {
    sendJson(res, 401, { error: { message: 'Unauthorized', internalCode: 401, responseStatus: 'UNAUTHORIZED' } });
    return true;
  }
  if (method !== 'GET') { sendJson(res, 405, { error: 'Method not allowed' }); return true; }
  const headers = { 'ac-revision': '1', ETag: '1' };
  const id = m[2] ? decodeURIComponent(m[2]) : undefined;
  if (id === undefined) {
    sendJson(res, 200, ctx.skills.map((s, i) => entity(s, i + 1)), headers);
    return true;
  }
  const i = ctx.skills.findIndex((s) => s.id === id);
  const skill = ctx.skills[i];
  if (!skill) sendJson(res, 404, { error: { message: `Skill ${id} not found`, internalCode: 404, responseStatus: 'NOT_FOUND' } });
  else sendJson(res, 200, entity(skill, i + 1), headers);
  return true;
}
