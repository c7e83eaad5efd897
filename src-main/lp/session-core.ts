/**
 * The session layer: agent state, rings, conversations, messages and the outbox, on top of an
 * AgentConnection (the seam; tests drive it with a fake). Decisions live in pure modules
 * (rings.ts, conversations.ts, messages.ts, outbox.ts); this file wires them to the connection,
 * timers and events. Nothing throws out of a notification handler: a bad notification is logged
 * once (no consumer text) and ignored.
 *
 * On every `ready` (state is per socket, lp-protocol.md §4): SetAgentState (desired availability)
 * → SubscribeRoutingTasks + SubscribeExConversations (+ SubscribeAgentsState, best effort) →
 * QueryMessages for every known conversation from its last known sequence (inclusive; duplicates
 * are dropped by sequence) → outbox flush.
 *
 * Decisions where the reference is silent (?):
 * - Conversation snapshot: the OPEN conversations that arrive within `snapshotWindowMs` after a
 *   (re)subscribe are the snapshot; a conversation known before the reconnect but absent from it
 *   ended while we were away → 'conversation/removed' (reason: our pending intent, else 'closed').
 * - Removal reasons come from what this client asked for (recorded BEFORE the request, because the
 *   notification may beat the response, §13); without one: another agent or a new skill →
 *   'transferred', else 'removed'. If the server accepts close/back-to-queue/transfer but no
 *   notification follows within `intentFallbackMs`, the conversation is removed anyway.
 * - A waiting ring ends 'accepted' as soon as its conversation shows this agent as ASSIGNED_AGENT,
 *   whichever of notification and response comes first; accept/reject responses end it too.
 * - AgentStateNotification for this agent with another availability (changed by another client of
 *   the same user) is adopted as the desired state, unless our own SetAgentState is in flight.
 * - Messaging events for dialogs of conversations this agent does not hold are dropped (§7 #80).
 * - Consumer profile (GetUserProfile with the bare consumerId string) is fetched once per consumer
 *   and fills `consumerName` on rings and conversations.
 * Outbox rules: see outbox.ts.
 */
import { randomUUID } from 'node:crypto';
import type { AgentConnection, UmsNotification } from './connection-api';
import type { Logger } from './log';
import { silentLogger } from './log';
import { LpError } from './errors';
import type {
  AgentProfile, Availability, ChatMessage, ChatState, ConnectionState, ConsumerProfile, Conversation,
  LpErrorInfo, Ring, RingEndReason, SessionEvents, SessionSnapshot, Skill,
} from './model';
import type { AgentSession, OutboxItem, SessionOptions } from './session-api';
import {
  agentStateNotificationSchema, conversationNotificationSchema, parseWith, queryMessagesResponseSchema,
  rawConsumerProfileSchema, rawMessagingEventSchema, rawSkillsSchema, routingNotificationSchema,
  type RawConversationChange, type RawMessagingEvent,
} from './notifications-parse';
import { applyRoutingChange, RecentIds, type RingDecision, type RingEntry } from './rings';
import { applyConversationChange, dialogIdsOf, type RemovalReason } from './conversations';
import { advanceDelivery, describeEvent, eventLocalId, isOwnEvent, MessageList, originatorRole, toChatMessage, type Me } from './messages';
import { classifyPublishError, matchSentItem, Outbox, type PublishOutcome } from './outbox';
import { mapConsumerProfile, consumerDisplayName, mapSkills } from './session-profile';

type Clock = NonNullable<SessionOptions['clock']>;

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const NOTIFICATION = {
  routing: '.ams.routing.RoutingTaskNotification',
  conversations: '.ams.aam.ExConversationChangeNotification',
  messaging: '.ams.ms.OnlineEventDistribution',
  agentState: '.ams.routing.AgentStateNotification',
} as const;

export const REQUEST = {
  setAgentState: '.ams.routing.SetAgentState',
  subscribeRouting: '.ams.routing.SubscribeRoutingTasks',
  subscribeAgentsState: '.ams.routing.SubscribeAgentsState',
  updateRingState: '.ams.routing.UpdateRingState',
  subscribeConversations: '.ams.aam.SubscribeExConversations',
  publishEvent: '.ams.ms.PublishEvent',
  queryMessages: '.ams.ms.QueryMessages',
  updateConversationField: '.ams.cm.UpdateConversationField',
  getUserProfile: '.ams.userprofile.GetUserProfile',
} as const;

/** Session tuning that is not part of SessionOptions.timing (tests shorten these). */
export interface SessionTuning {
  /** After SubscribeExConversations answers, snapshot notifications are collected this long. Default 1 500. */
  snapshotWindowMs?: number;
  /** A publish with an unknown outcome (timeout) while still online is reconciled after this. Default 2 000. */
  retryDelayMs?: number;
  /** After close/back-to-queue/transfer succeed, the conversation is removed if no notification did it. Default 5 000. */
  intentFallbackMs?: number;
  /** History queries run this many at a time after a reconnect. Default 4. */
  historyConcurrency?: number;
}

type Listener<T> = (e: T) => void;

function lpError(info: LpErrorInfo): LpError {
  return new LpError(info);
}

