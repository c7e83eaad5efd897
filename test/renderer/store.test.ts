import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore, TYPING_EXPIRY_MS } from '../../src-renderer/state/store';
import { initialState, reduce, type Action } from '../../src-renderer/state/reducer';
import { applyReceipt, keepNewest, mergeMessages, MESSAGES_KEPT, upsertMessage } from '../../src-renderer/state/messages';
import { selectConversations, selectRings } from '../../src-renderer/state/selectors';
import { baseSnapshot, conversation, createFakeLp, message, ring } from './fake-lp';
import type { AppSnapshot } from '../../src-preload/api';

const ev = (a: Omit<Extract<Action, { type: 'event' }>, 'type' | 'at'>, at = 0): Action => ({ type: 'event', at, ...a } as Action);

describe('store: snapshot, buffer, no gap, no double', () => {
  afterEach(() => vi.useRealTimers());

  it('subscribes to every event before asking for the snapshot', async () => {
    const lp = createFakeLp();
    let subscribedAtSnapshot = -1;
    lp.handle('sessionSnapshot', () => {
      subscribedAtSnapshot = lp.listenerCount('ring/offered') + lp.listenerCount('message/upsert');
      return baseSnapshot();
    });
    const store = createStore(lp.api);
    await store.start();
    expect(subscribedAtSnapshot).toBe(2);
    expect(store.getState().ready).toBe(true);
  });

  it('applies buffered events newer than the snapshot only, in seq order, then live ones', async () => {
    const lp = createFakeLp();
    let resolve!: (s: AppSnapshot) => void;
    lp.handle('sessionSnapshot', () => new Promise<AppSnapshot>((r) => { resolve = r; }));
    const store = createStore(lp.api);
    const started = store.start();
    // Events while the snapshot is in flight: 5 is reflected by the snapshot, 6 and 7 are not.
    lp.emit('ring/offered', ring({ ringId: 'old' }), 5);
    lp.emit('ring/offered', ring({ ringId: 'r7', offeredAt: 7 }), 7);
    lp.emit('ring/offered', ring({ ringId: 'r6', offeredAt: 6 }), 6);
    const snap = baseSnapshot({ seq: 5 });
    resolve(snap);
    await started;
    expect(Object.keys(store.getState().rings).sort()).toEqual(['r6', 'r7']);
    expect(store.getState().lastOfferedRingId).toBe('r7');
    // A double (already applied) is dropped; the next one applies.
    lp.emit('ring/ended', { ring: ring({ ringId: 'r6' }), reason: 'expired' }, 7);
    expect(Object.keys(store.getState().rings).sort()).toEqual(['r6', 'r7']);
    lp.emit('ring/ended', { ring: ring({ ringId: 'r6' }), reason: 'expired' }, 8);
    expect(Object.keys(store.getState().rings)).toEqual(['r7']);
  });

  it('a gap in seq fetches a fresh snapshot', async () => {
    const lp = createFakeLp(baseSnapshot({ seq: 3 }));
    const store = createStore(lp.api);
    await store.start();
    expect(lp.callsTo('sessionSnapshot')).toHaveLength(1);
    lp.snapshot = baseSnapshot({ seq: 10 });
    lp.snapshot.session.rings = [ring({ ringId: 'fromSnap' })];
    lp.emit('ring/offered', ring({ ringId: 'r11' }), 11);
    await vi.waitFor(() => expect(lp.callsTo('sessionSnapshot')).toHaveLength(2));
    await vi.waitFor(() => expect(Object.keys(store.getState().rings).sort()).toEqual(['fromSnap', 'r11']));
  });

  it('stop unsubscribes every listener', async () => {
    const lp = createFakeLp();
    const store = createStore(lp.api);
    await store.start();
    expect(lp.listenerCount('conversation/upsert')).toBe(1);
    store.stop();
    expect(lp.listenerCount('conversation/upsert')).toBe(0);
  });

  it('consumer typing expires after ~6 s without update', async () => {
    vi.useFakeTimers();
    const lp = createFakeLp();
    const store = createStore(lp.api);
    await store.start();
    lp.emit('conversation/typing', { conversationId: 'c1', participantId: 'u1', role: 'CONSUMER', state: 'COMPOSING' });
    expect(store.getState().typing.c1?.state).toBe('COMPOSING');
    vi.advanceTimersByTime(TYPING_EXPIRY_MS - 1000);
    lp.emit('conversation/typing', { conversationId: 'c1', participantId: 'u1', role: 'CONSUMER', state: 'COMPOSING' });
    vi.advanceTimersByTime(TYPING_EXPIRY_MS - 1000);
    expect(store.getState().typing.c1).toBeDefined();
    vi.advanceTimersByTime(1001);
    expect(store.getState().typing.c1).toBeUndefined();
  });
});

