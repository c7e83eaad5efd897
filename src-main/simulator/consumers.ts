/**
 * Simulated consumers.
 *
 * In process: `sim.consumers.open({skillId, text, firstName, ...})` → SimConsumer (api.ts).
 *
 * Over HTTP, for use by hand (curl) and from other processes: same port as everything else, only with
 * the httpApi option and behind its guard (sim-http.ts: token, Host, JSON content type).
 *   POST /sim/consumer/conversations                      body {skillId?, text?, firstName?, lastName?, email?, phone?, customerId?, consumerId?}
 *                                                         → 201 {conversationId, consumerId}; consumerId = a returning consumer (400 if unknown)
 *        defaults: skillId = the first skill (11 "Billing" in the demo account), text = "Hi, I need some help please."
 *        (routing starts with it, lp-protocol.md §7), firstName "Alex", lastName "Morgan", email firstname.lastname@example.com,
 *        phone +1-555-0100, customerId a fresh number (the brand's customer id, in the profile's ctmrinfo SDE, §6)
 *   GET  /sim/consumer/conversations                      → 200 [SimConversationView]
 *   GET  /sim/consumer/conversations/{id}                 → 200 SimConversationView | 404
 *   POST /sim/consumer/conversations/{id}/messages        body {text} → 200 {sequence}
 *   GET  /sim/consumer/conversations/{id}/messages        → 200 [SimMessage] (stored events, sequence order)
 *   POST /sim/consumer/conversations/{id}/whisper         body {text} → 200 {sequence}: the account's supervisor whispers to the
 *                                                         agents (messageAudience AGENTS_AND_MANAGERS; the consumer never sees it)
 *   POST /sim/consumer/conversations/{id}/rich            body {content: object, quickReplies?: object} → 200 {sequence}: a RichContentEvent
 *                                                         (structured content, §6) as the consumer; any JSON object is stored as it is
 *                                                         (hostile content is the client's to survive)
 *   POST /sim/consumer/conversations/{id}/typing          body {state: COMPOSING|PAUSE|ACTIVE} → 204 (no body)
 *   POST /sim/consumer/conversations/{id}/read            body {sequences: number[]} → 204 (no body)
 *   POST /sim/consumer/conversations/{id}/close           → 200 {conversationId, state: "CLOSE"}
 * Errors: 400 {error} on a bad body, 404 {error} for an unknown conversation, 405 for another method,
 * 409 {error} for a POST to a closed conversation.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimConsumer, SimConsumerApi, SimMessage } from './api';
import { broadcastChatState, closeConversation, createConversation, originatorOfConsumer, storeEvent, view } from './conversations';
import { parseJsonObject, readBody, sendEmpty, sendJson } from './http-util';
import { routeConversation } from './routing';
import type { Conversation, SimContext } from './state';

type OpenOpts = Parameters<SimConsumerApi['open']>[0];

class ConversationClosedError extends Error {}

export function consumerSend(ctx: SimContext, conv: Conversation, text: string): number {
  if (conv.state === 'CLOSE') throw new ConversationClosedError(`conversation ${conv.convId} is closed`);
  const m = storeEvent(ctx, conv, originatorOfConsumer(conv), { type: 'ContentEvent', contentType: 'text/plain', message: text });
  routeConversation(ctx, conv);
  return m.sequence;
}

/** A RichContentEvent (structured content, lp-protocol.md §6) as the consumer, with optional quick replies. Stored as given. */
export function consumerSendRich(ctx: SimContext, conv: Conversation, content: unknown, quickReplies?: unknown): number {
  if (conv.state === 'CLOSE') throw new ConversationClosedError(`conversation ${conv.convId} is closed`);
  const event: SimMessage['event'] = { type: 'RichContentEvent', content };
  if (quickReplies !== undefined) event.quickReplies = quickReplies;
  const m = storeEvent(ctx, conv, originatorOfConsumer(conv), event);
  routeConversation(ctx, conv);
  return m.sequence;
}

/** The account's supervisor, who whispers (lp-protocol.md §6 messageAudience). Not a seeded agent: it never logs in. */
export const SUPERVISOR_USER_ID = '9900';

