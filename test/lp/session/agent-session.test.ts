/**
 * The session + the real connection layer against the simulator over loopback.
 * No sleeps: every wait is for an event (session or simulator), with a timeout.
 */
import { MESSAGE_TEXT_KEPT } from '../../../src-main/lp/decisions/text-cap';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src-main/simulator';
import type { Simulator, SimulatorOptions } from '../../../src-main/simulator/api';
import { createAgentSession } from '../../../src-main/lp/session/agent-session';
import { memoryOutboxStore } from '../../../src-main/lp/session/outbox-store';
import type { DiagnosableSession } from '../../../src-main/lp/session/api';
import type { ChatMessage, SessionEvents } from '../../../src-main/lp/protocol/model';

interface Agent {
  session: DiagnosableSession;
  events: Array<{ event: keyof SessionEvents; data: unknown }>;
  /** Resolves with the first event (already seen ones count, from index `from`) matching `pred`. */
  wait<K extends keyof SessionEvents>(event: K, pred?: (e: SessionEvents[K]) => boolean, timeoutMs?: number): Promise<SessionEvents[K]>;
  of<K extends keyof SessionEvents>(event: K): Array<SessionEvents[K]>;
  mark(): void;
  /** Resolves once `cond` holds (checked now and after every session event). */
  until(cond: () => boolean, timeoutMs?: number): Promise<void>;
}

const NAMES: Array<keyof SessionEvents> = ['connection', 'profile', 'availability', 'ring/offered', 'ring/updated', 'ring/ended',
  'conversation/upsert', 'conversation/removed', 'message', 'history', 'typing', 'receipt', 'error'];

let sim: Simulator | undefined;
/** Warnings and errors the core logged during a test. */
let warnings: string[] = [];
const sessions: DiagnosableSession[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop({ logout: false }).catch(() => undefined);
  await sim?.close();
  sim = undefined;
  // The simulator speaks the protocol: nothing it sends may be taken for a malformed notification.
  expect(warnings.filter((w) => w.includes('malformed'))).toEqual([]);
  warnings = [];
});

async function simulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  sim = await startSimulator({ reRingDelayMs: 50, ...opts });
  return sim;
}

function agent(s: Simulator, index = 0, store = memoryOutboxStore()): Agent {
  const seed = s.agents[index]!;
  const session = createAgentSession({
    account: { accountId: s.accountId, csdsUrl: s.csdsUrl },
    credentials: { kind: 'password', username: seed.username, password: seed.password },
    outboxStore: store,
    logger: { log: (level, message) => { if (level === 'warn' || level === 'error') warnings.push(message); } },
    timing: { backoffBaseMs: 50, backoffMaxMs: 300, requestTimeoutMs: 3_000 },
  }, { snapshotWindowMs: 300, retryDelayMs: 200 });
  sessions.push(session);
  const events: Agent['events'] = [];
  const waiters = new Set<() => void>();
  for (const n of NAMES) session.on(n, (data) => {
    events.push({ event: n, data });
    for (const w of [...waiters]) w();
  });
  let from = 0;
  const a: Agent = {
    until: (cond, timeoutMs = 8_000) => new Promise<void>((resolve, reject) => {
      if (cond()) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(w);
        reject(new Error('timed out waiting for a condition'));
      }, timeoutMs);
      const w = (): void => {
        if (!cond()) return;
        clearTimeout(timer);
        waiters.delete(w);
        resolve();
      };
      waiters.add(w);
    }),
    session,
    events,
    of: <K extends keyof SessionEvents>(event: K) => events.filter((e) => e.event === event).map((e) => e.data as SessionEvents[K]),
    mark: () => {
      from = events.length;
    },
    wait: <K extends keyof SessionEvents>(event: K, pred: (e: SessionEvents[K]) => boolean = () => true, timeoutMs = 8_000) =>
      new Promise<SessionEvents[K]>((resolve, reject) => {
        const start = from;
        const check = (): boolean => {
          for (let i = start; i < events.length; i += 1) {
            const e = events[i]!;
            if (e.event === event && pred(e.data as SessionEvents[K])) {
              resolve(e.data as SessionEvents[K]);
              return true;
            }
          }
          return false;
        };
        if (check()) return;
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`timed out waiting for "${event}"`));
        }, timeoutMs);
        const w = (): void => {
          if (check()) {
            clearTimeout(timer);
            waiters.delete(w);
          }
        };
        waiters.add(w);
      }),
  };
  return a;
}

async function online(a: Agent): Promise<void> {
  await a.session.start();
  await a.wait('connection', (c) => c.phase === 'online');
  await a.wait('availability');
}

