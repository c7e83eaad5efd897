/** Frame parsing and type normalisation (protocol/frames.ts, lp-protocol.md §5). */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets } from '../../../src-main/lp/base/redact';
import { arrayOrOne, asArray, encodeRequest, normaliseType, parseFrame } from '../../../src-main/lp/protocol/frames';
import { z } from 'zod';

afterEach(() => clearSecrets());



describe('frames', () => {
  it('normalises short type names', () => {
    expect(normaliseType('routing.SetAgentState')).toBe('.ams.routing.SetAgentState');
    expect(normaliseType('cqm.SubscribeExConversations')).toBe('.ams.aam.SubscribeExConversations');
    expect(normaliseType('cqm.ExConversationChangeNotification')).toBe('.ams.aam.ExConversationChangeNotification');
    expect(normaliseType('ms.PublishEvent')).toBe('.ams.ms.PublishEvent');
    expect(normaliseType('cm.UpdateConversationField')).toBe('.ams.cm.UpdateConversationField');
    expect(normaliseType('userprofile.GetUserProfile')).toBe('.ams.userprofile.GetUserProfile');
    expect(normaliseType('GetClock')).toBe('.GetClock');
    expect(normaliseType('.GetClock')).toBe('.GetClock');
    expect(normaliseType('.ams.ms.QueryMessages')).toBe('.ams.ms.QueryMessages');
    expect(normaliseType('other.Thing')).toBe('other.Thing');
  });
  it('parses resp, notification and req frames, tolerating extra fields', () => {
    const r = parseFrame('{"kind":"resp","reqId":7,"code":"202","type":".ReqBody$StringResp","body":"ok","extra":1}');
    expect(r).toMatchObject({ kind: 'resp', reqId: '7', code: 202, body: 'ok' });
    const n = parseFrame('{"kind":"notification","type":"ms.OnlineEventDistribution","body":{"a":1},"metadata":[]}');
    expect(n).toMatchObject({ kind: 'notification', type: '.ams.ms.OnlineEventDistribution', body: { a: 1 } });
    const q = parseFrame('{"kind":"req","id":"1","type":"GetClock"}');
    expect(q).toMatchObject({ kind: 'req', type: '.GetClock' });
  });
  it('never throws on garbage', () => {
    for (const raw of ['', '{', 'null', '[]', '"x"', '42', '{"kind":"resp"}', '{"kind":"weird","type":"x"}', '{"kind":"notification"}', '{"kind":"resp","reqId":{},"code":1}']) {
      const r = parseFrame(raw);
      expect(r.kind).toBe('malformed');
      if (r.kind === 'malformed') expect(r.reason).not.toContain(raw.length > 3 ? raw : '\u0000');
    }
  });
  it('notification frames (the fast path): short types normalised, the whole frame kept, an empty type refused', () => {
    const r = parseFrame('{"kind":"notification","type":"ms.OnlineEventDistribution","body":{"sequence":0},"extra":1}');
    const whole = { kind: 'notification', type: 'ms.OnlineEventDistribution', body: { sequence: 0 }, extra: 1 };
    expect(r).toEqual({ kind: 'notification', type: '.ams.ms.OnlineEventDistribution', body: { sequence: 0 }, frame: whole });
    expect(parseFrame('{"kind":"notification","type":""}')).toEqual({ kind: 'malformed', reason: 'bad notification frame' });
    expect(parseFrame('{"kind":"notification","type":7}')).toEqual({ kind: 'malformed', reason: 'bad notification frame' });
  });
  it('accepts a bare element where an array is expected', () => {
    expect(asArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asArray([1, 2])).toEqual([1, 2]);
    expect(asArray(undefined)).toEqual([]);
    const s = arrayOrOne(z.object({ field: z.string() }));
    expect(s.parse({ field: 'x' })).toEqual([{ field: 'x' }]);
    expect(s.parse([{ field: 'x' }, { field: 'y' }])).toHaveLength(2);
  });
  it('encodes requests with the .ams. type and optional metadata', () => {
    expect(JSON.parse(encodeRequest({ id: 'a', type: 'ms.PublishEvent', body: { x: 1 }, metadata: [{ type: 'ExternalId', id: 'l-1' }] })))
      .toEqual({ kind: 'req', id: 'a', type: '.ams.ms.PublishEvent', body: { x: 1 }, metadata: [{ type: 'ExternalId', id: 'l-1' }] });
    expect(JSON.parse(encodeRequest({ id: 'b', type: '.GetClock', body: undefined }))).toEqual({ kind: 'req', id: 'b', type: '.GetClock', body: {} });
  });
});
