/**
 * session/messages.ts: what main keeps of a long conversation (the newest MESSAGES_KEPT_IN_MAIN,
 * older ones re-fetched from LivePerson), exactly-once delivery across what it let go, and one
 * conversation upsert per burst of live messages. Against the fake connection (its QueryMessages
 * answers from its stored history, as LivePerson does).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionOnConnection } from '../../../src-main/lp/session/on-connection';
import { memoryOutboxStore } from '../../../src-main/lp/session/outbox-store';
import { MESSAGES_KEPT_IN_MAIN } from '../../../src-main/lp/decisions/messages';
import { MAX_GAP_BACKOFF } from '../../../src-main/lp/session/live-gaps';
import type { AgentSession } from '../../../src-main/lp/session/api';
import type { ChatMessage, Conversation } from '../../../src-main/lp/protocol/model';
import { ACCOUNT, convChange, FakeConnection, FakeError, ManualClock, settle, type StoredEvent } from '../helpers/fake-connection';
import { png } from '../helpers/images';

const T = {
  conv: '.ams.aam.ExConversationChangeNotification',
  publish: '.ams.ms.PublishEvent',
  query: '.ams.ms.QueryMessages',
  downloadUrl: '.ams.ms.GenerateURLForDownloadFile',
} as const;

const KEEP = MESSAGES_KEPT_IN_MAIN;
/** Trimming runs once the list is a quarter over KEEP: never more than this is kept. */
const MOST_KEPT = KEEP + (KEEP >> 2);
/** How long a gap in the live stream waits before it is asked for (SessionTuning.gapGraceMs). */
const GRACE = 2_000;

const sessions: AgentSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop({ logout: false });
});

interface Harness {
  conn: FakeConnection;
  session: AgentSession;
  clock: ManualClock;
  messages: ChatMessage[];
  upserts: Conversation[];
  /** The messages of each 'history' event. */
  histories: ChatMessage[][];
  /** Warnings logged by the session. */
  warnings: string[];
  /** Debug lines logged by the session. */
  debug: string[];
}

/** A session holding conversation c1 whose history is the consumer's 'hello' (sequence 0; none with `empty`), plus `before` stored first. */
async function withConversation(before: (conn: FakeConnection) => void = () => {}, opts: { empty?: boolean } = {}): Promise<Harness> {
  const conn = new FakeConnection();
  const clock = new ManualClock();
  const warnings: string[] = [];
  const debug: string[] = [];
  if (!opts.empty) conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'hello' });
  before(conn);
  const session = createSessionOnConnection(conn, {
    account: { accountId: ACCOUNT }, credentials: { kind: 'password', username: 'a', password: 'p' }, clock, outboxStore: memoryOutboxStore(),
    logger: { log: (level, message) => { if (level === 'warn') warnings.push(message); else if (level === 'debug') debug.push(message); } },
  }, { snapshotWindowMs: 1_000, retryDelayMs: 500, intentFallbackMs: 5_000, gapGraceMs: GRACE });
  sessions.push(session);
  const h: Harness = { conn, session, clock, messages: [], upserts: [], histories: [], warnings, debug };
  session.on('message', (m) => h.messages.push(m));
  session.on('conversation/upsert', (c) => h.upserts.push(c));
  session.on('history', (e) => h.histories.push(e.messages));
  await session.start();
  await settle();
  conn.notify(T.conv, convChange({ convId: 'c1' }));
  await settle();
  clock.advance(1_000); // snapshot window
  await settle();
  return h;
}

/** A consumer message stored on the fake server (the next sequence of c1), not delivered. */
function consumerMessage(conn: FakeConnection, text: string): StoredEvent {
  return conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: text }, { originatorMetadata: { id: 'cons1', role: 'CONSUMER' } });
}

/** `n` consumer messages stored on the fake server and delivered live, in one synchronous burst. */
function consumerBurst(conn: FakeConnection, n: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (let i = 0; i < n; i++) {
    const e = consumerMessage(conn, `live ${i}`);
    conn.deliver(e);
    out.push(e);
  }
  return out;
}

