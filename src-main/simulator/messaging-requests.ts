/**
 * Messaging requests (lp-protocol.md §6): PublishEvent, QueryMessages, file-sharing URLs.
 * PublishEvent answers first, then broadcasts (OnlineEventDistribution to every participant socket,
 * the sender's own included). Chat-state events are not stored and answer {sequence: 0}.
 */
import { randomBytes } from 'node:crypto';
import { FILE_TYPES, reserveFile, signUrl } from './files';
import { broadcastChatState, eventBody, originatorOfAgent, storeEvent } from './conversations';
import { participantOf } from './participants';
import { type RequestFrame, num, rec, respond, respondError, str } from './frames';
import type { AgentSocket, SimContext } from './state';

const CHAT_STATES = ['ACTIVE', 'INACTIVE', 'GONE', 'COMPOSING', 'PAUSE'];
const ACCEPT_STATUSES = ['ACCEPT', 'READ', 'ACCESS', 'NACK', 'ACTION'];
/** §6 PublishEvent `messageAudience`: ALL (the default) or AGENTS_AND_MANAGERS (private: never shown to the consumer). */
const AUDIENCES = ['ALL', 'AGENTS_AND_MANAGERS'];
const isFileType = (t: unknown): boolean => typeof t === 'string' && (FILE_TYPES as readonly string[]).includes(t.toUpperCase());

/** §6 hosted/file: message {caption?, relativePath, fileType}; the path must be an uploaded file of this store. */
function validateHostedFile(ctx: SimContext, m: unknown): string | undefined {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'hosted/file message must be an object';
  const { relativePath, fileType, caption } = m as Record<string, unknown>;
  if (typeof relativePath !== 'string') return 'message.relativePath is required';
  if (!isFileType(fileType)) return `Unsupported fileType ${String(fileType)}`;
  if (caption !== undefined && typeof caption !== 'string') return 'message.caption must be a string';
  const file = ctx.files.get(relativePath);
  if (!file || file.bytes === null) return 'message.relativePath does not name an uploaded file';
  return undefined;
}

function validateEvent(ctx: SimContext, event: Record<string, unknown>): string | undefined {
  switch (event.type) {
    case 'ContentEvent': {
      const m = event.message;
      if (m === undefined || m === null || m === '') return 'message is required';
      if (event.contentType === 'hosted/file') return validateHostedFile(ctx, m);
      if (typeof m !== 'string' && (typeof m !== 'object' || Array.isArray(m))) return 'message must be a string or an object';
      return undefined;
    }
    case 'RichContentEvent':
      return event.content === undefined ? 'content is required' : undefined;
    case 'AcceptStatusEvent':
      if (!ACCEPT_STATUSES.includes(String(event.status))) return `Invalid status ${String(event.status)}`;
      if (!Array.isArray(event.sequenceList) || !event.sequenceList.every((n) => typeof n === 'number')) return 'sequenceList must be an array of numbers';
      return undefined;
    case 'ChatStateEvent':
      return CHAT_STATES.includes(String(event.chatState)) ? undefined : `Invalid chatState ${String(event.chatState)}`;
    default:
      return `Unsupported event type ${String(event.type)}`;
  }
}

export function publishEvent(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const body = rec(req.body);
  const dialogId = str(body.dialogId) ?? str(body.conversationId);
  const conv = dialogId ? ctx.conversations.get(dialogId) : undefined;
  if (!conv) { respondError(ctx, sock, req, 400, `Dialog ${String(dialogId)} does not exist`); return; }
  if (!participantOf(conv, sock.agent)) { respondError(ctx, sock, req, 400, 'Agent does not exist in conversation'); return; }
  const event = { ...rec(body.event) };
  if (typeof event.sequenceList === 'number') event.sequenceList = [event.sequenceList]; // single-element array sent bare (§5)
  const invalid = validateEvent(ctx, event);
  if (invalid) { respondError(ctx, sock, req, 400, invalid); return; }
  if (body.messageAudience !== undefined && !AUDIENCES.includes(String(body.messageAudience))) {
    respondError(ctx, sock, req, 400, 'Invalid messageAudience');
    return;
  }
  if (conv.state === 'CLOSE') { respondError(ctx, sock, req, 400, 'Conversation is closed'); return; }
  const ev: { type: string; [k: string]: unknown } = { ...event, type: String(event.type) };
  const audience = body.messageAudience === 'AGENTS_AND_MANAGERS' ? 'AGENTS_AND_MANAGERS' : undefined;
  if (ev.type === 'ContentEvent' && ev.contentType === undefined) ev.contentType = 'text/plain';
  const from = originatorOfAgent(conv, sock.agent);
  if (ev.type === 'ChatStateEvent') {
    respond(ctx, sock, req, 200, '.ams.ms.PublishEventResponse', { sequence: 0 });
    broadcastChatState(ctx, conv, from, ev);
    return;
  }
  respond(ctx, sock, req, 200, '.ams.ms.PublishEventResponse', { sequence: conv.nextSequence });
  storeEvent(ctx, conv, from, ev, audience);
}

