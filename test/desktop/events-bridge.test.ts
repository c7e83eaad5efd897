import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, EVENT_BATCH_CHANNEL, type AppState, type EventBatchEntry } from '../../src-preload/api';
import { BATCH_GAP_MS, createEventsBridge, EMPTY_SESSION_SNAPSHOT, type WebContentsLike } from '../../src-main/desktop/events-bridge';
import { redact, type ConnectionState } from '../../src-main/lp/index';
import { FakeSession, ring } from './fakes';

const app: AppState = { mode: 'demo', secretStorage: 'os-encrypted', secretsPersisted: false, version: '0.1.0', platform: 'linux', language: 'en' };

/** What one webContents was sent: every IPC message (a batch) and, flattened, every event in order. */
function fakeWebContents(destroyed = false) {
  const batches: Array<[string, EventBatchEntry[]]> = [];
  const sent: EventBatchEntry[] = [];
  const wc: WebContentsLike & { destroyed: boolean } = {
    destroyed,
    isDestroyed() {
      return this.destroyed;
    },
    send: (channel: string, batch: unknown) => {
      batches.push([channel, batch as EventBatchEntry[]]);
      sent.push(...(batch as EventBatchEntry[]));
    },
  };
  return { wc, batches, sent };
}

/** Lets the bridge's end-of-task flush run (a microtask queued before this one). */
const endOfTask = async (): Promise<void> => {
  await Promise.resolve();
};