const kept = (h: Harness): ChatMessage[] => h.session.snapshot().messages.c1 ?? [];
const sequences = (list: readonly ChatMessage[]): number[] => list.map((m) => m.sequence ?? -1);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A conversation whose first history query is held until the test answers it (`held()`). */
async function withFirstHistoryHeld(): Promise<{ h: Harness; held: () => { resolve: (body: unknown) => void } | undefined }> {
  let held: { resolve: (body: unknown) => void } | undefined;
  const h = await withConversation((conn) => {
    conn.handler = (req) => {
      if (req.type !== T.query || held) return undefined;
      held = req;
      return 'hold';
    };
  });
  return { h, held: () => held };
}

describe('a long conversation in main', () => {
  it('keeps only the newest messages, still delivers every live message exactly once, and drops a re-sent one it let go', async () => {
    const h = await withConversation();
    const burst = consumerBurst(h.conn, 3 * KEEP);
    await settle();
    const last = burst.at(-1)?.sequence ?? -1;
    expect(sequences(h.messages)).toEqual(range(1, last));
    const list = kept(h);
    expect(list.length).toBeGreaterThanOrEqual(KEEP);
    expect(list.length).toBeLessThanOrEqual(MOST_KEPT);
    expect(sequences(list)).toEqual(range(last - list.length + 1, last)); // the newest, in order, no gap
    // LivePerson sends an old one again (one let go, and one still kept): neither is taken in twice
    h.conn.deliver(burst[4]!);
    h.conn.deliver(burst.at(-2)!);
    await settle();
    expect(h.messages).toHaveLength(3 * KEEP);
    expect(sequences(kept(h))).toEqual(sequences(list));
  });

  it('live messages that beat the first history answer are still let go later (the watermark moves on over them), each delivered once', async () => {
    // The history query of the accepted conversation is answered after a burst of live messages, as
    // of the moment it was asked (only 'hello'): the bench's case, and a busy consumer's.
    const { h, held } = await withFirstHistoryHeld();
    const early = consumerBurst(h.conn, KEEP);
    await settle();
    expect(held()).toBeDefined();
    held()?.resolve([h.conn.history.get('c1')?.[0]]);
    await settle();
    const late = consumerBurst(h.conn, 2 * KEEP);
    await settle();
    const last = late.at(-1)?.sequence ?? -1;
    expect(sequences(h.messages)).toEqual(range(early[0]?.sequence ?? -1, last)); // each once, in order
    const list = kept(h);
    expect(list.length).toBeLessThanOrEqual(MOST_KEPT);
    expect(sequences(list)).toEqual(range(last - list.length + 1, last));
    h.conn.deliver(early[3]!); // let go, sent again: still a duplicate
    await settle();
    expect(h.messages).toHaveLength(3 * KEEP);
  });

  it('a live receipt that beats the first history answer does not hold the window back (the watermark steps over it)', async () => {
    const { h, held } = await withFirstHistoryHeld();
    const early = consumerBurst(h.conn, 10);
    // The consumer read what the agent sent earlier: a receipt with its own sequence, between messages.
    h.conn.deliver(h.conn.store('c1', 'cons1', { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0] }, { originatorMetadata: { id: 'cons1', role: 'CONSUMER' } }));
    consumerBurst(h.conn, 10);
    await settle();
    held()?.resolve([h.conn.history.get('c1')?.[0]]);
    await settle();
    const late = consumerBurst(h.conn, 3 * KEEP);
    await settle();
    const last = late.at(-1)?.sequence ?? -1;
    expect(h.messages).toHaveLength(20 + 3 * KEEP); // each once
    const list = kept(h);
    expect(list.length).toBeLessThanOrEqual(MOST_KEPT); // let go as usual, not kept for good
    expect(sequences(list)).toEqual(range(last - list.length + 1, last));
    h.conn.deliver(early[3]!); // let go, sent again: still a duplicate
    await settle();
    expect(h.messages).toHaveLength(20 + 3 * KEEP);
  });

  it('a conversation whose first history answer is empty still lets messages go (a typing note with sequence 0 before its first message)', async () => {
    const h = await withConversation(() => {}, { empty: true });
    expect(h.conn.of(T.query)).toHaveLength(1); // asked, answered with nothing
    // The consumer starts typing (chat-state notes carry sequence 0, §7), then writes.
    h.conn.notify('.ams.ms.OnlineEventDistribution', { dialogId: 'c1', sequence: 0, originatorId: 'cons1', originatorMetadata: { id: 'cons1', role: 'CONSUMER' }, event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } });
    const burst = consumerBurst(h.conn, 3 * KEEP);
    await settle();
    const last = burst.at(-1)?.sequence ?? -1;
    expect(sequences(h.messages)).toEqual(range(0, last)); // each once, from the first
    const list = kept(h);
    expect(list.length).toBeLessThanOrEqual(MOST_KEPT); // without the watermark at -1: all 3,000 kept
    expect(sequences(list)).toEqual(range(last - list.length + 1, last));
    h.conn.deliver(burst[3]!); // let go, sent again: still a duplicate
    await settle();
    expect(h.messages).toHaveLength(3 * KEEP);
  });

  it('an empty first history answer, then live message 0 lost: the gap is asked for from 0 (not from the typing note that had sequence 0)', async () => {
    const h = await withConversation(() => {}, { empty: true });
    h.conn.notify('.ams.ms.OnlineEventDistribution', { dialogId: 'c1', sequence: 0, originatorId: 'cons1', originatorMetadata: { id: 'cons1', role: 'CONSUMER' }, event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } });
    const lost = consumerMessage(h.conn, 'never delivered live'); // sequence 0
    const queries = h.conn.of(T.query).length;
    consumerBurst(h.conn, 5);
    await settle();
    h.clock.advance(GRACE);
    await settle();
    expect(queriesSince(h, queries)).toEqual([expect.objectContaining({ fromSeq: 0 })]);
    expect(lost.sequence).toBe(0);
    expect(sequences(kept(h))).toEqual(range(0, 5)); // came back by the query, in order
    expect(sequences(h.histories.at(-1) ?? [])).toEqual(range(0, 5));
  });

  it('loadHistory ("Show earlier messages") answers the whole conversation from LivePerson, in order, and main still keeps only the newest', async () => {
    const h = await withConversation();
    consumerBurst(h.conn, 2 * KEEP);
    await settle();
    const queries = h.conn.of(T.query).length;
    const all = await h.session.loadHistory('c1');
    expect(h.conn.of(T.query)).toHaveLength(queries + 1);
    expect(sequences(all)).toEqual(range(0, 2 * KEEP));
    expect(all[0]).toMatchObject({ text: 'hello', role: 'CONSUMER' });
    expect(all.at(-1)).toMatchObject({ text: `live ${2 * KEEP - 1}` });
    expect(kept(h).length).toBeLessThanOrEqual(MOST_KEPT);
  });

  it('a file message main let go is read back from LivePerson for its download', async () => {
    const relativePath = '/v1/AUTH_async-images/123/receipt.png';
    const h = await withConversation((conn) => {
      conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'hosted/file', message: { relativePath, fileType: 'PNG', caption: 'receipt' } });
    });
    expect(kept(h).find((m) => m.sequence === 1)?.file?.relativePath).toBe(relativePath);
    consumerBurst(h.conn, 2 * KEEP);
    await settle();
    expect(kept(h).some((m) => m.sequence === 1)).toBe(false); // let go
    const photo = png(6, 4);
    h.conn.handler = (req) => {
      if (req.type === T.downloadUrl) req.resolve({ relativePath, queryParams: { temp_url_sig: 's', temp_url_expires: '1' } });
    };
    h.conn.fileHandler = async () => ({ status: 200, bytes: photo });
    const queries = h.conn.of(T.query).length;
    await expect(h.session.downloadFile('c1', 1)).resolves.toMatchObject({ kind: 'PNG', width: 6, height: 4 });
    expect(h.conn.of(T.query).slice(queries).map((r) => r.body)).toEqual([{ dialogId: 'c1', fromSeq: 1, newerThanSequence: 1 }]);
    expect(h.conn.of(T.downloadUrl).map((r) => r.body)).toEqual([{ relativePath }]);
    // a text message let go has no file: refused as before, after reading it back
    await expect(h.session.downloadFile('c1', 5)).rejects.toMatchObject({ problem: 'bad-reference' });
  });

  it('an unacknowledged send keeps everything after it (its echo must stay findable before any resend)', async () => {
    const h = await withConversation();
    h.conn.handler = (req) => (req.type === T.publish ? 'hold' : undefined);
    h.session.sendText('c1', 'are you there?');
    await settle();
    consumerBurst(h.conn, 2 * KEEP);
    await settle();
    // sent after sequence 0: nothing above it let go (the unsent message waits at the end)
    expect(sequences(kept(h).filter((m) => !m.own))).toEqual(range(1, 2 * KEEP));
    // acknowledged: the window applies again with the next messages
    const held = h.conn.of(T.publish)[0]!;
    const echo = h.conn.applyPublish(held)!;
    held.resolve({ sequence: echo.sequence });
    await settle();
    consumerBurst(h.conn, 1);
    await settle();
    expect(kept(h).length).toBeLessThanOrEqual(MOST_KEPT);
    expect(kept(h).at(-1)?.text).toBe('live 0');
  });

  it('a burst of live messages announces the conversation once, with the newest preview, after every message event', async () => {
    const h = await withConversation();
    const before = h.upserts.length;
    let upsertsDuringBurst = -1;
    h.session.on('message', () => {
      upsertsDuringBurst = h.upserts.length;
    });
    consumerBurst(h.conn, 50);
    expect(h.messages.slice(-50).map((m) => m.text)).toEqual(range(0, 49).map((i) => `live ${i}`));
    expect(h.session.snapshot().conversations[0]?.lastMessagePreview).toBe('live 49'); // state is current at once
    await settle();
    expect(upsertsDuringBurst).toBe(before);
    expect(h.upserts.slice(before)).toEqual([expect.objectContaining({ conversationId: 'c1', lastMessagePreview: 'live 49', awaitingReplySince: expect.any(Number) })]);
  });
});

