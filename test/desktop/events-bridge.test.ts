import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, eventChannel, type AppState } from '../../src-preload/api';
import { createEventsBridge, EMPTY_SESSION_SNAPSHOT, type WebContentsLike } from '../../src-main/desktop/events-bridge';
import { redact, type ConnectionState } from '../../src-main/lp/index';
import { FakeSession, ring } from './fakes';

const app: AppState = { mode: 'demo', secretStorage: 'os-encrypted', secretsPersisted: false, version: '0.1.0', platform: 'linux', language: 'en' };

function fakeWebContents(destroyed = false) {
  const sent: Array<[string, { seq: number; data: unknown }]> = [];
  const wc: WebContentsLike & { destroyed: boolean } = {
    destroyed,
    isDestroyed() {
      return this.destroyed;
    },
    send: (channel: string, envelope: unknown) => {
      sent.push([channel, envelope as { seq: number; data: unknown }]);
    },
  };
  return { wc, sent };
}

describe('events bridge', () => {
  it('numbers events by one and sends envelopes to live webContents only', () => {
    const live = fakeWebContents();
    const dead = fakeWebContents(true);
    const bridge = createEventsBridge(() => [live.wc, dead.wc]);
    bridge.emit('ui/focus', { ringId: 'r1' });
    bridge.emit('app/state', app);
    expect(live.sent).toEqual([[eventChannel('ui/focus'), { seq: 1, data: { ringId: 'r1' } }], [eventChannel('app/state'), { seq: 2, data: app }]]);
    expect(dead.sent).toEqual([]);
    expect(bridge.seq).toBe(2);
  });

  it('buffers nothing: a window that appears later gets only later events', () => {
    const targets: WebContentsLike[] = [];
    const bridge = createEventsBridge(() => targets);
    bridge.emit('ui/focus', {});
    const late = fakeWebContents();
    targets.push(late.wc);
    bridge.emit('ui/focus', { ringId: 'x' });
    expect(late.sent.map(([, e]) => e.seq)).toEqual([2]);
  });

  it('maps session events to contract events; detaching stops them', () => {
    const { wc, sent } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc]);
    const session = new FakeSession();
    const detach = bridge.attachSession(session);
    session.emit('ring/offered', ring());
    session.emit('connection', { phase: 'online', reconnects: 0, since: 1 });
    session.emit('message', { conversationId: 'c1', originatorId: 'u', role: 'CONSUMER', own: false, contentType: 'text/plain', text: 'hi', timestamp: 1, sequence: 0 });
    session.emit('error', { code: 500, message: 'x', location: 'Socket#Request' });
    expect(sent.map(([c]) => c)).toEqual([eventChannel('ring/offered'), eventChannel('connection/state'), eventChannel('message/upsert'), eventChannel('app/error')]);
    detach();
    session.emit('ring/offered', ring({ ringId: 'r2' }));
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
    received.push(...sent.slice(from).map(([, e]) => e));

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
    expect(sent[0]?.[1].data).toEqual({ code: 1, location: 'x', message: 'bearer [REDACTED]' });
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

    expect(sent.map(([c]) => c)).toEqual([eventChannel('connection/state'), eventChannel('connection/state')]);
    for (const [, envelope] of sent) {
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
    expect(sent[0]?.[1].data).toEqual({ phase: 'online', reconnects: 0, since: 1 });
  });

  it('redacts app/error messages with the real redact', () => {
    const { wc, sent } = fakeWebContents();
    const bridge = createEventsBridge(() => [wc], redact);
    bridge.emit('app/error', { code: 401, location: 'Socket#Open', message: `Authorization: Bearer ${BEARER}` });
    expect(sent[0]?.[1].data).toEqual({ code: 401, location: 'Socket#Open', message: 'Authorization: Bearer [REDACTED]' });
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