export function managerWhisper(ctx: SimContext, conv: Conversation, text: string): number {
  if (conv.state === 'CLOSE') throw new ConversationClosedError(`conversation ${conv.convId} is closed`);
  const legacyId = `${ctx.opts.accountId}.${SUPERVISOR_USER_ID}`;
  const from = { id: legacyId, pid: legacyId, role: 'MANAGER' as const };
  return storeEvent(ctx, conv, from, { type: 'ContentEvent', contentType: 'text/plain', message: text }, 'AGENTS_AND_MANAGERS').sequence;
}

function makeConsumer(ctx: SimContext, conv: Conversation): SimConsumer {
  return {
    consumerId: conv.consumer.consumerId,
    conversationId: conv.convId,
    send: async (text) => consumerSend(ctx, conv, text),
    whisper: async (text) => managerWhisper(ctx, conv, text),
    sendRich: async (content, opts) => consumerSendRich(ctx, conv, content, opts?.quickReplies),
    typing: (state) => {
      if (conv.state === 'OPEN') broadcastChatState(ctx, conv, originatorOfConsumer(conv), { type: 'ChatStateEvent', chatState: state });
    },
    read: (sequences) => {
      if (conv.state === 'OPEN') storeEvent(ctx, conv, originatorOfConsumer(conv), { type: 'AcceptStatusEvent', status: 'READ', sequenceList: sequences });
    },
    close: async () => { closeConversation(ctx, conv, 'CONSUMER', conv.consumer.consumerId); },
    messages: () => [...conv.events],
    nextAgentMessage: (predicate, timeoutMs = 5000) => {
      const isMatch = (m: SimMessage): boolean => m.dialogId === conv.convId && m.role !== 'CONSUMER' && m.event.type === 'ContentEvent'
        && m.messageAudience === undefined && (!predicate || predicate(m));
      const already = conv.events.find(isMatch);
      if (already) return Promise.resolve(already);
      return ctx.events.waitFor('message', isMatch, timeoutMs);
    },
  };
}

class UnknownConsumerError extends Error {}

export function openConversation(ctx: SimContext, opts: OpenOpts = {}): Conversation {
  const firstName = opts.firstName ?? 'Alex';
  const lastName = opts.lastName ?? 'Morgan';
  const skillId = opts.skillId ?? ctx.skills[0]?.id ?? '-1';
  let consumer: Conversation['consumer'];
  if (opts.consumerId !== undefined) {
    const earlier = [...ctx.conversations.values()].find((c) => c.consumer.consumerId === opts.consumerId);
    if (!earlier) throw new UnknownConsumerError(`unknown consumerId ${opts.consumerId}`);
    consumer = { ...earlier.consumer };
  } else {
    consumer = {
      consumerId: randomUUID(),
      firstName,
      lastName,
      email: opts.email ?? `${firstName}.${lastName}@example.com`.toLowerCase(),
      phone: opts.phone ?? '+1-555-0100',
      customerId: opts.customerId ?? String(100000 + ctx.conversations.size),
    };
  }
  const conv = createConversation(ctx, consumer, skillId);
  consumerSend(ctx, conv, opts.text ?? 'Hi, I need some help please.');
  return conv;
}

export function createConsumerApi(ctx: SimContext): SimConsumerApi {
  return {
    open: async (opts) => makeConsumer(ctx, openConversation(ctx, opts)),
    get: (conversationId) => {
      const conv = ctx.conversations.get(conversationId);
      return conv ? makeConsumer(ctx, conv) : undefined;
    },
  };
}

/** Raw consumer profile, as GetUserProfile returns it for a consumer (lp-protocol.md §6). */
export function consumerProfileBody(ctx: SimContext, consumerId: string): Record<string, unknown> | undefined {
  const conv = [...ctx.conversations.values()].find((c) => c.consumer.consumerId === consumerId);
  if (!conv) return undefined;
  const c = conv.consumer;
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    avatarUrl: '',
    backgndImgUri: '',
    description: '',
    // userId: the brand's customer id (node-agent-sdk maps it to customerId, §6), never the LivePerson consumer id
    privateData: { mobileNum: c.phone, mail: c.email, email: c.email, userId: c.customerId, pushNotificationData: { serviceName: '', certName: '', token: '' } },
    authenticatedData: {
      lp_sdes: [
        { type: 'ctmrinfo', info: { customerId: c.customerId, cstatus: 'active', ctype: 'customer' } },
        { type: 'personal', personal: { firstname: c.firstName, lastname: c.lastName, contacts: [{ email: c.email, phone: c.phone }] } },
      ],
    },
    claims: { lp_sdes: [], iss: 'https://idp.example.com' },
    acr: '0',
  };
}