/** The bodies of the QueryMessages sent since the first `from` ones. */
const queriesSince = (h: Harness, from: number): unknown[] => h.conn.of(T.query).slice(from).map((r) => r.body);

type ConvChangeOpts = Parameters<typeof convChange>[0];

/**
 * The socket drops, the consumer writes `away` messages meanwhile (stored, not delivered), and it comes
 * back with `snapshot(written)` as the new socket's conversation change: what the re-sync asked for.
 */
async function reconnectAfter(h: Harness, away: number, snapshot: (written: StoredEvent[]) => ConvChangeOpts = () => ({ convId: 'c1' })): Promise<unknown[]> {
  h.conn.drop();
  const written = Array.from({ length: away }, (_, i) => consumerMessage(h.conn, `while away ${i}`));
  const before = h.conn.of(T.query).length;
  h.conn.goOnline(true);
  h.conn.notify(T.conv, convChange(snapshot(written)));
  await pass(h, 1_000 + 10 * GRACE);
  return queriesSince(h, before);
}

/** Lets `ms` pass on the session's clock, then the promise callbacks that started run. */
async function pass(h: Harness, ms: number): Promise<void> {
  h.clock.advance(ms);
  await settle();
}

/**
 * A gap in c1's live stream while the socket stays up: `below` live messages, one LivePerson stored
 * but the live stream skipped (`lost`), `above` live messages past it. `queries`: QueryMessages sent before.
 */