describe('events bridge', () => {
  it('numbers events by one and sends them, in order, to live webContents only', async () => {
    const live = fakeWebContents();
    const dead = fakeWebContents(true);
    const bridge = createEventsBridge(() => [live.wc, dead.wc]);
    bridge.emit('message/receipt', { conversationId: 'c1', sequences: [1], status: 'READ' });
    bridge.emit('app/state', app);
    expect(live.sent).toEqual([
      { name: 'message/receipt', seq: 1, data: { conversationId: 'c1', sequences: [1], status: 'READ' } },
      { name: 'app/state', seq: 2, data: app },
    ]);
    expect(live.batches.map(([c]) => c)).toEqual([EVENT_BATCH_CHANNEL]);
    await endOfTask();
    expect(live.batches).toHaveLength(1);
    expect(dead.sent).toEqual([]);
    expect(bridge.seq).toBe(2);
  });

  it('a batch Electron cannot send goes entry by entry: only the entry that cannot be cloned is lost (a seq gap the renderer resyncs on)', async () => {
    const delivered: EventBatchEntry[] = [];
    const wc: WebContentsLike = {
      isDestroyed: () => false,
      send: (_channel: string, batch: unknown) => {
        const entries = batch as EventBatchEntry[];
        if (entries.some((e) => e.name === 'app/error')) throw new Error('An object could not be cloned.');
        delivered.push(...entries);
      },
    };
    const bridge = createEventsBridge(() => [wc]);
    bridge.emit('attention/unread', { total: 1, counts: { c1: 1 } });
    bridge.emit('app/error', { code: 0, message: 'boom', location: 'test' });
    bridge.emit('attention/unread', { total: 2, counts: { c1: 2 } });
    await endOfTask();
    expect(delivered.map((e) => `${e.seq} ${e.name}`)).toEqual(['1 attention/unread', '3 attention/unread']);
  });

  it('coalesces the events of one task into one IPC message, sent at the end of the task', async () => {
    const { wc, batches, sent } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc]);
    const upsert = { conversationId: 'c1', originatorId: 'u', role: 'CONSUMER', own: false, contentType: 'text/plain', text: 'hi', timestamp: 1, sequence: 0 } as const;
    for (let i = 0; i < 3; i++) {
      bridge.emit('message/upsert', { ...upsert, sequence: i });
      bridge.emit('attention/unread', { total: i + 1, counts: { c1: i + 1 } });
    }
    expect(batches).toHaveLength(0);
    await endOfTask();
    expect(batches).toHaveLength(1);
    expect(sent.map((e) => `${e.seq} ${e.name}`)).toEqual(['1 message/upsert', '2 attention/unread', '3 message/upsert', '4 attention/unread', '5 message/upsert', '6 attention/unread']);
  });

  describe('at most one batch of non-urgent events per gap', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    const receipt = (n: number) => ({ conversationId: 'c1', sequences: [n], status: 'READ' });
    /** A bridge on fake timers and clock that has just sent its first batch (receipt 1). */
    const afterFirstBatch = async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
      const fake = fakeWebContents();
      const bridge = createEventsBridge(() => [fake.wc]);
      bridge.emit('message/receipt', receipt(1));
      await endOfTask();
      return { ...fake, bridge };
    };

    it('tasks that end within the gap after a batch go together, in order, when the gap is over; a lone event after a quiet gap goes at the end of its task', async () => {
      const { bridge, batches } = await afterFirstBatch();
      expect(batches.map(([, b]) => b.map((e) => e.seq))).toEqual([[1]]);
      // Three more tasks within the gap: nothing goes before it is over, then all of them at once.
      for (const n of [2, 3, 4]) {
        vi.advanceTimersByTime(2);
        bridge.emit('message/receipt', receipt(n));
        await endOfTask();
      }
      expect(batches).toHaveLength(1);
      vi.advanceTimersByTime(BATCH_GAP_MS - 6 - 1);
      expect(batches).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(batches.map(([, b]) => b.map((e) => e.seq))).toEqual([[1], [2, 3, 4]]);
      // Quiet for a gap: the next one goes at the end of its task again.
      vi.advanceTimersByTime(BATCH_GAP_MS);
      bridge.emit('message/receipt', receipt(5));
      await endOfTask();
      expect(batches.map(([, b]) => b.map((e) => e.seq))).toEqual([[1], [2, 3, 4], [5]]);
    });

    it('an urgent event sends what waits for the gap at once, in order, and the timer sends nothing twice', async () => {
      const { bridge, batches, sent } = await afterFirstBatch();
      bridge.emit('message/receipt', receipt(2));
      await endOfTask();
      bridge.emit('ring/offered', ring());
      expect(batches.map(([, b]) => b.map((e) => e.seq))).toEqual([[1], [2, 3]]);
      vi.advanceTimersByTime(BATCH_GAP_MS * 2);
      expect(sent.map((e) => e.seq)).toEqual([1, 2, 3]);
    });

    it("a ring's sound goes at once like its ring; a message's sound waits for the gap", async () => {
      const { bridge, batches } = await afterFirstBatch();
      bridge.emit('attention/sound', { sound: 'message', volume: 0.5 });
      await endOfTask();
      expect(batches).toHaveLength(1);
      bridge.emit('attention/sound', { sound: 'ring', volume: 0.5 });
      expect(batches.map(([, b]) => b.map((e) => e.seq))).toEqual([[1], [2, 3]]);
    });

    it('a gap of 0 sends the events of every task at its end', async () => {
      const { wc, batches } = fakeWebContents();
      const bridge = createEventsBridge(() => [wc], (s) => s, 0);
      bridge.emit('message/receipt', receipt(1));
      await endOfTask();
      bridge.emit('message/receipt', receipt(2));
      await endOfTask();
      expect(batches.map(([, b]) => b.map((e) => e.seq))).toEqual([[1], [2]]);
    });
  });

  it('an urgent event (a ring) goes at once, after what waited before it', () => {
    const { wc, batches } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc]);
    bridge.emit('attention/unread', { total: 1, counts: { c1: 1 } });
    bridge.emit('ring/offered', ring());
    expect(batches.map(([, b]) => b.map((e) => e.name))).toEqual([['attention/unread', 'ring/offered']]);
  });

  it('keeps nothing past its task: a window that appears later gets only later events', async () => {
    const targets: WebContentsLike[] = [];
    const bridge = createEventsBridge(() => targets);
    bridge.emit('ui/focus', {});
    bridge.emit('message/receipt', { conversationId: 'c1', sequences: [1], status: 'READ' });
    await endOfTask();
    const late = fakeWebContents();
    targets.push(late.wc);
    bridge.emit('ui/focus', { ringId: 'x' });
    expect(late.sent.map((e) => e.seq)).toEqual([3]);
  });

  it('a window gone before its batch is sent gets nothing and breaks nothing', async () => {
    const live = fakeWebContents();
    const dying = fakeWebContents();
    const bridge = createEventsBridge(() => [dying.wc, live.wc]);
    bridge.emit('message/receipt', { conversationId: 'c1', sequences: [1], status: 'READ' });
    dying.wc.destroyed = true;
    await endOfTask();
    expect(dying.sent).toEqual([]);
    expect(live.sent.map((e) => e.seq)).toEqual([1]);
  });

  it('maps session events to contract events; detaching stops them', async () => {
    const { wc, sent } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc]);
    const session = new FakeSession();
    const detach = bridge.attachSession(session);
    session.emit('ring/offered', ring());
    session.emit('connection', { phase: 'online', reconnects: 0, since: 1 });
    session.emit('message', { conversationId: 'c1', originatorId: 'u', role: 'CONSUMER', own: false, contentType: 'text/plain', text: 'hi', timestamp: 1, sequence: 0 });
    session.emit('error', { code: 500, message: 'x', location: 'Socket#Request' });
    await endOfTask();
    expect(sent.map((e) => e.name)).toEqual(['ring/offered', 'connection/state', 'message/upsert', 'app/error']);
    detach();
    session.emit('ring/offered', ring({ ringId: 'r2' }));
    await endOfTask();
    expect(sent).toHaveLength(4);
  });

  it('snapshot then deltas: no gap, no double', () => {
    const { wc, sent } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc]);
    const session = new FakeSession();
    bridge.attachSession(session);
    session.rings = [ring({ ringId: 'r1' })];
    session.emit('ring/offered', ring({ ringId: 'r1' }));

    // A renderer (re)loads: it subscribes (sees everything from now), then asks for the snapshot.
    const received: Array<{ seq: number; data: unknown }> = [];
    const from = sent.length;
    session.rings.push(ring({ ringId: 'r2' }));
    session.emit('ring/offered', ring({ ringId: 'r2' })); // arrives before the snapshot answer
    const snap = bridge.snapshot({ app, session, settings: DEFAULT_SETTINGS });
    session.emit('ring/ended', { ring: ring({ ringId: 'r1' }), reason: 'expired' });
    received.push(...sent.slice(from));

    const applied = received.filter((e) => e.seq > snap.seq);
    expect(snap.session.rings.map((r) => r.ringId)).toEqual(['r1', 'r2']);
    expect(applied).toHaveLength(1);
    expect(applied[0]?.seq).toBe(snap.seq + 1);
    expect((applied[0]?.data as { reason: string }).reason).toBe('expired');
  });

  it('redacts app/error messages on the way out', () => {
    const { wc, sent } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc], (s) => s.replace('tok123', '[REDACTED]'));
    bridge.emit('app/error', { code: 1, location: 'x', message: 'bearer tok123' });
    expect(sent[0]?.data).toEqual({ code: 1, location: 'x', message: 'bearer [REDACTED]' });
  });

  const BEARER = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJl';
  const bearerError = `socket closed 1006 on wss://va.msg.liveperson.net/ws_api/account/123/messaging/brand/${BEARER}?v=2.1; retry with Authorization: Bearer ${BEARER}`;

  it('redacts connection/state lastError (bearer in the socket URL and the header) with the real redact', () => {
    const { wc, sent } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc], redact);
    const session = new FakeSession();
    bridge.attachSession(session);
    const state: ConnectionState = { phase: 'reconnecting', attempt: 2, nextRetryAt: 5_000, lastError: bearerError, lastCloseCode: 1006, reconnects: 1, since: 3 };
    session.emit('connection', state);
    bridge.emit('connection/state', { ...state, phase: 'offline' });

    expect(sent.map((e) => e.name)).toEqual(['connection/state', 'connection/state']);
    for (const envelope of sent) {
      const data = envelope.data as ConnectionState;
      expect(JSON.stringify(data)).not.toContain(BEARER);
      expect(data.lastError).toBe('socket closed 1006 on wss://va.msg.liveperson.net/ws_api/account/123/messaging/brand/[REDACTED]?v=2.1; retry with Authorization: Bearer [REDACTED]');
      expect(data).toMatchObject({ attempt: 2, nextRetryAt: 5_000, lastCloseCode: 1006, reconnects: 1, since: 3 });
    }
    expect(state.lastError).toBe(bearerError); // the caller's object is not rewritten
  });

  it('passes a connection/state without lastError through unchanged', () => {
    const { wc, sent } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc], redact);
    bridge.emit('connection/state', { phase: 'online', reconnects: 0, since: 1 });
    expect(sent[0]?.data).toEqual({ phase: 'online', reconnects: 0, since: 1 });
  });

  it('redacts app/error messages with the real redact', () => {
    const { wc, sent } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc], redact);
    bridge.emit('app/error', { code: 401, location: 'Socket#Open', message: `Authorization: Bearer ${BEARER}` });
    expect(sent[0]?.data).toEqual({ code: 401, location: 'Socket#Open', message: 'Authorization: Bearer [REDACTED]' });
  });

  it('the snapshot redacts the connection lastError as the event does', () => {
    const bridge = createEventsBridge(() => [], redact);
    const session = new FakeSession();
    session.connection = { phase: 'reconnecting', lastError: bearerError, reconnects: 0, since: 1 };
    const snap = bridge.snapshot({ app, session, settings: DEFAULT_SETTINGS });
    expect(JSON.stringify(snap)).not.toContain(BEARER);
    expect(snap.session.connection.lastError).toContain('/brand/[REDACTED]?v=2.1');
    expect(session.connection.lastError).toBe(bearerError);
  });

  it('snapshot without a session is the empty one', () => {
    const bridge = createEventsBridge(() => []);
    expect(bridge.snapshot({ app, session: null, settings: DEFAULT_SETTINGS })).toEqual({ seq: 0, app, session: EMPTY_SESSION_SNAPSHOT, settings: DEFAULT_SETTINGS });
  });
});