describe('store: events heard once per frame (notifyLater)', () => {
  afterEach(() => vi.useRealTimers());

  it('applies every event at once but tells listeners once per flush; the agent\'s own actions at once', async () => {
    const lp = createFakeLp();
    const flushes: Array<() => void> = [];
    const store = createStore(lp.api, Date.now, (flush) => flushes.push(flush));
    await store.start();
    let heard = 0;
    store.subscribe(() => { heard += 1; });
    for (let i = 0; i < 50; i++) lp.emit('conversation/upsert', conversation({ conversationId: `c${i}`, lastUpdateTs: i }));
    // State is current, listeners not told yet, one flush asked for.
    expect(Object.keys(store.getState().conversations)).toHaveLength(50);
    expect(heard).toBe(0);
    expect(flushes).toHaveLength(1);
    flushes[0]!();
    expect(heard).toBe(1);
    // The next event asks for a new flush.
    lp.emit('conversation/upsert', conversation({ conversationId: 'c0', lastUpdateTs: 99 }));
    expect(flushes).toHaveLength(2);
    // A UI action is heard at once, whatever is queued; the queued flush then has nothing new to tell.
    store.dispatch({ type: 'select', conversationId: 'c1' });
    expect(heard).toBe(2);
    flushes[1]!();
    expect(heard).toBe(2);
    expect(selectConversations(store.getState())[0]?.conversationId).toBe('c0');
  });

  it('rings and other attention events are heard at once, not at the next frame, even behind a flood', async () => {
    const lp = createFakeLp();
    const flushes: Array<() => void> = [];
    const store = createStore(lp.api, Date.now, (flush) => flushes.push(flush));
    await store.start();
    const seen: string[][] = [];
    store.subscribe(() => { seen.push(selectRings(store.getState()).map((r) => r.ringId)); });
    // A batched event is waiting for its frame...
    lp.emit('conversation/upsert', conversation({ conversationId: 'c1' }));
    expect(seen).toEqual([]);
    // ...a ring does not wait for it (and brings the batched change along).
    lp.emit('ring/offered', ring({ ringId: 'r1' }));
    expect(seen).toEqual([['r1']]);
    expect(store.getState().conversations.c1).toBeDefined();
    lp.emit('ring/ended', { ring: ring({ ringId: 'r1' }), reason: 'expired' });
    expect(seen).toEqual([['r1'], []]);
    // The frame comes: nothing new since, nobody is told again.
    flushes[0]!();
    expect(seen).toHaveLength(2);
    // Connection changes and focus requests are immediate too; only the conversation upsert asked for a frame.
    lp.emit('connection/state', { phase: 'reconnecting', nextRetryAt: 5, reconnects: 1, since: 0 });
    expect(seen).toHaveLength(3);
    expect(flushes).toHaveLength(1);
  });
});

