/**
 * Request dispatch for agent sockets (lp-protocol.md §5/§6). Malformed JSON or an unknown type →
 * 400 when an id can be recovered, otherwise the frame is ignored (and logged).
 */
import type { SimRequestRecord } from './api';
import { agentRequestConversation, subscribeExConversations, unsubscribeExConversations, updateConversationField } from './conversation-requests';
import { consumerProfileBody } from './consumers';
import { type CanonicalType, type RequestFrame, STRING_RESP, canonicalType, parseFrame, rec, respond, respondError, sendJson, str } from './frames';
import { generateDownloadToken, generateDownloadUrl, generateUploadUrl, publishEvent, queryMessages } from './messaging-requests';
import { setAgentState, subscribeAgentsState, subscribeRoutingTasks, updateRingState, updateRoutingTaskSubscription } from './routing-requests';
import type { AgentSocket, SimContext } from './state';

type Handler = (ctx: SimContext, sock: AgentSocket, req: RequestFrame) => void;

function getClock(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  respond(ctx, sock, req, 200, '.GetClock$Response', { currentTime: ctx.opts.clock.now() });
}

function keepAlive(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  respond(ctx, sock, req, 200, STRING_RESP, 'OK');
}

/** Own profile for `{}`; a consumer's raw profile for a bare consumerId string or `{userId}`. */
function getUserProfile(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const b = req.body;
  const target = typeof b === 'string' ? b : str(rec(b).userId);
  const type = '.ams.userprofile.GetUserProfile$Response';
  const a = sock.agent;
  if (!target || target === a.legacyId || target === a.pid || target === a.userId) {
    respond(ctx, sock, req, 200, type, { userId: a.legacyId, pid: a.pid, loginName: a.username, nickname: a.username, accountId: ctx.opts.accountId });
    return;
  }
  const profile = consumerProfileBody(ctx, target);
  if (!profile) { respondError(ctx, sock, req, 400, `User ${target} does not exist`); return; }
  respond(ctx, sock, req, 200, type, profile);
}

const HANDLERS: Record<CanonicalType, Handler> = {
  'GetClock': getClock,
  'KeepAlive': keepAlive,
  'userprofile.GetUserProfile': getUserProfile,
  'routing.SetAgentState': setAgentState,
  'routing.SubscribeRoutingTasks': subscribeRoutingTasks,
  'routing.UpdateRingState': updateRingState,
  'routing.UpdateRoutingTaskSubscription': updateRoutingTaskSubscription,
  'routing.SubscribeAgentsState': subscribeAgentsState,
  'aam.SubscribeExConversations': subscribeExConversations,
  'aam.UnsubscribeExConversations': unsubscribeExConversations,
  'ms.PublishEvent': publishEvent,
  'ms.QueryMessages': queryMessages,
  'ms.GenerateURLForUploadFile': generateUploadUrl,
  'ms.GenerateURLForDownloadFile': generateDownloadUrl,
  'ms.token.GenerateDownloadToken': generateDownloadToken,
  'cm.UpdateConversationField': updateConversationField,
  'cm.AgentRequestConversation': agentRequestConversation,
};

export function handleFrame(ctx: SimContext, sock: AgentSocket, raw: string): void {
  const parsed = parseFrame(raw);
  if (!parsed.ok) {
    ctx.log(`socket ${sock.id} (${sock.agent.username}): bad frame: ${parsed.reason}`);
    if (parsed.id !== null) sendJson(sock, { kind: 'resp', reqId: parsed.id, code: 400, type: STRING_RESP, body: parsed.reason });
    return;
  }
  const req = parsed.req;
  const record: SimRequestRecord = { at: ctx.opts.clock.now(), username: sock.agent.username, socketId: sock.id, type: req.type, id: req.id, body: req.body, raw };
  ctx.requests.push(record);
  ctx.events.emit('request', record);
  const canonical = canonicalType(req.type);
  if (!canonical) {
    ctx.log(`socket ${sock.id} (${sock.agent.username}): unknown request type ${req.type}`);
    respondError(ctx, sock, req, 400, `Unknown request type ${req.type}`);
    return;
  }
  ctx.log(`${sock.agent.username} → ${req.type}`);
  try {
    HANDLERS[canonical](ctx, sock, req);
  } catch (e) {
    ctx.log(`handler ${canonical} failed: ${e instanceof Error ? e.message : String(e)}`);
    respondError(ctx, sock, req, 500, 'Internal server error');
  }
}