/** Consumer opens, agent is rung and accepts; resolves when the conversation is the agent's and its history is known. */
async function acceptedConversation(s: Simulator, a: Agent, text: string, firstName = 'Ann') {
  const consumer = await s.consumers.open({ text, firstName, lastName: 'Lee' });
  const ring = await a.wait('ring/offered', (r) => r.conversationId === consumer.conversationId);
  await a.session.acceptRing(ring.ringId);
  await a.wait('conversation/upsert', (c) => c.conversationId === consumer.conversationId && c.mine);
  await a.wait('history', (h) => h.conversationId === consumer.conversationId && h.messages.some((m) => m.text === text));
  return { consumer, ring };
}

function agentTexts(s: Simulator, conversationId: string): string[] {
  return s.inspect.messages(conversationId).filter((m) => m.role !== 'CONSUMER' && m.event.type === 'ContentEvent').map((m) => String(m.event.message));
}

/** Texts of every ContentEvent PublishEvent request the simulator received (any socket). */
function publishedTexts(s: Simulator): string[] {
  return s.inspect.requests().filter((r) => r.type.endsWith('PublishEvent')).map((r) => (r.body as { event?: { type?: string; message?: unknown } }).event)
    .filter((e) => e?.type === 'ContentEvent').map((e) => String(e?.message));
}

