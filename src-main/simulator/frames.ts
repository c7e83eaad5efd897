/**
 * Frame parsing and building (lp-protocol.md §5). Accepts `.ams.`-prefixed types and the short
 * aliases (routing.X, cqm.X, aam.X, ms.X, cm.X, userprofile.X, GetClock/.GetClock, KeepAlive),
 * `id` as string or number; always emits `.ams.` forms.
 */
import type { AgentSocket, SimContext } from './state';

export type CanonicalType =
  | 'GetClock' | 'KeepAlive'
  | 'userprofile.GetUserProfile'
  | 'routing.SetAgentState' | 'routing.SubscribeRoutingTasks' | 'routing.UpdateRingState'
  | 'routing.UpdateRoutingTaskSubscription' | 'routing.SubscribeAgentsState'
  | 'aam.SubscribeExConversations' | 'aam.UnsubscribeExConversations'
  | 'ms.PublishEvent' | 'ms.QueryMessages'
  | 'ms.GenerateURLForUploadFile' | 'ms.GenerateURLForDownloadFile' | 'ms.token.GenerateDownloadToken'
  | 'cm.UpdateConversationField' | 'cm.AgentRequestConversation';

const CANONICAL = new Set<string>([
  'GetClock', 'KeepAlive', 'userprofile.GetUserProfile',
  'routing.SetAgentState', 'routing.SubscribeRoutingTasks', 'routing.UpdateRingState',
  'routing.UpdateRoutingTaskSubscription', 'routing.SubscribeAgentsState',
  'aam.SubscribeExConversations', 'aam.UnsubscribeExConversations',
  'ms.PublishEvent', 'ms.QueryMessages', 'ms.GenerateURLForUploadFile', 'ms.GenerateURLForDownloadFile',
  'ms.token.GenerateDownloadToken', 'cm.UpdateConversationField', 'cm.AgentRequestConversation',
]);

/** `.ams.cqm.SubscribeExConversations`, `cqm.SubscribeExConversations`, ... → `aam.SubscribeExConversations`. */
export function canonicalType(type: string): CanonicalType | null {
  let t = type.trim();
  if (t.startsWith('.')) t = t.slice(1);
  if (t.startsWith('ams.')) t = t.slice(4);
  if (t.startsWith('cqm.')) t = `aam.${t.slice(4)}`;
  if (t === 'ms.SubscribeMessagingEvents') t = 'ms.QueryMessages';
  return CANONICAL.has(t) ? (t as CanonicalType) : null;
}

export interface RequestFrame {
  id: string | number;
  type: string;
  body: unknown;
  metadata: unknown;
  raw: string;
}

export type ParseResult =
  | { ok: true; req: RequestFrame }
  | { ok: false; id: string | number | null; reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseFrame(raw: string): ParseResult {
  let data: unknown;
  try { data = JSON.parse(raw); } catch {
    const m = /"id"\s*:\s*("(?:[^"\\]|\\.){1,64}"|-?\d+)/.exec(raw);
    let id: string | number | null = null;
    if (m?.[1]) { try { id = JSON.parse(m[1]) as string | number; } catch { id = null; } }
    return { ok: false, id, reason: 'Malformed JSON' };
  }
  if (!isRecord(data)) return { ok: false, id: null, reason: 'Frame is not an object' };
  const id = data.id;
  const validId = (typeof id === 'string' && id.length >= 1 && id.length <= 64) || (typeof id === 'number' && Number.isFinite(id));
  if (!validId) return { ok: false, id: null, reason: 'Missing or invalid id' };
  if (data.kind !== undefined && data.kind !== 'req') return { ok: false, id, reason: `Unsupported kind ${String(data.kind)}` };
  if (typeof data.type !== 'string') return { ok: false, id, reason: 'Missing type' };
  return { ok: true, req: { id, type: data.type, body: data.body, metadata: data.metadata, raw } };
}

export function sendJson(sock: AgentSocket, frame: unknown): void {
  if (!sock.open || sock.ws.readyState !== sock.ws.OPEN) return;
  sock.ws.send(JSON.stringify(frame));
}

export function notify(sock: AgentSocket, type: string, body: unknown): void {
  sendJson(sock, { kind: 'notification', type, body });
}

export const STRING_RESP = '.ReqBody$StringResp';

/** Sends a response, honouring the delayResponses / dropResponses faults (the action was already applied). */
export function respond(ctx: SimContext, sock: AgentSocket, req: RequestFrame, code: number, type: string, body: unknown): void {
  const frame = { kind: 'resp', reqId: req.id, code, type, body };
  const drop = ctx.faults.dropResponses;
  if (drop.count > 0 && drop.match(req.type)) {
    drop.count--;
    ctx.log(`fault: dropped response to ${req.type} (id ${String(req.id)})`);
    return;
  }
  const delay = ctx.faults.delayResponses;
  if (delay && delay.ms > 0 && delay.match(req.type)) {
    ctx.opts.clock.setTimeout(() => sendJson(sock, frame), delay.ms);
    return;
  }
  sendJson(sock, frame);
}

export function respondError(ctx: SimContext, sock: AgentSocket, req: RequestFrame, code: number, message: string): void {
  respond(ctx, sock, req, code, STRING_RESP, message.slice(0, 128));
}

/** A single-element array may be sent as the bare element (§5): always hand back an array. */
export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

export function rec(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}