function liveGap(h: Harness, below: number, above: number): { lost: StoredEvent; queries: number } {
  consumerBurst(h.conn, below);
  const lost = consumerMessage(h.conn, 'skipped on the live stream');
  const queries = h.conn.of(T.query).length;
  consumerBurst(h.conn, above);
  return { lost, queries };
}

/** The window keeps the newest messages only, in order, up to `last`. */
function expectBounded(h: Harness, last: number): void {
  const list = kept(h);
  expect(list.length).toBeLessThanOrEqual(MOST_KEPT);
  expect(sequences(list)).toEqual(range(last - list.length + 1, last));
}

describe('a gap in the live stream while the socket stays up', () => {
  it('is asked for from the watermark after the grace time; the missing message is shown once and the window trims again', async () => {
    const h = await withConversation();
    const { lost, queries } = liveGap(h, 10, 5); // 1–10, 11 skipped, 12–16
    await pass(h, GRACE - 1);
    expect(queriesSince(h, queries)).toEqual([]); // not at once: a late live event may still fill it
    const histories = h.histories.length;
    await pass(h, 1);
    expect(queriesSince(h, queries)).toEqual([{ dialogId: 'c1', fromSeq: 10, newerThanSequence: 10 }]);
    // shown once: in the answer's 'history' event (never as a live message)
    expect(h.histories.slice(histories).map((list) => sequences(list).filter((s) => s === lost.sequence))).toEqual([[lost.sequence]]);
    expect(sequences(h.messages)).toEqual([...range(1, 10), ...range(12, 16)]);
    const late = consumerBurst(h.conn, 3 * KEEP);
    await pass(h, 10 * GRACE);
    expectBounded(h, late.at(-1)?.sequence ?? -1); // without the query: all 3,017 kept
    expect(queriesSince(h, queries)).toHaveLength(1);
  });

  it('a sequence LivePerson never returns is jumped over by the answer, so the window trims again', async () => {
    const h = await withConversation();
    const { lost, queries } = liveGap(h, 10, 5);
    const stored = h.conn.history.get('c1') ?? [];
    stored.splice(stored.indexOf(lost), 1); // never stored (or lost) by LivePerson
    await pass(h, GRACE);
    expect(queriesSince(h, queries)).toHaveLength(1);
    const late = consumerBurst(h.conn, 3 * KEEP);
    await pass(h, 10 * GRACE);
    expectBounded(h, late.at(-1)?.sequence ?? -1);
    expect(queriesSince(h, queries)).toHaveLength(1); // asked once: closed for good
    expect(sequences(h.messages)).not.toContain(lost.sequence);
  });

  it('is not asked for when a late live event fills it within the grace time', async () => {
    const h = await withConversation();
    const { lost, queries } = liveGap(h, 5, 3); // 1–5, 6 late, 7–9
    await pass(h, GRACE / 2);
    h.conn.deliver(lost);
    await pass(h, 10 * GRACE);
    expect(queriesSince(h, queries)).toEqual([]);
    expect(sequences(h.messages)).toEqual([...range(1, 5), 7, 8, 9, 6]);
    const late = consumerBurst(h.conn, 3 * KEEP); // the watermark walked over 7–9: trimming as usual
    await settle();
    expectBounded(h, late.at(-1)?.sequence ?? -1);
  });

  it('sends one query at a time however many gap events come, and asks again no more often than the grace time, less often while answers do not help', async () => {
    const h = await withConversation();
    let answer: 'hold' | 'nothing' | 'history' = 'hold';
    const sentAt: number[] = [];
    h.conn.handler = (req) => {
      if (req.type !== T.query) return undefined;
      sentAt.push(h.clock.now());
      if (answer === 'nothing') req.resolve([]); // a broken server: never the missing sequence
      return answer === 'hold' ? 'hold' : undefined; // 'history': the default answer, from the fake's history
    };
    liveGap(h, 3, 50);
    await pass(h, GRACE);
    consumerBurst(h.conn, 50); // more gap events while the query is in flight
    await pass(h, 10 * GRACE);
    expect(sentAt).toHaveLength(1);
    answer = 'nothing';
    h.conn.of(T.query).at(-1)?.resolve([]);
    await settle();
    // Ten minutes of gap events, one every half second; every query answered at once with nothing.
    for (let t = 0; t < 600_000; t += 500) {
      consumerBurst(h.conn, 1);
      await pass(h, 500);
    }
    const intervals = sentAt.slice(1).map((t, i) => t - (sentAt[i] ?? 0));
    expect(Math.min(...intervals)).toBeGreaterThanOrEqual(2 * GRACE); // doubled after the first answer that did not help
    expect(intervals.at(-1)).toBeGreaterThanOrEqual(MAX_GAP_BACKOFF * GRACE); // then at most one a minute
    expect(Math.max(...intervals)).toBeLessThanOrEqual(MAX_GAP_BACKOFF * GRACE + 500);
    expect(sentAt.length).toBeLessThanOrEqual(16); // not one per grace time (300), let alone per event (1,200)
    // An answer that fills the gap resets the wait: the next gap is asked for after the grace time.
    answer = 'history';
    consumerBurst(h.conn, 1);
    await pass(h, MAX_GAP_BACKOFF * GRACE);
    const { queries } = liveGap(h, 1, 1);
    await pass(h, GRACE);
    expect(queriesSince(h, queries)).toHaveLength(1);
  });

  it('a query that fails is logged at warn without content and never thrown out; the gap is asked for again later', async () => {
    const h = await withConversation();
    let fail = true;
    h.conn.handler = (req) => {
      if (req.type === T.query && fail) req.reject(new FakeError(500, 'Internal error'));
    };
    const { queries } = liveGap(h, 3, 3);
    await pass(h, GRACE);
    expect(queriesSince(h, queries)).toHaveLength(1);
    expect(h.warnings.filter((w) => w.includes('live gap'))).toEqual(['History query for a live gap failed: Internal error']);
    fail = false;
    consumerBurst(h.conn, 1); // the gap is still there: asked again, after twice the grace time
    await pass(h, GRACE);
    expect(queriesSince(h, queries)).toHaveLength(1);
    await pass(h, GRACE);
    expect(queriesSince(h, queries)).toHaveLength(2);
    expect(sequences(kept(h))).toEqual(range(0, 8));
  });

  it('is not asked for once the conversation is gone (closed within the grace time)', async () => {
    const h = await withConversation();
    const timersBefore = h.clock.pending();
    const { queries } = liveGap(h, 3, 3);
    expect(h.clock.pending()).toBe(timersBefore + 1); // the gap's grace timer
    h.conn.notify(T.conv, convChange({ convId: 'c1', state: 'CLOSE' }));
    await settle();
    expect(h.session.snapshot().conversations).toEqual([]);
    expect(h.clock.pending()).toBeLessThanOrEqual(timersBefore); // cancelled with the conversation, not left to find it gone
    await pass(h, 10 * GRACE);
    expect(queriesSince(h, queries)).toEqual([]);
  });

  it("this agent's own read receipt, stored with a sequence and never echoed live, is no gap: no query, and the window trims on", async () => {
    const h = await withConversation();
    consumerBurst(h.conn, 3);
    await settle();
    const queries = h.conn.of(T.query).length;
    await h.session.markRead('c1', [1, 2, 3]); // stored at sequence 4 (the answer says so); the fake echoes nothing
    expect(h.conn.history.get('c1')?.at(-1)?.event.type).toBe('AcceptStatusEvent');
    const burst = consumerBurst(h.conn, 3 * KEEP);
    await pass(h, 10 * GRACE);
    expect(queriesSince(h, queries)).toEqual([]);
    expectBounded(h, burst.at(-1)?.sequence ?? -1);
  });

  it('is not asked for while the socket is down: the reconnect re-syncs from the watermark once', async () => {
    const h = await withConversation();
    const { lost, queries } = liveGap(h, 3, 3);
    h.conn.drop();
    await pass(h, GRACE);
    expect(queriesSince(h, queries)).toEqual([]); // (the fake records requests made while down, too)
    h.conn.goOnline(true);
    h.conn.notify(T.conv, convChange({ convId: 'c1' })); // the new socket's snapshot
    await pass(h, 1_000 + 10 * GRACE);
    expect(queriesSince(h, queries)).toEqual([{ dialogId: 'c1', fromSeq: 3, newerThanSequence: 3 }]);
    expect(sequences(kept(h))).toEqual(range(0, 7));
    expect(lost.sequence).toBe(4);
  });
});

