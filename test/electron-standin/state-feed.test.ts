import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, LOG_KEYS, type LogKey, type RecordedNotification, type StandinState } from './protocol';
import { applyStateDelta, countStateTraffic, StateFeed, type StateTraffic } from './state-feed';

/** The child's state, its feed, and the test's copy rebuilt from the deltas as they would cross the IPC channel. */
function harness() {
  const source: StandinState = structuredClone(EMPTY_STATE);
  const feed = new StateFeed(source);
  let copy: StandinState | undefined;
  const push = () => {
    const delta = JSON.parse(JSON.stringify(feed.next())) as ReturnType<StateFeed['next']>;
    copy = applyStateDelta(copy, delta);
    return delta;
  };
  const same = () => expect(copy).toEqual(JSON.parse(JSON.stringify(source)));
  return { source, feed, push, same, copy: () => copy };
}

function notification(id: number): RecordedNotification {
  return { id, title: `ring ${id}`, body: 'b', actions: [], shown: 0, shownAt: [], closed: false, clicked: 0 };
}

describe('state feed', () => {
  it('sends the whole state first, then only new history entries', () => {
    const h = harness();
    h.source.notifications.push(notification(1));
    h.source.app.ready = true;
    expect(h.push().logs.notifications?.items).toHaveLength(1);
    h.same();
    h.source.notifications.push(notification(2), notification(3));
    h.source.console.push({ windowId: 1, type: 'log', text: 'hi' });
    const delta = h.push();
    expect(delta.logs.notifications).toEqual({ from: 1, items: [notification(2), notification(3)] });
    expect(delta.logs.ipc).toBeUndefined();
    h.same();
  });

  it('sends an entry changed in place again, from its index', () => {
    const h = harness();
    const records = [notification(1), notification(2), notification(3)];
    h.source.notifications.push(...records);
    h.push();
    records[1]!.shown += 1;
    records[1]!.shownAt.push(12.5);
    h.feed.touched('notifications', records[1]!);
    expect(h.push().logs.notifications).toMatchObject({ from: 1 });
    h.same();
  });

  it('resends a rewritten history whole, even when it grew back past what was sent', () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.source.ipc.push({ windowId: 1, channel: `c${i}`, kind: 'send', ok: true });
    h.push();
    h.source.ipc.length = 0;
    for (let i = 0; i < 7; i++) h.source.ipc.push({ windowId: 1, channel: `d${i}`, kind: 'event', ok: true });
    h.feed.rewritten('ipc');
    expect(h.push().logs.ipc?.from).toBe(0);
    h.same();
  });

  it('resends a history that shrank without a word', () => {
    const h = harness();
    h.source.sounds.push({ windowId: 1, file: 'ring.wav', volume: 1 }, { windowId: 1, file: 'ring.wav', volume: 0.5 });
    h.push();
    h.source.sounds.splice(0, 2, { windowId: 1, file: 'other.wav', volume: 1 });
    h.push();
    h.same();
  });

  it('leaves an earlier copy as it was (a test holding app.state sees that moment)', () => {
    const h = harness();
    h.source.notifications.push(notification(1));
    h.push();
    const before = h.copy();
    h.source.notifications.push(notification(2));
    h.source.app.badgeCount = 4;
    h.push();
    expect(before?.notifications).toHaveLength(1);
    expect(before?.app.badgeCount).toBe(0);
    h.same();
  });

  it('keeps histories nobody touched out of the push', () => {
    const h = harness();
    h.source.console.push({ windowId: 1, type: 'log', text: 'a' });
    h.push();
    h.source.trays.push({ id: 1, image: 'i', tooltip: 't', title: '', menu: null, menuOpen: false, destroyed: false });
    expect(h.push().logs).toEqual({});
    h.same();
  });

  it('sends a small part again only when it changed, whole; an optional part unset is gone from the copy', () => {
    const h = harness();
    const first = h.push();
    expect(Object.keys(first.whole).sort()).toEqual(Object.keys(EMPTY_STATE).filter((k) => !LOG_KEYS.includes(k as LogKey) && (EMPTY_STATE as unknown as Record<string, unknown>)[k] !== undefined).sort());
    h.source.console.push({ windowId: 1, type: 'log', text: 'a' });
    expect(h.push().whole).toEqual({}); // a history grew: no small part goes again
    h.source.app.badgeCount = 2;
    h.source.trays.push({ id: 1, image: 'i', tooltip: 't', title: '', menu: null, menuOpen: false, destroyed: false });
    const changed = h.push();
    expect(Object.keys(changed.whole)).toEqual(['trays']); // an array part: whole
    expect(changed.fields).toEqual({ app: { set: { badgeCount: 2 } } }); // an object part: the field that changed
    h.same();
    h.source.app.appUserModelId = 'com.example';
    expect(h.push().fields).toEqual({ app: { set: { appUserModelId: 'com.example' } } });
    delete h.source.app.appUserModelId;
    expect(h.push().fields).toEqual({ app: { set: {}, gone: ['appUserModelId'] } });
    expect(h.copy()?.app).not.toHaveProperty('appUserModelId');
    h.same();
    expect(h.push().fields).toBeUndefined(); // nothing changed: nothing sent
    h.source.crashReporter = { started: true, beforeReady: true, uploadToServer: false };
    expect(Object.keys(h.push().whole)).toEqual(['crashReporter']);
    h.same();
    delete h.source.crashReporter;
    const unset = h.push();
    expect(unset.gone).toEqual(['crashReporter']);
    expect(h.copy()?.crashReporter).toBeUndefined();
    h.same();
    // Set back to what it was before it went: sent again (the copy no longer has it).
    h.source.crashReporter = { started: true, beforeReady: true, uploadToServer: false };
    expect(Object.keys(h.push().whole)).toEqual(['crashReporter']);
    h.same();
  });

  it('counts what the pushes carried, and what they would have carried with every small part whole', () => {
    const h = harness();
    const t: StateTraffic = { pushes: 0, bytes: 0, wholePartsBytes: 0 };
    const count = (): void => {
      const delta = h.push();
      countStateTraffic(t, delta, h.copy());
    };
    count(); // the first push: every part, whole
    expect(t.bytes).toBeGreaterThan(0.9 * t.wholePartsBytes);
    for (let i = 1; i <= 20; i++) {
      h.source.app.badgeCount = i;
      h.source.ipc.push({ windowId: 1, channel: 'lp:evts', kind: 'event', ok: true });
      count();
    }
    expect(t.pushes).toBe(21);
    const parts = JSON.stringify(Object.fromEntries(Object.entries(h.source).filter(([k]) => !LOG_KEYS.includes(k as LogKey)))).length;
    // 20 pushes of one field and one history entry, against 20 × every small part.
    expect(t.wholePartsBytes - t.bytes).toBeGreaterThan(15 * parts);
    expect(t.bytes).toBeLessThan(t.wholePartsBytes / 3);
  });
});