describe('session against the simulator', () => {
  it('walks a whole shift: ring → accept → both ways → typing → read → transfer → back to queue → close', async () => {
    const s = await simulator();
    const a = agent(s);
    await online(a);
    expect(s.inspect.agentState(s.agents[0]!.username)).toBe('ONLINE');
    const opening = 'Hi, my card was charged twice';
    const { consumer, ring } = await acceptedConversation(s, a, opening);
    const cid = consumer.conversationId;
    expect(a.of('ring/ended').find((e) => e.ring.ringId === ring.ringId)?.reason).toBe('accepted');
    await a.wait('conversation/upsert', (c) => c.conversationId === cid && c.consumerName === 'Ann Lee');

    // agent → consumer
    const sent = a.session.sendText(cid, 'Sorry about that, let me look.');
    expect(['sending', 'queued']).toContain(sent.delivery);
    const stored = await consumer.nextAgentMessage((m) => m.event.message === 'Sorry about that, let me look.');
    const acked = await a.wait('message', (m) => m.localId === sent.localId && m.delivery === 'sent');
    expect(acked.sequence).toBe(stored.sequence);

    // typing and consumer → agent
    consumer.typing('COMPOSING');
    await a.wait('typing', (t) => t.conversationId === cid && t.state === 'COMPOSING' && t.role === 'CONSUMER');
    const seq = await consumer.send('Thanks!');
    const got = await a.wait('message', (m) => m.text === 'Thanks!');
    expect(got).toMatchObject({ role: 'CONSUMER', own: false, sequence: seq });
    await a.session.setTyping(cid, 'COMPOSING');
    await a.session.markRead(cid, [seq]);

    // consumer reads the agent's message
    consumer.read([stored.sequence]);
    await a.wait('receipt', (r) => r.conversationId === cid && r.status === 'READ' && r.sequences.includes(stored.sequence));
    await a.wait('message', (m) => m.localId === sent.localId && m.delivery === 'read');

    // transfer to a skill: the conversation leaves; the simulator re-routes it (this agent has every skill)
    a.mark();
    await a.session.transferToSkill(cid, '12');
    await a.wait('conversation/removed', (r) => r.conversationId === cid && r.reason === 'transferred');
    expect(s.inspect.conversation(cid)?.skillId).toBe('12');
    const ring2 = await a.wait('ring/offered', (r) => r.conversationId === cid);
    await a.session.acceptRing(ring2.ringId);
    await a.wait('conversation/upsert', (c) => c.conversationId === cid && c.mine);

    // back to queue
    a.mark();
    await a.session.backToQueue(cid);
    await a.wait('conversation/removed', (r) => r.conversationId === cid && r.reason === 'back-to-queue');
    const ring3 = await a.wait('ring/offered', (r) => r.conversationId === cid);
    await a.session.acceptRing(ring3.ringId);
    await a.wait('history', (h) => h.conversationId === cid && h.messages.some((m) => m.text === 'Thanks!'));

    // close
    a.mark();
    await a.session.closeConversation(cid);
    await a.wait('conversation/removed', (r) => r.conversationId === cid && r.reason === 'closed');
    expect(s.inspect.conversation(cid)?.state).toBe('CLOSE');
    expect(a.session.snapshot().messages[cid]).toBeUndefined();
    expect(agentTexts(s, cid)).toEqual(['Sorry about that, let me look.']);
    expect(a.of('error')).toEqual([]);

    // end of shift: OFFLINE first, then the socket closes
    await a.session.stop();
    expect(s.inspect.agentState(s.agents[0]!.username)).toBe('OFFLINE');
  });

  it('socket dropped mid-conversation with a publish in flight: no agent message lost or duplicated', async () => {
    const s = await simulator();
    const a = agent(s);
    await online(a);
    const { consumer } = await acceptedConversation(s, a, 'hello?');
    const cid = consumer.conversationId;
    const first = a.session.sendText(cid, 'one');
    await a.wait('message', (m) => m.localId === first.localId && m.delivery === 'sent');

    // the server applies the next publish but its response is lost, and the socket dies
    s.faults.dropResponses(1, (t) => t.includes('PublishEvent'));
    a.mark();
    const lost = a.session.sendText(cid, 'two');
    await consumer.nextAgentMessage((m) => m.event.message === 'two');
    const reconnected = s.waitFor('socketOpen', undefined, 8_000);
    expect(s.faults.dropSockets()).toBeGreaterThan(0);
    await reconnected;
    // written while the socket is down or coming back: queued, then sent once
    const third = a.session.sendText(cid, 'three');
    await consumer.send('are you still there?');
    await a.wait('message', (m) => m.localId === lost.localId && m.delivery === 'sent', 10_000);
    await a.wait('message', (m) => m.localId === third.localId && m.delivery === 'sent', 10_000);
    // live, or recovered by the history re-query (whichever way it came, exactly once)
    await a.until(() => (a.session.snapshot().messages[cid] ?? []).some((m) => m.text === 'are you still there?'));
    expect((a.session.snapshot().messages[cid] ?? []).filter((m) => m.text === 'are you still there?')).toHaveLength(1);

    expect(agentTexts(s, cid)).toEqual(['one', 'two', 'three']);
    const own = (a.session.snapshot().messages[cid] ?? []).filter((m: ChatMessage) => m.own);
    expect(own.map((m) => [m.text, m.delivery])).toEqual([['one', 'sent'], ['two', 'sent'], ['three', 'sent']]);
    const simSeqs = s.inspect.messages(cid).filter((m) => m.role !== 'CONSUMER' && m.event.type === 'ContentEvent').map((m) => m.sequence);
    expect(own.map((m) => m.sequence)).toEqual(simSeqs);
    // "two" reached the server exactly once: found in history after the reconnect, never re-sent
    expect(publishedTexts(s).filter((t) => t === 'two')).toHaveLength(1);
  });

  it('server down for a while: messages queue, then go out once, in order; consumer lines are recovered from history', async () => {
    const s = await simulator();
    const a = agent(s);
    await online(a);
    const { consumer } = await acceptedConversation(s, a, 'hi');
    const cid = consumer.conversationId;
    s.faults.down();
    await a.wait('connection', (c) => c.phase === 'reconnecting');
    const q1 = a.session.sendText(cid, 'queued 1');
    const q2 = a.session.sendText(cid, 'queued 2');
    expect([q1.delivery, q2.delivery]).toEqual(['queued', 'queued']);
    await consumer.send('sent while you were away');
    s.faults.up();
    await a.wait('message', (m) => m.localId === q2.localId && m.delivery === 'sent', 15_000);
    expect(agentTexts(s, cid)).toEqual(['queued 1', 'queued 2']);
    expect(publishedTexts(s)).toEqual(['queued 1', 'queued 2']);
    expect((a.session.snapshot().messages[cid] ?? []).map((m) => m.text)).toEqual(['hi', 'sent while you were away', 'queued 1', 'queued 2']);
  });

  it('app restarted with a publish whose response was lost: the next run finds it and never sends it again', async () => {
    const s = await simulator();
    const store = memoryOutboxStore();
    const a = agent(s, 0, store);
    await online(a);
    const { consumer } = await acceptedConversation(s, a, 'hi');
    const cid = consumer.conversationId;
    // The server applies the publish, but the socket dies on it: neither the response nor the echo arrives.
    const off = s.on('request', (r) => {
      if (r.type.endsWith('PublishEvent')) {
        off();
        s.faults.down();
      }
    });
    const m = a.session.sendText(cid, 'ok');
    await consumer.nextAgentMessage((x) => x.event.message === 'ok');
    await a.session.stop({ logout: false }); // the app quits before it could find out
    s.faults.up();
    expect(store.items.map((i) => [i.localId, i.text])).toEqual([[m.localId, 'ok']]);
    expect(store.items[0]?.sentAfterSequence).toBeTypeOf('number');

    const b = agent(s, 0, store);
    await online(b);
    await b.wait('message', (x) => x.localId === m.localId && x.delivery === 'sent');
    expect(store.items).toEqual([]);
    expect(agentTexts(s, cid)).toEqual(['ok']);
    expect(publishedTexts(s)).toEqual(['ok']);
    const second = b.session.sendText(cid, 'ok');
    await b.wait('message', (x) => x.localId === second.localId && x.delivery === 'sent');
    expect(agentTexts(s, cid)).toEqual(['ok', 'ok']);
  });

  it('diagnostics: CSDS domains, the socket URL with its bearer redacted, reconnects; no secret anywhere in it', async () => {
    const s = await simulator();
    const a = agent(s);
    await online(a);
    const d = a.session.diagnostics();
    expect(d.domains.agentVep).toBeTruthy();
    expect(d.socketUrl).toMatch(/^wss?:\/\/[^/]+\/ws_api\/account\/[^/]+\/messaging\/brand\/\[REDACTED\]\?v=2\.1$/);
    expect(d).toMatchObject({ reconnects: 0, connection: { phase: 'online' } });
    a.mark();
    a.session.reconnectNow('test');
    await a.wait('connection', (c) => c.phase === 'online');
    expect(a.session.diagnostics().reconnects).toBe(1);
    const text = JSON.stringify(a.session.diagnostics());
    expect(text).not.toContain(s.agents[0]!.password);
    expect(text).not.toMatch(/brand\/(?!\[REDACTED\])[A-Za-z0-9]/);
  });

  it('a ring nobody answers ends expired', async () => {
    const s = await simulator({ ringExpirationMs: 600, reRingDelayMs: 60_000 });
    const a = agent(s);
    await online(a);
    const consumer = await s.consumers.open({ text: 'anyone?' });
    const ring = await a.wait('ring/offered', (r) => r.conversationId === consumer.conversationId);
    expect(ring.expiresAt - Date.now()).toBeLessThanOrEqual(600 + 100);
    const ended = await a.wait('ring/ended', (e) => e.ring.ringId === ring.ringId);
    expect(ended.reason).toBe('expired');
    expect(a.session.snapshot().rings).toEqual([]);
  });

  it('a ring whose time passes while the server is unreachable ends expired locally', async () => {
    const s = await simulator({ ringExpirationMs: 800, reRingDelayMs: 60_000 });
    const a = agent(s);
    await online(a);
    const consumer = await s.consumers.open({ text: 'hello?' });
    const ring = await a.wait('ring/offered', (r) => r.conversationId === consumer.conversationId);
    s.faults.down();
    const ended = await a.wait('ring/ended', (e) => e.ring.ringId === ring.ringId);
    expect(ended.reason).toBe('expired');
    a.mark();
    s.faults.up();
    await a.wait('availability', undefined, 10_000); // re-applied on the new socket
    expect(a.of('ring/offered').filter((r) => r.ringId === ring.ringId)).toHaveLength(1);
  });

  it('two logins of one user: the replaced session stops, keeps its words queued, and delivers them exactly once when it takes over', async () => {
    const s = await simulator();
    const a1 = agent(s, 0);
    await online(a1);
    const { consumer } = await acceptedConversation(s, a1, 'first login');
    const cid = consumer.conversationId;
    a1.mark();
    const a2 = agent(s, 0);
    await online(a2);
    // the first window is told it was signed in elsewhere and does not fight back
    const replaced = await a1.wait('connection', (c) => c.phase === 'offline');
    expect(replaced.lastError).toMatch(/signed in elsewhere/);
    // the second login gets the same conversation from its own snapshot and history
    await a2.wait('conversation/upsert', (c) => c.conversationId === cid && c.mine);
    await a2.wait('history', (h) => h.conversationId === cid && h.messages.some((m) => m.text === 'first login'));
    const m2 = a2.session.sendText(cid, 'from the second window');
    await a2.wait('message', (x) => x.localId === m2.localId && x.delivery === 'sent', 10_000);
    // typed in the replaced window: queued, not lost
    const m1 = a1.session.sendText(cid, 'from the first window');
    expect(m1.delivery).toBe('queued');
    // the agent takes the session back in the first window: its word goes out once, the second window is replaced
    a1.session.reconnectNow('take the session back');
    await a1.wait('message', (x) => x.localId === m1.localId && x.delivery === 'sent', 10_000);
    await a2.wait('connection', (c) => c.phase === 'offline');
    expect(agentTexts(s, cid).sort()).toEqual(['from the first window', 'from the second window']);
    expect(publishedTexts(s).sort()).toEqual(['from the first window', 'from the second window']);
    for (const x of [a1, a2]) {
      const ids = x.of('ring/offered').map((r) => r.ringId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

/** SetAgentState availabilities the simulator received on one socket, in order. */
function agentStatesSent(s: Simulator, socketId?: number): string[] {
  return s.inspect.requests().filter((r) => r.type.endsWith('SetAgentState') && (socketId === undefined || r.socketId === socketId))
    .map((r) => String((r.body as { availability?: unknown }).availability));
}

/** The agent's one open socket at the simulator (throws when there is not exactly one). */
function onlySocket(s: Simulator, username: string): { socketId: number; subscriptions: string[] } {
  const list = s.inspect.sockets().filter((x) => x.username === username);
  expect(list).toHaveLength(1);
  return list[0]!;
}

/** Drops the agent's socket and resolves once the session is online again on a new one (availability re-applied). */
async function dropAndReconnect(s: Simulator, a: Agent): Promise<number> {
  const username = s.agents[0]!.username;
  const before = onlySocket(s, username).socketId;
  a.mark();
  const reopened = s.waitFor('socketOpen', (e) => e.username === username && e.socketId !== before, 8_000);
  expect(s.faults.dropSockets({ username })).toBe(1);
  await a.wait('connection', (c) => c.phase === 'reconnecting');
  const { socketId } = await reopened;
  await a.wait('connection', (c) => c.phase === 'online');
  return socketId;
}

describe('session against the simulator: rings, availability, history', () => {
  it('rejectRing: the simulator sees UpdateRingState REJECTED and the ring ends "rejected"', async () => {
    const s = await simulator({ reRingDelayMs: 60_000 });
    const a = agent(s);
    await online(a);
    const consumer = await s.consumers.open({ text: 'not now please' });
    const ring = await a.wait('ring/offered', (r) => r.conversationId === consumer.conversationId);
    const simRejected = s.waitFor('ring', (e) => e.ringId === ring.ringId && e.ringState === 'REJECTED');
    await a.session.rejectRing(ring.ringId);
    const ended = await a.wait('ring/ended', (e) => e.ring.ringId === ring.ringId);
    expect(ended.reason).toBe('rejected');
    expect(ended.ring.state).toBe('REJECTED');
    await simRejected;
    const sent = s.inspect.requests().filter((r) => r.type.endsWith('UpdateRingState')).map((r) => r.body);
    expect(sent).toEqual([{ ringId: ring.ringId, ringState: 'REJECTED' }]);
    expect(s.inspect.conversation(consumer.conversationId)?.rings.find((r) => r.ringId === ring.ringId)?.ringState).toBe('REJECTED');
    expect(a.session.snapshot().rings).toEqual([]);
    expect(a.of('ring/ended').filter((e) => e.ring.ringId === ring.ringId)).toHaveLength(1);
    // a ring that ended is not accepted any more
    await expect(a.session.acceptRing(ring.ringId)).rejects.toMatchObject({ code: 404 });
  });

  it('a ring that ended on the server while the socket was down ends here when the server refuses it (no WAITING ghost)', async () => {
    const s = await simulator({ reRingDelayMs: 60_000 });
    const a = agent(s);
    await online(a);
    const consumer = await s.consumers.open({ text: 'hello?' });
    const ring = await a.wait('ring/offered', (r) => r.conversationId === consumer.conversationId);
    a.mark();
    s.faults.down();
    await a.wait('connection', (c) => c.phase === 'reconnecting');
    await consumer.close(); // the consumer gives up: the simulator cancels the ring, nobody tells the agent
    s.faults.up();
    await a.wait('connection', (c) => c.phase === 'online');
    await expect(a.session.acceptRing(ring.ringId)).rejects.toMatchObject({ code: 400 });
    const ended = await a.wait('ring/ended', (e) => e.ring.ringId === ring.ringId);
    expect(ended).toMatchObject({ reason: 'cancelled', ring: { state: 'CANCELLED' } });
    expect(a.session.snapshot().rings).toEqual([]);
  });

  it("setAvailability('AWAY') reaches the simulator, and after a socket drop AWAY (not ONLINE) is re-applied on the new socket", async () => {
    const s = await simulator();
    const a = agent(s);
    const username = s.agents[0]!.username;
    await online(a);
    const first = onlySocket(s, username).socketId;
    expect(agentStatesSent(s, first)).toEqual(['ONLINE']);
    await a.session.setAvailability('AWAY');
    expect(s.inspect.agentState(username)).toBe('AWAY');
    expect(agentStatesSent(s, first)).toEqual(['ONLINE', 'AWAY']);

    const second = await dropAndReconnect(s, a);
    expect(second).not.toBe(first);
    expect(agentStatesSent(s, second)).toEqual(['AWAY']);
    expect(s.inspect.agentState(username)).toBe('AWAY');
    expect(a.of('availability').at(-1)).toBe('AWAY');
    expect(a.session.snapshot().availability).toBe('AWAY');
  });

  it('loadHistory returns the whole history the simulator holds, in sequence order', async () => {
    const s = await simulator();
    const a = agent(s);
    await online(a);
    const { consumer } = await acceptedConversation(s, a, 'first line');
    const cid = consumer.conversationId;
    await consumer.send('second line');
    const mine = a.session.sendText(cid, 'agent line');
    await a.wait('message', (m) => m.localId === mine.localId && m.delivery === 'sent');
    await consumer.send('third line');
    await a.wait('message', (m) => m.text === 'third line');

    const history = await a.session.loadHistory(cid);
    const simContent = s.inspect.messages(cid).filter((m) => m.event.type === 'ContentEvent');
    expect(history.map((m) => [m.sequence, m.text])).toEqual(simContent.map((m) => [m.sequence, String(m.event.message)]));
    expect(history.map((m) => m.text)).toEqual(['first line', 'second line', 'agent line', 'third line']);
    expect(history.map((m) => m.own)).toEqual([false, false, true, false]);
    // a full query from sequence 0 went to the simulator
    const q = s.inspect.requests().filter((r) => r.type.endsWith('QueryMessages')).at(-1);
    expect(q?.body).toMatchObject({ dialogId: cid, newerThanSequence: 0 });
  });

  it('a 200 KB consumer message keeps its first 64 Ki characters, live and from history, and says how many were dropped', async () => {
    const s = await simulator();
    const a = agent(s);
    await online(a);
    const { consumer } = await acceptedConversation(s, a, 'hello');
    const huge = `${'x'.repeat(MESSAGE_TEXT_KEPT - 1)}😀${'y'.repeat(200_000)}`; // the emoji straddles the cap
    const seq = await consumer.send(huge);
    const live = await a.wait('message', (m) => m.sequence === seq);
    expect(live.text).toBe('x'.repeat(MESSAGE_TEXT_KEPT - 1)); // never half a surrogate pair
    expect(live.truncatedChars).toBe(huge.length - (MESSAGE_TEXT_KEPT - 1));
    const fromHistory = (await a.session.loadHistory(consumer.conversationId)).find((m) => m.sequence === seq);
    expect(fromHistory).toMatchObject({ text: live.text, truncatedChars: live.truncatedChars });
    expect(a.session.snapshot().messages[consumer.conversationId]?.find((m) => m.sequence === seq)?.text.length).toBe(MESSAGE_TEXT_KEPT - 1);
    const short = await consumer.send('short');
    expect((await a.wait('message', (m) => m.sequence === short)).truncatedChars).toBeUndefined();
  });

  it("an AgentStateNotification for this agent from another client of the same user is adopted (and re-applied after a drop)", async () => {
    const s = await simulator();
    const a = agent(s);
    const username = s.agents[0]!.username;
    await online(a);
    const sock = onlySocket(s, username);
    const sub = sock.subscriptions.find((x) => x.startsWith('agentsState:'))?.slice('agentsState:'.length);
    expect(sub).toBeTruthy();
    // The simulator keeps one socket per user, so "another client of the same user" cannot hold a socket
    // next to ours: its state change is delivered the way the server would tell us, on our subscription.
    const notification = (agentUserId: string, availability: string): string => JSON.stringify({
      kind: 'notification', type: '.ams.routing.AgentStateNotification',
      body: { subscriptionId: sub, changes: [{ type: 'UPSERT', result: { agentUserId, channels: ['MESSAGING'], availability, description: '' } }] },
    });
    a.mark();
    // another agent's state first (must not change ours), then ours; frames are handled in order
    expect(s.faults.sendRaw(notification(`${s.accountId}.${s.agents[1]!.userId}`, 'OFFLINE'), { username })).toBe(1);
    expect(s.faults.sendRaw(notification(`${s.accountId}.${s.agents[0]!.userId}`, 'BACK_SOON'), { username })).toBe(1);
    expect(await a.wait('availability')).toBe('BACK_SOON');
    expect(a.session.snapshot().availability).toBe('BACK_SOON');
    // adopting is not re-sending: no SetAgentState for it on this socket
    expect(agentStatesSent(s, sock.socketId)).toEqual(['ONLINE']);
    // the adopted state is the desired one: a new socket gets BACK_SOON
    const second = await dropAndReconnect(s, a);
    expect(agentStatesSent(s, second)).toEqual(['BACK_SOON']);
    expect(s.inspect.agentState(username)).toBe('BACK_SOON');
    expect(a.of('availability')).not.toContain('OFFLINE');
  });

  it.each([false, true])('resendRingsOnSubscribe=%s: a ring waiting across a reconnect is shown once and can still be accepted', async (resend) => {
    const s = await simulator({ resendRingsOnSubscribe: resend, reRingDelayMs: 60_000 });
    const a = agent(s);
    await online(a);
    const consumer = await s.consumers.open({ text: 'are you there?' });
    const cid = consumer.conversationId;
    const ring = await a.wait('ring/offered', (r) => r.conversationId === cid);

    const second = await dropAndReconnect(s, a);
    // A server round trip on the new socket, ordered after anything the simulator sent on subscribe
    // (a re-sent ring comes right after the subscribe response): once it answers, the client has read it.
    await a.session.setAvailability('ONLINE');
    expect(s.inspect.sockets().find((x) => x.socketId === second)?.subscriptions.some((x) => x.startsWith('routing:'))).toBe(true);

    // rings.ts: a WAITING ring is identified by ringId; re-sent or not, the client keeps it and never offers it twice.
    expect(a.of('ring/offered').filter((r) => r.conversationId === cid).map((r) => r.ringId)).toEqual([ring.ringId]);
    expect(a.of('ring/ended').filter((e) => e.ring.ringId === ring.ringId)).toEqual([]);
    expect(a.session.snapshot().rings.map((r) => [r.ringId, r.state])).toEqual([[ring.ringId, 'WAITING']]);
    // the server still has it waiting (a disconnect does not cancel rings) and the agent can take it
    expect(s.inspect.conversation(cid)?.rings.map((r) => [r.ringId, r.ringState])).toEqual([[ring.ringId, 'WAITING']]);
    await a.session.acceptRing(ring.ringId);
    await a.wait('conversation/upsert', (c) => c.conversationId === cid && c.mine);
    expect((await a.wait('ring/ended', (e) => e.ring.ringId === ring.ringId)).reason).toBe('accepted');
    expect(s.inspect.conversation(cid)?.participants.ASSIGNED_AGENT).toEqual([`${s.accountId}.${s.agents[0]!.userId}`]);
  });
});

describe('private messages against the simulator (messageAudience AGENTS_AND_MANAGERS, §6)', () => {
  it("a manager's whisper arrives private; a private note goes out private, reaches no consumer, and stays private in history", async () => {
    const s = await simulator();
    const a = agent(s);
    await online(a);
    const { consumer } = await acceptedConversation(s, a, 'Where is my parcel?');
    const cid = consumer.conversationId;

    const whisperSeq = await consumer.whisper('Offer the refund, it is approved');
    const whisper = await a.wait('message', (m) => m.sequence === whisperSeq);
    expect(whisper).toMatchObject({ private: true, own: false, role: 'AGENT', text: 'Offer the refund, it is approved' });

    const note = a.session.sendText(cid, 'Customer is upset, escalate if needed', { private: true });
    expect(note.private).toBe(true);
    const acked = await a.wait('message', (m) => m.localId === note.localId && m.delivery === 'sent');
    expect(acked.private).toBe(true);
    const publish = s.inspect.requests({ type: '.ams.ms.PublishEvent' }).find((r) => JSON.stringify(r.body).includes('escalate'));
    expect((publish?.body as { messageAudience?: string }).messageAudience).toBe('AGENTS_AND_MANAGERS');
    expect(s.inspect.messages(cid).find((m) => m.sequence === acked.sequence)?.messageAudience).toBe('AGENTS_AND_MANAGERS');

    // The consumer's view of agent messages never includes either private message.
    a.session.sendText(cid, 'Good news: a refund is on its way');
    const seen = await consumer.nextAgentMessage();
    expect(seen.event.message).toBe('Good news: a refund is on its way');

    // History from the server keeps both private.
    const history = await a.session.loadHistory(cid);
    expect(history.filter((m) => m.private === true).map((m) => m.text)).toEqual(['Offer the refund, it is approved', 'Customer is upset, escalate if needed']);
    expect(history.find((m) => m.text.startsWith('Good news'))?.private).toBeUndefined();
  });
});

describe('response time against the simulator (§7 ttr / effectiveTTR)', () => {
  it("the conversation carries when the consumer started waiting and the server's deadline; an answer clears both, a private note does not", async () => {
    const s = await simulator();
    const a = agent(s);
    await online(a);
    const { consumer } = await acceptedConversation(s, a, 'Is anyone there?');
    const cid = consumer.conversationId;
    const firstTs = s.inspect.messages(cid)[0]!.serverTimestamp;
    const waitingConv = await a.wait('conversation/upsert', (c) => c.conversationId === cid && c.awaitingReplySince !== undefined && c.responseDueAt !== undefined);
    expect(waitingConv).toMatchObject({ awaitingReplySince: firstTs, responseDueAt: firstTs + 1_200_000, ttr: { type: 'NORMAL', seconds: 1200 } });

    a.session.sendText(cid, 'only for managers', { private: true });
    await consumer.send('Hello??');
    await a.wait('message', (m) => m.text === 'Hello??');
    expect(a.session.snapshot().conversations.find((c) => c.conversationId === cid)?.awaitingReplySince).toBe(firstTs);

    a.session.sendText(cid, 'Yes, here — sorry for the wait');
    await a.until(() => a.session.snapshot().conversations.find((c) => c.conversationId === cid)?.awaitingReplySince === undefined);
    await a.wait('conversation/upsert', (c) => c.conversationId === cid && c.awaitingReplySince === undefined);
  });
});

describe('transfer to an agent against the simulator (§6 SUGGEST, §9 agent status)', () => {
  it('lists the skill’s agents with availability, transfers to one: only that agent is rung, and it gets the conversation', async () => {
    const s = await simulator();
    const a = agent(s, 0);
    const b = agent(s, 1);
    await online(a);
    await online(b);
    const me = `${s.accountId}.${s.agents[0]!.userId}`;
    const other = `${s.accountId}.${s.agents[1]!.userId}`;
    const consumer = await s.consumers.open({ text: 'I need a specialist', firstName: 'Kim', lastName: 'Ray' });
    const cid = consumer.conversationId;
    const ring = await a.wait('ring/offered', (r) => r.conversationId === cid);
    await a.session.acceptRing(ring.ringId);
    await a.wait('conversation/upsert', (c) => c.conversationId === cid && c.mine);

    const agents = await a.session.listAgents('12');
    expect(agents.map((x) => [x.agentId, x.name, x.availability, x.self])).toEqual([
      [me, s.agents[0]!.username, 'ONLINE', true],
      [other, s.agents[1]!.username, 'ONLINE', false],
    ]);
    await expect(a.session.transferToAgent(cid, '12', me)).rejects.toThrow(/yourself/);

    a.mark();
    b.mark();
    await a.session.transferToAgent(cid, '12', other);
    await a.wait('conversation/removed', (r) => r.conversationId === cid && r.reason === 'transferred');
    const ringB = await b.wait('ring/offered', (r) => r.conversationId === cid);
    const view = s.inspect.conversation(cid);
    expect(view?.skillId).toBe('12');
    expect(view?.rings.filter((r) => r.ringState === 'WAITING').map((r) => r.agentUserId)).toEqual([other]);
    const field = s.inspect.requests({ type: '.ams.cm.UpdateConversationField' }).at(-1)?.body as { conversationField: unknown[] };
    expect(field.conversationField).toEqual([
      { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: me },
      { field: 'ParticipantsChange', type: 'SUGGEST', userId: other, role: 'ASSIGNED_AGENT' },
      { field: 'Skill', type: 'UPDATE', skill: '12' },
    ]);
    await b.session.acceptRing(ringB.ringId);
    await b.wait('conversation/upsert', (c) => c.conversationId === cid && c.mine);
    // this agent was rung once, before the transfer, never after it
    expect(a.of('ring/offered').filter((r) => r.conversationId === cid).map((r) => r.ringId)).toEqual([ring.ringId]);
  });

  it('a consumer’s structured content and quick replies reach the agent as a bounded, allow-listed tree', async () => {
    const s = await simulator();
    const a = agent(s);
    await online(a);
    const { consumer } = await acceptedConversation(s, a, 'Look at this');
    const seq = await consumer.sendRich(
      { type: 'vertical', elements: [{ type: 'text', text: 'Order #42' }, { type: 'button', title: 'Track', click: { actions: [{ type: 'link', uri: 'javascript:alert(1)' }] } }] },
      { quickReplies: { type: 'quickReplies', replies: [{ type: 'button', title: 'Yes', click: { actions: [{ type: 'publishText', text: 'yes' }] } }] } },
    );
    const m = await a.wait('message', (x) => x.sequence === seq);
    expect(m).toMatchObject({ role: 'CONSUMER', contentType: 'rich-content', text: '[Rich content] Order #42 · Track' });
    expect(m.rich).toEqual({
      root: { type: 'vertical', children: [
        { type: 'text', text: 'Order #42' },
        { type: 'button', title: 'Track', action: { kind: 'blocked-link', reason: 'scheme', scheme: 'javascript:' } },
      ] },
      quickReplies: [{ title: 'Yes', action: { kind: 'consumer-only', type: 'publishText' } }],
    });
    const history = await a.session.loadHistory(consumer.conversationId);
    expect(history.find((x) => x.sequence === seq)?.rich).toEqual(m.rich);
  });
});