describe('reducer', () => {
  it('rings: offered, updated (non-waiting removes), ended', () => {
    let s = reduce(initialState, ev({ name: 'ring/offered', data: ring({ ringId: 'a', offeredAt: 2 }) }));
    s = reduce(s, ev({ name: 'ring/offered', data: ring({ ringId: 'b', offeredAt: 1 }) }));
    expect(selectRings(s).map((r) => r.ringId)).toEqual(['b', 'a']);
    s = reduce(s, ev({ name: 'ring/updated', data: ring({ ringId: 'a', offeredAt: 2, consumerName: 'Zed' }) }));
    expect(s.rings.a?.consumerName).toBe('Zed');
    s = reduce(s, ev({ name: 'ring/updated', data: ring({ ringId: 'a', state: 'ACCEPTED' }) }));
    expect(s.rings.a).toBeUndefined();
    s = reduce(s, ev({ name: 'ring/ended', data: { ring: ring({ ringId: 'b' }), reason: 'taken-elsewhere' } }));
    expect(selectRings(s)).toEqual([]);
  });

  it('conversations: upsert and removed (clears selection and messages)', () => {
    let s = reduce(initialState, ev({ name: 'conversation/upsert', data: conversation({ conversationId: 'x', lastUpdateTs: 1 }) }));
    s = reduce(s, ev({ name: 'conversation/upsert', data: conversation({ conversationId: 'y', lastUpdateTs: 5 }) }));
    expect(selectConversations(s).map((c) => c.conversationId)).toEqual(['y', 'x']);
    s = reduce(s, { type: 'select', conversationId: 'x' });
    s = reduce(s, ev({ name: 'message/upsert', data: message({ conversationId: 'x' }) }));
    s = reduce(s, ev({ name: 'conversation/removed', data: { conversationId: 'x', reason: 'transferred' } }));
    expect(s.selectedConversationId).toBeNull();
    expect(s.messages.x).toBeUndefined();
    expect(Object.keys(s.conversations)).toEqual(['y']);
    // closed while not being read: gone at once
    s = reduce(s, ev({ name: 'conversation/removed', data: { conversationId: 'y', reason: 'closed' } }));
    expect(s.conversations).toEqual({});
  });

  it('a conversation closed by the other side while being read stays, read-only, until the agent moves on', () => {
    let s = reduce(initialState, ev({ name: 'conversation/upsert', data: conversation({ conversationId: 'x' }) }));
    s = reduce(s, ev({ name: 'conversation/upsert', data: conversation({ conversationId: 'y' }) }));
    s = reduce(s, { type: 'select', conversationId: 'x' });
    s = reduce(s, ev({ name: 'message/upsert', data: message({ conversationId: 'x' }) }));
    s = reduce(s, ev({ name: 'conversation/removed', data: { conversationId: 'x', reason: 'closed' } }, 42));
    expect(s.selectedConversationId).toBe('x');
    expect(s.conversations.x).toMatchObject({ state: 'CLOSE', endTs: 42 });
    expect(s.messages.x).toHaveLength(1);
    expect(s.banners.map((b) => b.text)).toContain('The conversation was closed.');
    // moving on drops it
    s = reduce(s, { type: 'select', conversationId: 'y' });
    expect(Object.keys(s.conversations)).toEqual(['y']);
    expect(s.messages.x).toBeUndefined();
    // closed by this window: gone at once, no read-only view
    s = reduce(s, { type: 'closing', conversationId: 'y' });
    s = reduce(s, ev({ name: 'conversation/removed', data: { conversationId: 'y', reason: 'closed' } }));
    expect(s.conversations).toEqual({});
    expect(s.selectedConversationId).toBeNull();
    expect(s.closingHere).toEqual({});
  });

  it('connection, availability, settings, app state, banners', () => {
    let s = reduce(initialState, ev({ name: 'connection/state', data: { phase: 'reconnecting', nextRetryAt: 5, reconnects: 1, since: 0 } }));
    s = reduce(s, ev({ name: 'agent/availability', data: 'AWAY' }));
    s = reduce(s, ev({ name: 'settings/changed', data: { ...baseSnapshot().settings, theme: 'dark' } }));
    s = reduce(s, ev({ name: 'ui/banner', data: { ringId: 'r1', text: 'New ring' } }));
    s = reduce(s, ev({ name: 'app/error', data: { code: 500, location: 'x', message: 'boom' } }));
    expect(s.connection.phase).toBe('reconnecting');
    expect(s.availability).toBe('AWAY');
    expect(s.settings?.theme).toBe('dark');
    expect(s.banners.map((b) => [b.kind, b.text])).toEqual([['info', 'New ring'], ['error', 'boom']]);
    s = reduce(s, ev({ name: 'conversation/upsert', data: conversation() }));
    s = reduce(s, ev({ name: 'app/state', data: { ...baseSnapshot().app, mode: 'signed-out' } }));
    expect(s.app?.mode).toBe('signed-out');
    expect(s.conversations).toEqual({});
    expect(s.banners).toEqual([]); // a refused sign-in's error banners do not greet the next session
  });

  it('app/notice is a banner: a warning as an alert, information as a status', () => {
    let s = reduce(initialState, ev({ name: 'app/notice', data: { id: 'outbox-disk', level: 'warning', text: 'Disk full' } }));
    s = reduce(s, ev({ name: 'app/notice', data: { id: 'outbox-disk-ok', level: 'info', text: 'Saved again' } }));
    expect(s.banners.map((b) => [b.kind, b.text])).toEqual([['error', 'Disk full'], ['info', 'Saved again']]);
  });

  it('ui/open (the application menu) asks for a panel; the same panel twice is two requests', () => {
    let s = reduce(initialState, ev({ name: 'ui/open', data: { panel: 'settings' } }));
    expect(s.openPanel).toEqual({ panel: 'settings', nonce: 1 });
    s = reduce(s, ev({ name: 'ui/open', data: { panel: 'settings' } }));
    expect(s.openPanel).toEqual({ panel: 'settings', nonce: 2 });
    s = reduce(s, ev({ name: 'ui/open', data: { panel: 'diagnostics' } }));
    expect(s.openPanel?.panel).toBe('diagnostics');
  });

  it('banner ids come from the state: the same actions from the same state give the same ids', () => {
    const actions: Action[] = [
      { type: 'banner/show', kind: 'error', text: 'one' },
      ev({ name: 'ui/banner', data: { ringId: 'r1', text: 'two' } }),
      { type: 'banner/show', kind: 'info', text: 'three' },
    ];
    const run = (): number[] => actions.reduce(reduce, initialState).banners.map((b) => b.id);
    const first = run();
    expect(new Set(first).size).toBe(3);
    expect(run()).toEqual(first);
    // Dismissing one and adding another never reuses a live id.
    let s = actions.reduce(reduce, initialState);
    s = reduce(reduce(s, { type: 'banner/dismiss', id: first[2] as number }), { type: 'banner/show', kind: 'info', text: 'four' });
    expect(new Set(s.banners.map((b) => b.id)).size).toBe(3);
  });

  it('skill names live in the state and go on sign-out', () => {
    let s = reduce(initialState, { type: 'skills/loaded', skills: [{ id: '12', name: 'Billing' }, { id: '13', name: 'Sales' }] });
    expect(s.skillNames).toEqual({ 12: 'Billing', 13: 'Sales' });
    s = reduce(s, { type: 'snapshot', snapshot: baseSnapshot({ seq: 4 }) });
    expect(s.skillNames).toEqual({ 12: 'Billing', 13: 'Sales' }); // a re-sync keeps them
    s = reduce(s, ev({ name: 'app/state', data: { ...baseSnapshot().app, mode: 'signed-out' } }));
    expect(s.skillNames).toEqual({});
  });

  it('an action the reducer does not know is an error, not silently dropped', () => {
    expect(() => reduce(initialState, { type: 'no-such-action' } as unknown as Action)).toThrow(/unhandled/);
    expect(() => reduce(initialState, { type: 'event', name: 'no/such-event', data: null, at: 0 } as unknown as Action)).toThrow(/unhandled/);
  });

  it('ui/focus selects a known conversation', () => {
    let s = reduce(initialState, ev({ name: 'conversation/upsert', data: conversation({ conversationId: 'c9' }) }));
    s = reduce(s, ev({ name: 'ui/focus', data: { conversationId: 'c9' } }));
    expect(s.selectedConversationId).toBe('c9');
    expect(s.focus?.nonce).toBe(1);
  });

  it('typing: only consumers; non-composing clears; a consumer message clears', () => {
    let s = reduce(initialState, ev({ name: 'conversation/typing', data: { conversationId: 'c1', participantId: 'a', role: 'AGENT', state: 'COMPOSING' } }));
    expect(s.typing).toEqual({});
    s = reduce(s, ev({ name: 'conversation/typing', data: { conversationId: 'c1', participantId: 'u', role: 'CONSUMER', state: 'COMPOSING' } }, 42));
    expect(s.typing.c1).toEqual({ state: 'COMPOSING', at: 42 });
    expect(reduce(s, { type: 'typing/expire', conversationId: 'c1', at: 41 }).typing.c1).toBeDefined();
    expect(reduce(s, ev({ name: 'message/upsert', data: message() })).typing.c1).toBeUndefined();
    expect(reduce(s, ev({ name: 'conversation/typing', data: { conversationId: 'c1', participantId: 'u', role: 'CONSUMER', state: 'PAUSE' } })).typing.c1).toBeUndefined();
  });
});

