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
import type { AgentSession } from '../../../src-main/lp/session/api';
import type { ChatMessage, Conversation } from '../../../src-main/lp/protocol/model';
import { ACCOUNT, convChange, FakeConnection, ManualClock, settle, type StoredEvent } from '../helpers/fake-connection';
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

const sessions: AgentSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop({ logout: false });
});

interface Harness {
  conn: FakeConnection;
  session: AgentSession;
  messages: ChatMessage[];
  upserts: Conversation[];
}

/** A session holding conversation c1 whose history is the consumer's 'hello' (sequence 0), plus `before` stored first. */
async function withConversation(before: (conn: FakeConnection) => void = () => {}): Promise<Harness> {
  const conn = new FakeConnection();
  const clock = new ManualClock();
  conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: 'hello' });
  before(conn);
  const session = createSessionOnConnection(conn, {
    account: { accountId: ACCOUNT }, credentials: { kind: 'password', username: 'a', password: 'p' }, clock, outboxStore: memoryOutboxStore(),
  }, { snapshotWindowMs: 1_000, retryDelayMs: 500, intentFallbackMs: 5_000 });
  sessions.push(session);
  const h: Harness = { conn, session, messages: [], upserts: [] };
  session.on('message', (m) => h.messages.push(m));
  session.on('conversation/upsert', (c) => h.upserts.push(c));
  await session.start();
  await settle();
  conn.notify(T.conv, convChange({ convId: 'c1' }));
  await settle();
  clock.advance(1_000); // snapshot window
  await settle();
  return h;
}

/** `n` consumer messages stored on the fake server and delivered live, in one synchronous burst. */
function consumerBurst(conn: FakeConnection, n: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (let i = 0; i < n; i++) {
    const e = conn.store('c1', 'cons1', { type: 'ContentEvent', contentType: 'text/plain', message: `live ${i}` }, { originatorMetadata: { id: 'cons1', role: 'CONSUMER' } });
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