function infoOf(err: unknown, location: string): LpErrorInfo {
  const e = err as { code?: unknown; message?: unknown; location?: unknown };
  return {
    code: typeof e.code === 'number' ? e.code : 0,
    message: typeof e.message === 'string' ? e.message : String(err),
    location: typeof e.location === 'string' ? e.location : location,
  };
}

export function createSessionOnConnection(connection: AgentConnection, opts: SessionOptions, tuning: SessionTuning = {}): AgentSession {
  const clock: Clock = opts.clock ?? realClock;
  const logger: Logger = opts.logger ?? silentLogger;
  const requestTimeoutMs = opts.timing?.requestTimeoutMs;
  const snapshotWindowMs = tuning.snapshotWindowMs ?? 1_500;
  const retryDelayMs = tuning.retryDelayMs ?? 2_000;
  const intentFallbackMs = tuning.intentFallbackMs ?? 5_000;
  const historyConcurrency = tuning.historyConcurrency ?? 4;

  // ---------- events ----------
  const listeners = new Map<keyof SessionEvents, Set<Listener<never>>>();
  function emit<K extends keyof SessionEvents>(event: K, payload: SessionEvents[K]): void {
    const set = listeners.get(event);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as Listener<SessionEvents[K]>)(payload);
      } catch (err) {
        logger.log('error', `A "${event}" listener threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  function on<K extends keyof SessionEvents>(event: K, fn: Listener<SessionEvents[K]>): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(fn as Listener<never>);
    return () => {
      set.delete(fn as Listener<never>);
    };
  }

  // ---------- state ----------
  let profile: AgentProfile | undefined = connection.profile;
  let connState: ConnectionState = connection.state;
  let desired: Availability = opts.initialAvailability ?? 'ONLINE';
  let agentStateInFlight = 0;
  let stopped = false;
  /** Incremented on every `ready`: work started for an older socket stops at its next step. */
  let generation = 0;
  /** True between a `ready` whose setup finished and the next non-online state. */
  let live = false;
  /** The socket of the current generation was lost (state left 'online') before a new `ready`. */
  let socketLost = false;
  /** A conversations snapshot has been reconciled at least once since start. */
  let snapshotSeen = false;
  let serverOffsetMs = 0;

  const rings = new Map<string, RingEntry>();
  const ringTimers = new Map<string, unknown>();
  const endedRings = new RecentIds(2000);
  const convs = new Map<string, Conversation>();
  const dialogToConv = new Map<string, string>();
  const lists = new Map<string, MessageList>();
  const intents = new Map<string, RemovalReason>();
  const intentTimers = new Map<string, unknown>();
  const profiles = new Map<string, ConsumerProfile>();
  const profileRequests = new Map<string, Promise<ConsumerProfile>>();
  const historySynced = new Set<string>(); // per socket
  const everSynced = new Set<string>(); // 'history' is emitted at least once per conversation
  const draining = new Set<string>();
  const redrain = new Set<string>();
  const inFlight = new Set<string>(); // localIds whose publish is awaiting its response
  const retryTimers = new Map<string, unknown>();
  const timers = new Set<unknown>();
  const outbox = new Outbox(opts.outboxStore, (err) => logger.log('error', `Outbox save failed: ${err instanceof Error ? err.message : String(err)}`));

  // conversation snapshot collection, per generation
  let snapshot: { generation: number; subscriptionId?: string; ids: Set<string>; bySub: Map<string, Set<string>>; known: Set<string> } | undefined;

  function me(): Me {
    if (!profile) return { legacyId: '' };
    return profile.pid !== undefined ? { legacyId: profile.legacyId, pid: profile.pid } : { legacyId: profile.legacyId };
  }
  function myIds(): Set<string> {
    const ids = new Set<string>();
    if (profile) {
      ids.add(profile.legacyId);
      ids.add(profile.userId);
      if (profile.pid) ids.add(profile.pid);
    }
    return ids;
  }

  function later(fn: () => void, ms: number): unknown {
    const h = clock.setTimeout(() => {
      timers.delete(h);
      if (!stopped) safely('timer', fn);
    }, Math.max(0, ms));
    timers.add(h);
    return h;
  }
  function cancel(h: unknown): void {
    if (h === undefined) return;
    timers.delete(h);
    clock.clearTimeout(h);
  }
  function safely(where: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      logger.log('error', `Session ${where} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  function reportError(err: unknown, location: string): void {
    const info = infoOf(err, location);
    logger.log('warn', `${info.location}: ${info.message}`, { code: info.code });
    emit('error', info);
  }

  function request(type: string, body: unknown, extra?: { metadata?: unknown[]; timeoutMs?: number }) {
    const ro: { timeoutMs?: number; metadata?: unknown[] } = {};
    const t = extra?.timeoutMs ?? requestTimeoutMs;
    if (t !== undefined) ro.timeoutMs = t;
    if (extra?.metadata) ro.metadata = extra.metadata;
    return connection.request(type, body, ro);
  }

  function requireProfile(location: string): AgentProfile {
    if (!profile) throw lpError({ code: 0, message: 'Not logged in yet', location });
    return profile;
  }

  function listFor(conversationId: string): MessageList {
    let l = lists.get(conversationId);
    if (!l) lists.set(conversationId, (l = new MessageList()));
    return l;
  }

  // ---------- connection wiring ----------
  /**
   * The phase the session reports: 'online' only once agent state and subscriptions are in place on
   * the current socket (model.ts); until then an open socket still reads as connecting/reconnecting.
   */
  let shownPhase: ConnectionState['phase'] = connState.phase;
  function publicState(): ConnectionState {
    if (connState.phase !== 'online' || live) return { ...connState };
    return { ...connState, phase: shownPhase === 'online' || shownPhase === 'idle' ? 'connecting' : shownPhase };
  }
  function emitConnection(): void {
    const state = publicState();
    shownPhase = state.phase;
    emit('connection', state);
  }

  connection.on('state', (state) => {
    connState = state;
    // 'connecting' may precede `ready` on the first connect; anything else that is not online is a lost socket.
    if (state.phase !== 'online' && state.phase !== 'connecting') {
      socketLost = true;
      if (live) {
        live = false;
        markPendingQueued();
      }
    }
    // An open socket that is not set up yet changes nothing the user sees: 'online' follows from onReady.
    if (state.phase === 'online' && !live) return;
    emitConnection();
  });
  connection.on('error', (info) => emit('error', info));
  connection.on('notification', (n) => safely('notification', () => onNotification(n)));
  connection.on('ready', (e) => {
    void onReady(e.profile).catch((err: unknown) => reportError(err, 'Session#Ready'));
  });

  async function onReady(p: AgentProfile): Promise<void> {
    const gen = ++generation;
    live = false;
    socketLost = false;
    profile = p;
    historySynced.clear();
    // Collect this socket's conversation snapshot from now on (nothing of the old socket survives).
    snapshot = { generation: gen, ids: new Set(), bySub: new Map(), known: new Set(convs.keys()) };
    emit('profile', p);
    expireDueRings();

    const prof = p;
    const stale = (): boolean => gen !== generation || stopped;
    await applyAgentState(desired).catch((err: unknown) => reportError(err, 'SetAgentState#WS'));
    if (stale()) return;
    emit('availability', desired); // as (re)applied on this socket

    const routing = request(REQUEST.subscribeRouting, { brandId: prof.accountId, agentId: prof.legacyId, channelType: 'MESSAGING' });
    const conversations = request(REQUEST.subscribeConversations, { convState: ['OPEN'], agentIds: [prof.legacyId], minLastUpdatedTime: 0 });
    const agents = request(REQUEST.subscribeAgentsState, { brandId: prof.accountId, agentId: prof.legacyId });
    const [r1, r2, r3] = await Promise.allSettled([routing, conversations, agents]);
    if (stale()) return;
    if (r1.status === 'rejected') reportError(r1.reason, 'SubscribeRoutingTasks#WS');
    if (r3.status === 'rejected') logger.log('info', `SubscribeAgentsState refused: ${infoOf(r3.reason, '').message}`);
    if (r2.status === 'rejected') {
      reportError(r2.reason, 'SubscribeExConversations#WS');
    } else {
      const body = r2.value.body as { subscriptionId?: unknown } | undefined;
      if (typeof body?.subscriptionId === 'string' && snapshot?.generation === gen) snapshot.subscriptionId = body.subscriptionId;
      later(() => finishSnapshot(gen), snapshotWindowMs);
    }
    // The socket may have dropped while we were setting up (no new `ready` yet): stay not-live then.
    live = !socketLost;
    if (live) emitConnection();

    // State is per socket (§4): re-query history of every known conversation, then flush.
    const ids = [...convs.keys()];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length && !stale()) {
        const id = ids[next++];
        if (id === undefined || !convs.has(id)) continue;
        await syncHistory(id).catch((err: unknown) => logger.log('warn', `History re-query failed: ${infoOf(err, '').message}`));
        drain(id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(historyConcurrency, ids.length) }, worker));
    if (stale()) return;
    for (const cid of outbox.conversations()) drain(cid);
    for (const c of convs.values()) if (!c.consumerName && c.consumerId) fetchProfileInBackground(c.consumerId);
  }

  function finishSnapshot(gen: number): void {
    const s = snapshot;
    if (!s || s.generation !== gen || gen !== generation) return;
    snapshot = undefined;
    snapshotSeen = true;
    const inSnapshot = new Set(s.ids);
    if (s.subscriptionId !== undefined) for (const id of s.bySub.get(s.subscriptionId) ?? []) inSnapshot.add(id);
    // Conversations known before this socket but absent from its OPEN snapshot ended while we were away.
    for (const id of s.known) {
      if (convs.has(id) && !inSnapshot.has(id)) removeConversation(id, intents.get(id) ?? 'closed');
    }
    // Queued messages for conversations that are not open (any more) can never be sent.
    for (const cid of outbox.conversations()) {
      if (!convs.has(cid)) failConversationItems(cid, 'The conversation is no longer open; the message was not sent');
    }
  }

  async function applyAgentState(availability: Availability): Promise<void> {
    const p = requireProfile('SetAgentState#WS');
    agentStateInFlight += 1;
    try {
      await request(REQUEST.setAgentState, { availability, channels: ['MESSAGING'], agentUserId: p.legacyId });
    } finally {
      agentStateInFlight -= 1;
    }
  }

  // ---------- notifications ----------
  function onNotification(n: UmsNotification): void {
    switch (n.type) {
      case NOTIFICATION.routing: return onRouting(n.body);
      case NOTIFICATION.conversations: return onConversations(n.body);
      case NOTIFICATION.messaging: return onMessaging(n.body);
      case NOTIFICATION.agentState: return onAgentState(n.body);
      default:
        logger.log('debug', `Notification ${n.type} ignored`);
    }
  }

  function bad(type: string, error: string): void {
    logger.log('warn', `Ignored a malformed ${type} notification (${error})`);
  }

  function onRouting(body: unknown): void {
    const parsed = parseWith(routingNotificationSchema, body);
    if (!parsed.ok) return bad('RoutingTaskNotification', parsed.error);
    if (!profile) return;
    const ctx = { now: clock.now(), serverOffsetMs, myIds: myIds() };
    for (const change of parsed.value.changes) {
      safely('routing change', () => {
        for (const d of applyRoutingChange(rings, endedRings, change, ctx)) applyRingDecision(d);
      });
    }
  }

  function applyRingDecision(d: RingDecision): void {
    const id = d.entry.ring.ringId;
    if (d.type === 'ended') return endRing(id, d.reason, d.entry.ring.state);
    rings.set(id, d.entry);
    if (d.type === 'offered') {
      const name = profiles.get(d.entry.ring.consumerId);
      if (name) {
        const n = consumerDisplayName(name);
        if (n) d.entry.ring.consumerName = n;
      }
      scheduleRingExpiry(d.entry.ring);
      emit('ring/offered', { ...d.entry.ring });
      if (!d.entry.ring.consumerName && d.entry.ring.consumerId) fetchProfileInBackground(d.entry.ring.consumerId);
    } else {
      emit('ring/updated', { ...d.entry.ring });
    }
  }

  function scheduleRingExpiry(ring: Ring): void {
    cancel(ringTimers.get(ring.ringId));
    ringTimers.set(ring.ringId, later(() => {
      ringTimers.delete(ring.ringId);
      if (rings.has(ring.ringId)) endRing(ring.ringId, 'expired', 'EXPIRED');
    }, ring.expiresAt - clock.now()));
  }

  function expireDueRings(): void {
    const now = clock.now();
    for (const e of [...rings.values()]) if (e.ring.expiresAt <= now) endRing(e.ring.ringId, 'expired', 'EXPIRED');
  }

  function endRing(ringId: string, reason: RingEndReason, state?: string): void {
    const entry = rings.get(ringId);
    if (!entry) return;
    rings.delete(ringId);
    endedRings.add(ringId);
    cancel(ringTimers.get(ringId));
    ringTimers.delete(ringId);
    const ring: Ring = { ...entry.ring };
    if (state) ring.state = state as Ring['state'];
    else ring.state = reason === 'accepted' ? 'ACCEPTED' : reason === 'rejected' ? 'REJECTED' : reason === 'expired' ? 'EXPIRED' : 'CANCELLED';
    emit('ring/ended', { ring, reason });
  }

  function onConversations(body: unknown): void {
    const parsed = parseWith(conversationNotificationSchema, body);
    if (!parsed.ok) return bad('ExConversationChangeNotification', parsed.error);
    if (!profile) return;
    const subId = parsed.value.subscriptionId;
    for (const change of parsed.value.changes) {
      safely('conversation change', () => applyConversation(change, subId));
    }
    // An empty snapshot still tells us the subscription is answered.
    if (snapshot && subId !== undefined && !snapshot.bySub.has(subId)) snapshot.bySub.set(subId, new Set());
  }

  function applyConversation(change: RawConversationChange, subId: string | undefined): void {
    const cid = change.result.convId ?? change.result.conversationDetails?.convId;
    if (cid === undefined) return bad('ExConversationChangeNotification', 'no convId');
    if (snapshot && change.type === 'UPSERT' && change.result.conversationDetails?.state !== 'CLOSE') {
      snapshot.ids.add(cid);
      if (subId !== undefined) {
        let s = snapshot.bySub.get(subId);
        if (!s) snapshot.bySub.set(subId, (s = new Set()));
        s.add(cid);
      }
    }
    const prev = convs.get(cid);
    const d = applyConversationChange(prev, change, me(), clock.now(), intents.get(cid));
    if (d.type === 'ignore') {
      logger.log('debug', `Conversation change ignored: ${d.why}`);
      return;
    }
    if (d.type === 'removed') return removeConversation(cid, d.reason);
    const conv = d.conversation;
    for (const dlg of dialogIdsOf(change)) dialogToConv.set(dlg, cid);
    const known = profiles.get(conv.consumerId);
    if (known && !conv.consumerName) {
      const n = consumerDisplayName(known);
      if (n) conv.consumerName = n;
    }
    convs.set(cid, conv);
    emit('conversation/upsert', { ...conv, participants: conv.participants.map((p) => ({ ...p })) });
    // A waiting ring for a conversation that is now ours was accepted (maybe elsewhere: §13 ordering).
    if (conv.mine) {
      for (const e of [...rings.values()]) if (e.ring.conversationId === cid) endRing(e.ring.ringId, 'accepted', 'ACCEPTED');
    }
    if (d.isNew) {
      if (!conv.consumerName && conv.consumerId) fetchProfileInBackground(conv.consumerId);
      if (live) {
        void syncHistory(cid)
          .catch((err: unknown) => logger.log('warn', `History query failed: ${infoOf(err, '').message}`))
          .finally(() => drain(cid));
      }
    }
  }

  function removeConversation(cid: string, reason: RemovalReason): void {
    if (!convs.has(cid)) return;
    failConversationItems(cid, reason === 'closed'
      ? 'The conversation was closed before the message could be sent'
      : 'The conversation left this agent before the message could be sent');
    convs.delete(cid);
    lists.delete(cid);
    historySynced.delete(cid);
    everSynced.delete(cid);
    intents.delete(cid);
    cancel(intentTimers.get(cid));
    intentTimers.delete(cid);
    for (const [dlg, c] of dialogToConv) if (c === cid) dialogToConv.delete(dlg);
    emit('conversation/removed', { conversationId: cid, reason });
  }

  function onAgentState(body: unknown): void {
    const parsed = parseWith(agentStateNotificationSchema, body);
    if (!parsed.ok) return bad('AgentStateNotification', parsed.error);
    const ids = myIds();
    for (const c of parsed.value.changes) {
      const a = c.result.availability;
      if (c.result.agentUserId === undefined || !ids.has(c.result.agentUserId) || a === undefined) continue;
      if (!['ONLINE', 'AWAY', 'BACK_SOON', 'OFFLINE', 'OCCUPIED'].includes(a)) continue;
      // Changed elsewhere (another client of this user): adopt it, unless ours is on its way.
      if (a !== desired && agentStateInFlight === 0 && c.type === 'UPSERT') {
        desired = a as Availability;
        emit('availability', desired);
      }
    }
  }

  function onMessaging(body: unknown): void {
    const parsed = parseWith(rawMessagingEventSchema, body);
    if (!parsed.ok) return bad('OnlineEventDistribution', parsed.error);
    const raw = parsed.value;
    const cid = raw.dialogId !== undefined ? dialogToConv.get(raw.dialogId) ?? (convs.has(raw.dialogId) ? raw.dialogId : undefined) : undefined;
    if (cid === undefined) {
      logger.log('debug', 'Messaging event for a conversation this agent does not hold: ignored');
      return;
    }
    if (raw.serverTimestamp !== undefined && raw.sequence !== undefined) serverOffsetMs = raw.serverTimestamp - clock.now();
    ingestEvent(cid, raw, true);
  }

  /** One messaging event (live or from history). Returns true if the message list changed. */
  function ingestEvent(cid: string, raw: RawMessagingEvent, liveEvent: boolean): boolean {
    const conv = convs.get(cid);
    const d = describeEvent(raw.event);
    const own = isOwnEvent(raw, me());
    if (d.kind === 'chatState') {
      if (!own && liveEvent) {
        const role = originatorRole(raw, conv?.consumerId);
        emit('typing', { conversationId: cid, participantId: raw.originatorId ?? '', role: role === 'CONSUMER' ? 'CONSUMER' : 'AGENT', state: d.state });
      }
      return false;
    }
    if (d.kind === 'accept') {
      if (own) return false;
      const list = lists.get(cid);
      const delivery = d.status === 'READ' ? 'read' : d.status === 'ACCEPT' ? 'delivered' : undefined;
      if (list && delivery) {
        for (const seq of d.sequences) {
          const m = list.bySequence(seq);
          if (!m?.own) continue;
          const next = advanceDelivery(m.delivery, delivery);
          if (next !== m.delivery) {
            m.delivery = next;
            if (liveEvent) emit('message', { ...m });
          }
        }
      }
      if (liveEvent) emit('receipt', { conversationId: cid, sequences: d.sequences, status: d.status });
      return false;
    }
    if (d.kind !== 'content') return false;
    const msg = toChatMessage(raw, cid, me(), conv?.consumerId);
    if (!msg || msg.sequence === undefined) return false;
    const list = listFor(cid);
    if (list.bySequence(msg.sequence)) return false; // duplicate (history ∩ live, re-sent)
    if (msg.own) {
      const ext = eventLocalId(raw);
      let item: OutboxItem | undefined = ext !== undefined ? outbox.get(ext) : undefined;
      if (!item && ext === undefined) {
        const head = outbox.head(cid);
        if (head && head.sentAfterSequence !== undefined && head.text === msg.text && msg.sequence > head.sentAfterSequence) item = head;
      }
      if (ext !== undefined && !item) msg.localId = ext; // sent by an earlier run: claimed, never matched by text
      list.addSequenced(msg);
      if (item) {
        completeItem(item, msg.sequence);
        notePreview(cid, msg, liveEvent);
        return true;
      }
    } else {
      list.addSequenced(msg);
    }
    notePreview(cid, msg, liveEvent);
    if (liveEvent) emit('message', { ...msg });
    return true;
  }

  function notePreview(cid: string, msg: ChatMessage, liveEvent: boolean): void {
    const conv = convs.get(cid);
    if (!conv) return;
    const last = lists.get(cid)?.maxSequence();
    if (last !== undefined && msg.sequence !== undefined && msg.sequence < last) return;
    conv.lastMessagePreview = msg.text.length > 120 ? `${msg.text.slice(0, 119)}…` : msg.text;
    if (msg.role === 'CONSUMER') conv.lastConsumerMessageTs = msg.timestamp;
    if (liveEvent) emit('conversation/upsert', { ...conv, participants: conv.participants.map((p) => ({ ...p })) });
  }

  // ---------- history ----------
  async function syncHistory(cid: string, full = false): Promise<ChatMessage[]> {
    const gen = generation;
    const list = listFor(cid);
    const from = full ? 0 : list.maxSequence() ?? 0;
    const resp = await request(REQUEST.queryMessages, { dialogId: cid, fromSeq: from, newerThanSequence: from });
    if (!convs.has(cid)) return [];
    const events = parseWith(queryMessagesResponseSchema, resp.body);
    let changed = false;
    let badCount = 0;
    if (events.ok) {
      const parsedEvents: RawMessagingEvent[] = [];
      for (const e of events.value) {
        const p = parseWith(rawMessagingEventSchema, e);
        if (p.ok) parsedEvents.push(p.value);
        else badCount += 1;
      }
      parsedEvents.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
      for (const e of parsedEvents) {
        if (ingestEvent(cid, e, false)) changed = true;
      }
    } else {
      badCount += 1;
    }
    if (badCount > 0) logger.log('warn', `QueryMessages: ${badCount} malformed event(s) ignored`);
    if (gen === generation) historySynced.add(cid);
    const first = !everSynced.has(cid);
    everSynced.add(cid);
    const messages = list.list();
    if (changed || full || first) emit('history', { conversationId: cid, messages: messages.map((m) => ({ ...m })) });
    return messages;
  }

  // ---------- outbox ----------
  function pendingMessage(item: OutboxItem, delivery: ChatMessage['delivery']): ChatMessage {
    const m: ChatMessage = {
      conversationId: item.conversationId,
      localId: item.localId,
      originatorId: profile?.legacyId ?? '',
      role: 'AGENT',
      own: true,
      contentType: 'text/plain',
      text: item.text,
      timestamp: item.createdAt,
    };
    if (delivery) m.delivery = delivery;
    return m;
  }

  function setPendingDelivery(item: OutboxItem, delivery: 'queued' | 'sending'): void {
    const list = listFor(item.conversationId);
    let m = list.pending.find((x) => x.localId === item.localId);
    if (!m) {
      m = pendingMessage(item, delivery);
      list.addPending(m);
    } else if (m.delivery === delivery) {
      return;
    }
    m.delivery = delivery;
    emit('message', { ...m });
  }

  function markPendingQueued(): void {
    for (const item of outbox.all()) {
      if (!inFlight.has(item.localId)) setPendingDelivery(item, 'queued');
    }
  }

  function completeItem(item: OutboxItem, sequence: number): void {
    outbox.remove(item.localId);
    cancel(retryTimers.get(item.localId));
    retryTimers.delete(item.localId);
    const list = lists.get(item.conversationId);
    const msg = list?.acknowledge(item.localId, sequence);
    const out = msg ?? { ...pendingMessage(item, 'sent'), sequence };
    emit('message', { ...out });
  }

  function failItem(item: OutboxItem, error: string): void {
    outbox.remove(item.localId);
    cancel(retryTimers.get(item.localId));
    retryTimers.delete(item.localId);
    const list = lists.get(item.conversationId);
    const m = list?.removePending(item.localId) ?? pendingMessage(item, 'failed');
    m.delivery = 'failed';
    m.error = error;
    emit('message', { ...m });
  }

  function failConversationItems(cid: string, error: string): void {
    for (const item of outbox.forConversation(cid)) {
      if (!inFlight.has(item.localId)) failItem(item, error);
    }
  }

  function scheduleRetry(cid: string, item: OutboxItem): void {
    if (retryTimers.has(item.localId)) return;
    retryTimers.set(item.localId, later(() => {
      retryTimers.delete(item.localId);
      drain(cid);
    }, retryDelayMs));
  }

  /** Sends the conversation's queued items, strictly one at a time, in order. Single-flight per conversation. */
  function drain(cid: string): void {
    if (draining.has(cid)) {
      redrain.add(cid);
      return;
    }
    draining.add(cid);
    void drainLoop(cid)
      .catch((err: unknown) => logger.log('error', `Outbox drain failed: ${infoOf(err, '').message}`))
      .finally(() => {
        draining.delete(cid);
        if (redrain.delete(cid)) drain(cid);
      });
  }

  async function drainLoop(cid: string): Promise<void> {
    for (;;) {
      if (stopped || !live) return;
      const item = outbox.head(cid);
      if (!item) return;
      if (!convs.has(cid)) {
        if (snapshotSeen && !snapshot) failConversationItems(cid, 'The conversation is no longer open; the message was not sent');
        return; // else: wait until the conversation is known
      }
      if (!historySynced.has(cid)) {
        try {
          await syncHistory(cid);
        } catch (err) {
          logger.log('warn', `History query before sending failed: ${infoOf(err, '').message}`);
          if (live) scheduleRetry(cid, item);
          return;
        }
        continue;
      }
      const list = listFor(cid);
      if (item.sentAfterSequence !== undefined) {
        // Maybe applied already (response lost): look for it before sending again.
        const seq = matchSentItem(item, list.sequenced);
        if (seq !== undefined) {
          logger.log('info', 'Outbox: an unacknowledged message was found in history; not sending it again');
          completeItem(item, seq);
          continue;
        }
      }
      const after = list.maxSequence() ?? -1;
      outbox.update(item.localId, { sentAfterSequence: after });
      setPendingDelivery(item, 'sending');
      const gen = generation;
      inFlight.add(item.localId);
      let outcome: PublishOutcome;
      try {
        const resp = await request(REQUEST.publishEvent, {
          dialogId: cid,
          event: { type: 'ContentEvent', contentType: 'text/plain', message: item.text },
        }, { metadata: [{ type: 'ExternalId', id: item.localId }] });
        const seq = (resp.body as { sequence?: unknown } | undefined)?.sequence;
        outcome = typeof seq === 'number' ? { kind: 'acked', sequence: seq } : { kind: 'unknown', message: 'publish response without a sequence' };
      } catch (err) {
        outcome = classifyPublishError(err);
      } finally {
        inFlight.delete(item.localId);
      }
      const still = outbox.get(item.localId);
      if (outcome.kind === 'acked') {
        if (still) completeItem(still, outcome.sequence);
        else reconcileLateAck(item, outcome.sequence);
        continue;
      }
      if (!still) continue; // completed meanwhile by its echo
      if (outcome.kind === 'rejected') {
        failItem(still, `Not sent: ${outcome.message}`);
        continue;
      }
      if (!convs.has(cid)) {
        failItem(still, 'The conversation ended while the message was being sent; it may not have been delivered');
        continue;
      }
      // unknown / 5xx: reconcile against history before any resend.
      historySynced.delete(cid);
      if (live && gen === generation) scheduleRetry(cid, still);
      else setPendingDelivery(still, 'queued');
      return;
    }
  }

  /** The echo completed the item first; the response names the definitive sequence. */
  function reconcileLateAck(item: OutboxItem, sequence: number): void {
    const list = lists.get(item.conversationId);
    if (!list) return;
    const byLocal = list.byLocalId(item.localId);
    if (byLocal?.sequence === sequence) return;
    // The text-matched echo was another message: give the localId to the right sequence.
    logger.log('warn', 'Outbox: echo matched by text was not this message; corrected by the publish response');
    if (byLocal) delete byLocal.localId;
    const target = list.bySequence(sequence);
    if (target) {
      target.localId = item.localId;
      emit('message', { ...target });
    } else {
      const m = { ...pendingMessage(item, 'sent'), sequence };
      list.addSequenced(m);
      emit('message', { ...m });
    }
    if (byLocal) emit('message', { ...byLocal });
  }

  // ---------- consumer profiles ----------
  function fetchProfileInBackground(consumerId: string): void {
    if (profiles.has(consumerId) || profileRequests.has(consumerId) || connState.phase !== 'online') return;
    void getConsumerProfile(consumerId).catch((err: unknown) => logger.log('debug', `Consumer profile unavailable: ${infoOf(err, '').message}`));
  }

  function applyConsumerName(p: ConsumerProfile): void {
    const name = consumerDisplayName(p);
    if (!name) return;
    for (const e of rings.values()) {
      if (e.ring.consumerId === p.consumerId && e.ring.consumerName !== name) {
        e.ring.consumerName = name;
        emit('ring/updated', { ...e.ring });
      }
    }
    for (const c of convs.values()) {
      if (c.consumerId === p.consumerId && c.consumerName !== name) {
        c.consumerName = name;
        emit('conversation/upsert', { ...c, participants: c.participants.map((x) => ({ ...x })) });
      }
    }
  }

  function getConsumerProfile(consumerId: string): Promise<ConsumerProfile> {
    const cached = profiles.get(consumerId);
    if (cached) return Promise.resolve({ ...cached });
    let p = profileRequests.get(consumerId);
    if (!p) {
      p = request(REQUEST.getUserProfile, consumerId).then((resp) => {
        const body = Array.isArray(resp.body) ? resp.body[0] : resp.body;
        const parsed = parseWith(rawConsumerProfileSchema, body ?? {});
        if (!parsed.ok) throw lpError({ code: 0, message: `Unreadable consumer profile (${parsed.error})`, location: 'GetUserProfile#WS' });
        const prof = mapConsumerProfile(consumerId, parsed.value);
        profiles.set(consumerId, prof);
        applyConsumerName(prof);
        return { ...prof };
      }).finally(() => profileRequests.delete(consumerId));
      profileRequests.set(consumerId, p);
    }
    return p;
  }

  // ---------- conversation actions ----------
  function requireConversation(cid: string, location: string): Conversation {
    const c = convs.get(cid);
    if (!c) throw lpError({ code: 404, message: `Unknown conversation ${cid}`, location });
    return c;
  }

  async function conversationAction(cid: string, intent: RemovalReason, fields: unknown[], location: string): Promise<void> {
    requireConversation(cid, location);
    const previous = intents.get(cid);
    intents.set(cid, intent); // before sending: the notification may beat the response (§13)
    try {
      await request(REQUEST.updateConversationField, { conversationId: cid, conversationField: fields });
    } catch (err) {
      if (previous === undefined) intents.delete(cid);
      else intents.set(cid, previous);
      throw err;
    }
    if (!convs.has(cid)) return;
    cancel(intentTimers.get(cid));
    intentTimers.set(cid, later(() => {
      intentTimers.delete(cid);
      // Accepted by the server but no notification said so: don't keep a conversation that is gone.
      if (convs.has(cid)) removeConversation(cid, intent);
    }, intentFallbackMs));
  }

  // ---------- public API ----------
  const session: AgentSession = {
    async start() {
      stopped = false;
      const loaded = await outbox.load();
      for (const item of loaded) {
        const list = listFor(item.conversationId);
        if (!list.byLocalId(item.localId)) list.addPending(pendingMessage(item, 'queued'));
      }
      await connection.start();
    },

    async stop(o) {
      if (!stopped && live && connection.state.phase === 'online' && profile) {
        try {
          await request(REQUEST.setAgentState, { availability: 'OFFLINE', channels: ['MESSAGING'], agentUserId: profile.legacyId }, { timeoutMs: 3_000 });
        } catch (err) {
          logger.log('info', `Going offline before stop failed: ${infoOf(err, '').message}`);
        }
      }
      stopped = true;
      live = false;
      for (const h of [...timers]) cancel(h);
      ringTimers.clear();
      retryTimers.clear();
      intentTimers.clear();
      await connection.stop(o);
      await outbox.flushed();
    },

    reconnectNow(reason) {
      connection.reconnectNow(reason);
    },

    snapshot(): SessionSnapshot {
      const messages: Record<string, ChatMessage[]> = {};
      for (const cid of convs.keys()) messages[cid] = (lists.get(cid)?.list() ?? []).map((m) => ({ ...m }));
      const s: SessionSnapshot = {
        connection: publicState(),
        availability: desired,
        rings: [...rings.values()].map((e) => ({ ...e.ring })),
        conversations: [...convs.values()].map((c) => ({ ...c, participants: c.participants.map((p) => ({ ...p })) })),
        messages,
      };
      if (profile) s.profile = { ...profile };
      return s;
    },

    on,

    async setAvailability(availability) {
      desired = availability;
      emit('availability', availability);
      await applyAgentState(availability);
    },

    async acceptRing(ringId) {
      if (!rings.has(ringId)) throw lpError({ code: 404, message: `No waiting ring ${ringId}`, location: 'UpdateRingState#WS' });
      await request(REQUEST.updateRingState, { ringId, ringState: 'ACCEPTED' });
      endRing(ringId, 'accepted', 'ACCEPTED');
    },

    async rejectRing(ringId) {
      if (!rings.has(ringId)) throw lpError({ code: 404, message: `No waiting ring ${ringId}`, location: 'UpdateRingState#WS' });
      await request(REQUEST.updateRingState, { ringId, ringState: 'REJECTED' });
      endRing(ringId, 'rejected', 'REJECTED');
    },

    sendText(conversationId, text) {
      const now = clock.now();
      const item: OutboxItem = { localId: `l-${randomUUID()}`, conversationId, text, createdAt: now };
      if (text.trim() === '') {
        const m = pendingMessage(item, 'failed');
        m.error = 'Empty message';
        return m;
      }
      if (snapshotSeen && !snapshot && !convs.has(conversationId)) {
        const m = pendingMessage(item, 'failed');
        m.error = 'Unknown or closed conversation; the message was not sent';
        return m;
      }
      outbox.add(item);
      const m = pendingMessage(item, live ? 'sending' : 'queued');
      listFor(conversationId).addPending(m);
      emit('message', { ...m });
      drain(conversationId);
      return { ...m };
    },

    async setTyping(conversationId, state: ChatState) {
      requireConversation(conversationId, 'PublishEvent#WS');
      await request(REQUEST.publishEvent, { dialogId: conversationId, event: { type: 'ChatStateEvent', chatState: state } });
    },

    async markRead(conversationId, sequences) {
      requireConversation(conversationId, 'PublishEvent#WS');
      const list = sequences.filter((n) => Number.isInteger(n) && n >= 0);
      if (list.length === 0) return;
      await request(REQUEST.publishEvent, { dialogId: conversationId, event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: list } });
    },

    closeConversation(conversationId) {
      return conversationAction(conversationId, 'closed',
        [{ field: 'ConversationStateField', conversationState: 'CLOSE' }], 'UpdateConversationField#WS');
    },

    backToQueue(conversationId) {
      const p = requireProfile('UpdateConversationField#WS');
      return conversationAction(conversationId, 'back-to-queue',
        [{ field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: p.legacyId }], 'UpdateConversationField#WS');
    },

    transferToSkill(conversationId, skillId) {
      const p = requireProfile('UpdateConversationField#WS');
      return conversationAction(conversationId, 'transferred', [
        { field: 'Skill', type: 'UPDATE', skill: skillId },
        { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: p.legacyId },
      ], 'UpdateConversationField#WS');
    },

    async loadHistory(conversationId) {
      requireConversation(conversationId, 'QueryMessages#WS');
      const messages = await syncHistory(conversationId, true);
      return messages.map((m) => ({ ...m }));
    },

    async listSkills(): Promise<Skill[]> {
      const p = requireProfile('Skills#REST');
      const body = await connection.rest('accountConfigReadOnly', `/api/account/${p.accountId}/configuration/le-users/skills?v=2.0`);
      const parsed = parseWith(rawSkillsSchema, body);
      if (!parsed.ok) throw lpError({ code: 0, message: `Unreadable skills list (${parsed.error})`, location: 'Skills#REST' });
      return mapSkills(parsed.value);
    },

    getConsumerProfile,
  };
  return session;
}