describe('messages merge', () => {
  it('own messages move queued → sending → sent → read, keyed by localId, never regressing', () => {
    const own = { role: 'AGENT' as const, own: true, originatorId: 'me', localId: 'L1', sequence: undefined };
    let list = upsertMessage([message({ sequence: 0 })], message({ ...own, delivery: 'queued', timestamp: 5 }));
    list = upsertMessage(list, message({ ...own, delivery: 'sending' }));
    list = upsertMessage(list, message({ ...own, delivery: 'sent', sequence: 1 }));
    expect(list).toHaveLength(2);
    list = applyReceipt(list, [1], 'READ');
    expect(list[1]?.delivery).toBe('read');
    list = upsertMessage(list, message({ ...own, delivery: 'sent', sequence: 1 }));
    expect(list[1]?.delivery).toBe('read');
    expect(list[1]?.sequence).toBe(1);
  });

  it('orders by sequence with pending messages last, merging history without doubles', () => {
    let list = upsertMessage([], message({ sequence: 5 }));
    list = upsertMessage(list, message({ sequence: undefined, localId: 'p', own: true, role: 'AGENT', delivery: 'queued' }));
    list = upsertMessage(list, message({ sequence: 3 }));
    list = mergeMessages(list, [0, 1, 2, 3, 4, 5].map((n) => message({ sequence: n, text: `h${n}` })));
    expect(list.map((m) => m.sequence ?? m.localId)).toEqual([0, 1, 2, 3, 4, 5, 'p']);
    expect(list[3]?.text).toBe('h3');
  });

  it('failed keeps its reason; a later success clears it', () => {
    const base = message({ sequence: undefined, localId: 'f', own: true, role: 'AGENT' });
    let list = upsertMessage([], { ...base, delivery: 'failed', error: 'too long' });
    expect(list[0]?.error).toBe('too long');
    list = upsertMessage(list, { ...base, delivery: 'sent', sequence: 9 });
    expect(list[0]?.delivery).toBe('sent');
    expect(list[0]?.error).toBeUndefined();
  });

  it('snapshot replaces state and keeps only waiting rings', () => {
    const snap = baseSnapshot({ seq: 9 });
    snap.session.rings = [ring({ ringId: 'w' }), ring({ ringId: 'acc', state: 'ACCEPTED' })];
    snap.session.conversations = [conversation()];
    const s = reduce(initialState, { type: 'snapshot', snapshot: snap });
    expect(s.seq).toBe(9);
    expect(Object.keys(s.rings)).toEqual(['w']);
    expect(Object.keys(s.conversations)).toEqual(['c1']);
  });
});