/**
 * QueryMessages: events with sequence ≥ fromSeq and > newerThanSequence — except that
 * newerThanSequence equal to fromSeq is inclusive (the SDK sends both = 0 and expects event 0, §13).
 * olderThanSequence is exclusive; maxQuantity keeps the oldest N (the newest N with olderThanSequence),
 * and so does the simulator's own cap (queryMessagesCap) when it is smaller.
 */
export function queryMessages(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const body = rec(req.body);
  const dialogId = str(body.dialogId) ?? str(body.conversationId);
  const conv = dialogId ? ctx.conversations.get(dialogId) : undefined;
  if (!conv) { respondError(ctx, sock, req, 400, `Dialog ${String(dialogId)} does not exist`); return; }
  const fromSeq = num(body.fromSeq);
  const newer = num(body.newerThanSequence);
  const older = num(body.olderThanSequence);
  const asked = num(body.maxQuantity);
  const cap = ctx.opts.queryMessagesCap;
  const max = cap !== undefined && (asked === undefined || asked < 0 || asked > cap) ? cap : asked;
  let lower = fromSeq ?? 0;
  if (newer !== undefined) lower = Math.max(lower, newer === fromSeq || (fromSeq === undefined && newer === 0) ? newer : newer + 1);
  let events = conv.events.filter((e) => e.sequence >= lower && (older === undefined || e.sequence < older));
  if (max !== undefined && max >= 0 && events.length > max) events = older !== undefined ? events.slice(events.length - max) : events.slice(0, max);
  const pidOf = (id: string): string => ctx.agents.find((a) => a.legacyId === id)?.pid ?? id;
  respond(ctx, sock, req, 200, '.ams.ms.QueryMessages$Response', events.map((m) => eventBody(ctx, conv, m, pidOf(m.originatorId))));
}

export function generateUploadUrl(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const body = rec(req.body);
  const fileType = str(body.fileType)?.toUpperCase();
  const fileSize = num(body.fileSize);
  if (!fileType || !isFileType(fileType)) { respondError(ctx, sock, req, 400, `Unsupported fileType ${String(body.fileType)}`); return; }
  const max = ctx.opts.fileMaxBytes;
  if (fileSize === undefined || !Number.isInteger(fileSize) || fileSize <= 0 || fileSize > max) { respondError(ctx, sock, req, 400, `fileSize must be between 1 and ${max}`); return; }
  respond(ctx, sock, req, 200, '.ams.ms.GenerateURLForUploadFile$Response', signUrl(ctx, 'PUT', reserveFile(ctx, fileType, fileSize)));
}

/** A download URL only for a file of this store (uploaded or a consumer's): anything else is 400. */
export function generateDownloadUrl(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  const relativePath = str(rec(req.body).relativePath);
  if (!relativePath) { respondError(ctx, sock, req, 400, 'relativePath is required'); return; }
  if (!ctx.files.get(relativePath)?.bytes) { respondError(ctx, sock, req, 400, 'relativePath does not name a stored file'); return; }
  respond(ctx, sock, req, 200, '.ams.ms.GenerateURLForDownloadFile$Response', signUrl(ctx, 'GET', relativePath));
}

export function generateDownloadToken(ctx: SimContext, sock: AgentSocket, req: RequestFrame): void {
  respond(ctx, sock, req, 200, '.ams.ms.token.GenerateDownloadToken$Response', { token: randomBytes(16).toString('hex') });
}