describe('history answers cut short by the server (a cap on one QueryMessages answer)', () => {
  it('a live gap wider than one answer is paged through at once: every missing message shown once, the window trims again', async () => {
    const h = await withConversation();
    h.conn.queryPageMax = 100;
    consumerBurst(h.conn, 10); // 1–10 live
    const lost = Array.from({ length: 250 }, (_, i) => consumerMessage(h.conn, `skipped ${i}`)); // 11–260, never delivered live
    const queries = h.conn.of(T.query).length;
    consumerBurst(h.conn, 5); // 261–265 live: the gap shows
    await pass(h, GRACE);
    // One page after another from the moving watermark, with no grace time between: the newest is known.
    expect(queriesSince(h, queries)).toEqual([10, 109, 208].map((s) => ({ dialogId: 'c1', fromSeq: s, newerThanSequence: s })));
    expect(sequences(kept(h))).toEqual(range(0, 265));
    const shown = h.histories.slice(-1)[0] ?? [];
    expect(sequences(shown)).toEqual(range(0, 265));
    expect(lost.at(-1)?.sequence).toBe(260);
    const late = consumerBurst(h.conn, 3 * KEEP);
    await pass(h, 10 * GRACE);
    expectBounded(h, late.at(-1)?.sequence ?? -1); // without the paging: held back at 209 for good
    expect(queriesSince(h, queries)).toHaveLength(3);
  });

  it('after a reconnect, a re-sync cut short goes on while a newer live message is known; without one, one answer and no extra request', async () => {
    const h = await withConversation();
    h.conn.queryPageMax = 100;
    h.conn.drop();
    for (let i = 0; i < 250; i++) consumerMessage(h.conn, `while away ${i}`); // 1–250, missed while the socket was down
    const queries = h.conn.of(T.query).length;
    h.conn.goOnline(true);
    h.conn.notify(T.conv, convChange({ convId: 'c1' })); // the new socket's snapshot
    h.conn.deliver(consumerMessage(h.conn, 'are you there?')); // 251, live, before the re-sync's answer
    await pass(h, 1_000 + 10 * GRACE);
    expect(queriesSince(h, queries)).toEqual([0, 99, 198].map((s) => ({ dialogId: 'c1', fromSeq: s, newerThanSequence: s })));
    expect(sequences(kept(h))).toEqual(range(0, 251));

    // Nothing newer known past an answer: a conversation with no gap costs one request, as before.
    expect(await reconnectAfter(h, 1)).toEqual([{ dialogId: 'c1', fromSeq: 251, newerThanSequence: 251 }]); // 252
    expect(sequences(kept(h))).toEqual(range(0, 252));
  });

  it('after a reconnect with nothing newer known, answers as large as the largest one seen go on: a consumer who wrote a lot and waits is shown everything', async () => {
    const h = await withConversation();
    h.conn.queryPageMax = 100;
    h.conn.drop();
    for (let i = 0; i < 250; i++) consumerMessage(h.conn, `while away ${i}`); // 1–250, then the consumer waits
    const queries = h.conn.of(T.query).length;
    h.conn.goOnline(true);
    h.conn.notify(T.conv, convChange({ convId: 'c1' }));
    await pass(h, 1_000 + 10 * GRACE);
    // 100 (the largest yet: maybe cut short), 100 (as large: maybe), 53 (smaller: the end).
    expect(queriesSince(h, queries)).toEqual([0, 99, 198].map((s) => ({ dialogId: 'c1', fromSeq: s, newerThanSequence: s })));
    expect(sequences(kept(h))).toEqual(range(0, 250));
    expect(sequences(h.histories.at(-1) ?? [])).toEqual(range(0, 250)); // one 'history' event for the whole sync
  });

  it('a cap under 25, and a consumer who wrote while the socket was down and now waits: the snapshot announces the newest sequence and the re-sync pages up to it', async () => {
    const h = await withConversation();
    h.conn.queryPageMax = 10;
    // 1–40, then silence; the snapshot's lastContentEventNotification is the newest of them, as LivePerson sends it (§7).
    const away = await reconnectAfter(h, 40, (written) => ({ convId: 'c1', lastContent: written.at(-1) }));
    expect(away).toEqual([0, 9, 18, 27, 36].map((s) => ({ dialogId: 'c1', fromSeq: s, newerThanSequence: s })));
    expect(sequences(kept(h))).toEqual(range(0, 40));
    expect(sequences(h.histories.at(-1) ?? [])).toEqual(range(0, 40)); // one 'history' event for the whole sync

    // Without the announcement (it is sometimes missing, §7), answers under 25 stay one page per sync:
    // the next live event or re-sync fetches the rest.
    expect(await reconnectAfter(h, 15)).toEqual([{ dialogId: 'c1', fromSeq: 40, newerThanSequence: 40 }]); // 41–55
    expect(sequences(kept(h))).toEqual(range(0, 49));
  });

  it('an announced sequence that is not one is ignored; one the server never reaches costs no page loop and is used up by the sync', async () => {
    const h = await withConversation();
    h.conn.queryPageMax = 10;
    for (const lastContent of [{ sequence: '99' }, { sequence: -3 }, { sequence: 2.5 }, { sequence: null }, { sequence: Number.MAX_SAFE_INTEGER + 2 }, {}, 'x', null, []]) {
      expect(await reconnectAfter(h, 1, () => ({ convId: 'c1', lastContent }))).toHaveLength(1);
    }
    // Far beyond anything stored: paging goes on while answers move the watermark, then stops at the
    // first that does not (the answer from the watermark holds only the watermark's own event).
    const w = sequences(kept(h)).at(-1) ?? 0;
    const far = await reconnectAfter(h, 12, () => ({ convId: 'c1', lastContent: { sequence: 10 ** 12 } }));
    expect(far).toEqual([w, w + 9, w + 12].map((s) => ({ dialogId: 'c1', fromSeq: s, newerThanSequence: s })));
    expect(sequences(kept(h)).at(-1)).toBe(w + 12);
    // Used up: the next re-sync, with nothing announced, is one request again.
    expect(await reconnectAfter(h, 1)).toHaveLength(1);
  });

  it('stops after 50 pages (logged), and at once when a server ignores fromSeq', async () => {
    const h = await withConversation();
    h.conn.queryPageMax = 30;
    consumerBurst(h.conn, 2);
    for (let i = 0; i < 51 * 30; i++) consumerMessage(h.conn, `skipped ${i}`);
    const queries = h.conn.of(T.query).length;
    consumerBurst(h.conn, 1); // the gap shows
    await pass(h, GRACE);
    expect(queriesSince(h, queries)).toHaveLength(50);
    expect(h.debug.filter((l) => l.includes('stopped after 50 pages'))).toHaveLength(1);

    // A server that answers from the start whatever fromSeq says: nothing moves the watermark, no second page.
    const w = h.conn.of(T.query).length;
    h.conn.handler = (req) => {
      if (req.type !== T.query) return undefined;
      req.resolve((h.conn.history.get('c1') ?? []).slice(0, 30));
      return 'hold';
    };
    consumerBurst(h.conn, 1);
    await pass(h, 64 * GRACE);
    const sent = queriesSince(h, w);
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((q) => JSON.stringify(q))).size).toBe(1); // the same fromSeq each time: one page per gap query, never a page loop
  });

  it('"Show earlier messages" (the full history) is one request, whatever the answer size', async () => {
    const h = await withConversation();
    h.conn.queryPageMax = 100;
    for (let i = 0; i < 250; i++) h.conn.deliver(consumerMessage(h.conn, `m ${i}`));
    await settle();
    const queries = h.conn.of(T.query).length;
    await h.session.loadHistory('c1');
    expect(queriesSince(h, queries)).toEqual([{ dialogId: 'c1', fromSeq: 0, newerThanSequence: 0 }]);
  });

  it('a later page that fails keeps what came in: the window is told, the failure logged without content', async () => {
    const h = await withConversation();
    h.conn.queryPageMax = 100;
    consumerBurst(h.conn, 5);
    for (let i = 0; i < 250; i++) consumerMessage(h.conn, `secret ${i}`);
    consumerBurst(h.conn, 1);
    let n = 0;
    h.conn.handler = (req) => {
      if (req.type !== T.query || ++n !== 2) return undefined;
      req.reject(new FakeError(0, 'request timed out'));
      return 'hold';
    };
    const histories = h.histories.length;
    await pass(h, GRACE);
    expect(n).toBe(2);
    expect(h.histories.length).toBe(histories + 1);
    expect(sequences(h.histories.at(-1) ?? [])).toEqual([...range(0, 104), 256]); // page 1 from the watermark 5: 5–104
    expect(h.warnings.filter((w) => w.startsWith('History query failed on page 2'))).toHaveLength(1);
    expect(h.warnings.join('\n')).not.toContain('secret');
  });
});