const BASE = /^\/sim\/consumer\/conversations(?:\/([^/]+)(?:\/(messages|whisper|rich|typing|read|close))?)?$/;

async function handle(ctx: SimContext, method: string, m: RegExpExecArray, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const id = m[1] ? decodeURIComponent(m[1]) : undefined;
  const action = m[2];
  const text = method === 'POST' ? await readBody(req) : '';
  const body = text.trim() === '' ? {} : parseJsonObject(text);
  if (body === null) { sendJson(res, 400, { error: 'body must be a JSON object' }); return; }
  if (!id) {
    if (method === 'GET') { sendJson(res, 200, [...ctx.conversations.values()].map(view)); return; }
    if (method !== 'POST') { sendJson(res, 405, { error: 'method not allowed' }); return; }
    const s = (k: string): string | undefined => (typeof body[k] === 'string' ? (body[k] as string) : typeof body[k] === 'number' ? String(body[k]) : undefined);
    const skillId = s('skillId');
    if (skillId !== undefined && !ctx.skills.some((k) => k.id === skillId)) { sendJson(res, 400, { error: `unknown skillId ${skillId}` }); return; }
    let conv: Conversation;
    try {
      conv = openConversation(ctx, { skillId, text: s('text'), firstName: s('firstName'), lastName: s('lastName'), email: s('email'), phone: s('phone'), customerId: s('customerId'), consumerId: s('consumerId') });
    } catch (err) {
      if (err instanceof UnknownConsumerError) { sendJson(res, 400, { error: err.message }); return; }
      throw err;
    }
    sendJson(res, 201, { conversationId: conv.convId, consumerId: conv.consumer.consumerId });
    return;
  }
  const conv = ctx.conversations.get(id);
  if (!conv) { sendJson(res, 404, { error: `unknown conversation ${id}` }); return; }
  const api = makeConsumer(ctx, conv);
  if (!action) { if (method === 'GET') sendJson(res, 200, view(conv)); else sendJson(res, 405, { error: 'method not allowed' }); return; }
  if (action === 'messages' && method === 'GET') { sendJson(res, 200, api.messages()); return; }
  if (method !== 'POST') { sendJson(res, 405, { error: 'method not allowed' }); return; }
  if (conv.state === 'CLOSE') { sendJson(res, 409, { error: 'conversation is closed' }); return; }
  switch (action) {
    case 'messages': {
      if (typeof body.text !== 'string' || body.text === '') { sendJson(res, 400, { error: 'text is required' }); return; }
      sendJson(res, 200, { sequence: consumerSend(ctx, conv, body.text) });
      return;
    }
    case 'whisper': {
      if (typeof body.text !== 'string' || body.text === '') { sendJson(res, 400, { error: 'text is required' }); return; }
      sendJson(res, 200, { sequence: managerWhisper(ctx, conv, body.text) });
      return;
    }
    case 'rich': {
      const content = body.content;
      if (typeof content !== 'object' || content === null) { sendJson(res, 400, { error: 'content must be a JSON object or array' }); return; }
      sendJson(res, 200, { sequence: consumerSendRich(ctx, conv, content, body.quickReplies) });
      return;
    }
    case 'typing': {
      const st = body.state;
      if (st !== 'COMPOSING' && st !== 'PAUSE' && st !== 'ACTIVE') { sendJson(res, 400, { error: 'state must be COMPOSING, PAUSE or ACTIVE' }); return; }
      api.typing(st);
      sendEmpty(res, 204);
      return;
    }
    case 'read': {
      const seqs = body.sequences;
      if (!Array.isArray(seqs) || !seqs.every((n) => typeof n === 'number')) { sendJson(res, 400, { error: 'sequences must be an array of numbers' }); return; }
      api.read(seqs as number[]);
      sendEmpty(res, 204);
      return;
    }
    default: {
      await api.close();
      sendJson(res, 200, { conversationId: conv.convId, state: conv.state });
    }
  }
}

export function handleConsumerHttp(ctx: SimContext, method: string, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  const m = BASE.exec(path);
  if (!m) return false;
  handle(ctx, method, m, req, res).catch((e: unknown) => {
    if (!res.headersSent) sendJson(res, 500, { error: e instanceof Error ? e.message : 'internal error' });
  });
  return true;
}