describe('store: memory cap on messages per conversation', () => {
  const consumerLine = (sequence: number) => message({ sequence, text: `line ${sequence}` });

  it('10,000 live messages keep the store at MESSAGES_KEPT, the newest ones, and count the rest as not kept', () => {
    let state = reduce(initialState, { type: 'snapshot', snapshot: baseSnapshot({ seq: 0 }) });
    state = reduce(state, ev({ name: 'conversation/upsert', data: conversation() }));
    for (let i = 0; i < 10_000; i++) state = reduce(state, ev({ name: 'message/upsert', data: consumerLine(i) }));
    const list = state.messages.c1 ?? [];
    expect(list).toHaveLength(MESSAGES_KEPT);
    expect(list[0]?.sequence).toBe(10_000 - MESSAGES_KEPT);
    expect(list.at(-1)?.sequence).toBe(9_999);
    expect(state.messageWindows.c1).toEqual({ limit: MESSAGES_KEPT, notKept: 10_000 - MESSAGES_KEPT });
    // an unsent message of the agent sorts last and is always kept
    state = reduce(state, ev({ name: 'message/upsert', data: message({ sequence: undefined, localId: 'mine', own: true, role: 'AGENT', delivery: 'queued' }) }));
    expect(state.messages.c1).toHaveLength(MESSAGES_KEPT);
    expect(state.messages.c1?.at(-1)?.localId).toBe('mine');
    expect(state.messageWindows.c1?.notKept).toBe(10_001 - MESSAGES_KEPT);
  });

  it('"show earlier" raises the window by MESSAGES_KEPT; history (all of main\'s list) then fills it and recounts what is left out', () => {
    const all = Array.from({ length: 10_000 }, (_, i) => consumerLine(i));
    let state = reduce(initialState, { type: 'snapshot', snapshot: { ...baseSnapshot({ seq: 0 }), session: { ...baseSnapshot().session, conversations: [conversation()], messages: { c1: all } } } });
    expect(state.messages.c1).toHaveLength(MESSAGES_KEPT); // a snapshot is capped too
    expect(state.messageWindows.c1).toEqual({ limit: MESSAGES_KEPT, notKept: 10_000 - MESSAGES_KEPT });
    state = reduce(state, { type: 'messages/show-earlier', conversationId: 'c1' });
    state = reduce(state, ev({ name: 'message/history', data: { conversationId: 'c1', messages: all } }));
    expect(state.messages.c1).toHaveLength(2 * MESSAGES_KEPT);
    expect(state.messages.c1?.[0]?.sequence).toBe(10_000 - 2 * MESSAGES_KEPT);
    expect(state.messageWindows.c1).toEqual({ limit: 2 * MESSAGES_KEPT, notKept: 10_000 - 2 * MESSAGES_KEPT });
    // the conversation going away takes its window with it
    state = reduce(state, ev({ name: 'conversation/removed', data: { conversationId: 'c1', reason: 'transferred' } }));
    expect(state.messages.c1).toBeUndefined();
    expect(state.messageWindows.c1).toBeUndefined();
  });

  it('a short conversation has no window entry; keepNewest leaves short lists as they are', () => {
    let state = reduce(initialState, { type: 'snapshot', snapshot: baseSnapshot({ seq: 0 }) });
    for (let i = 0; i < 10; i++) state = reduce(state, ev({ name: 'message/upsert', data: consumerLine(i) }));
    expect(state.messages.c1).toHaveLength(10);
    expect(state.messageWindows).toEqual({});
    const short = [consumerLine(1)];
    expect(keepNewest(short, 5)).toEqual({ list: short, notKept: 0 });
  });
});
