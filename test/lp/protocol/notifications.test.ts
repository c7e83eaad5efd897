/** Messaging event parsing, the per-message fast path (protocol/notifications.ts). */
import { describe, expect, it } from 'vitest';
import { parseMessagingEvent, parseWith, rawMessagingEventSchema, readMessagingEventBody } from '../../../src-main/lp/protocol/notifications';

describe('parseMessagingEvent (the per-message fast path)', () => {
  const body = {
    sequence: 2, originatorId: '123.4567', originatorPId: '3b5b', serverTimestamp: 1470732437925,
    originatorClientProperties: { type: '.ClientProperties', ipAddress: '10.0.0.1' },
    originatorMetadata: { id: '3b5b', role: 'ASSIGNED_AGENT', clientProperties: {} },
    event: { type: 'ContentEvent', message: 'hi', contentType: 'text/plain' }, dialogId: 'c1', metadata: [],
  };
  it('gives what the schema gives for the wire shape of §7', () => {
    const fast = parseMessagingEvent(body);
    const slow = parseWith(rawMessagingEventSchema, body);
    expect(fast).toEqual(slow);
    expect(fast.ok && fast.value).toBe(body); // no copy
  });
  it('falls back to the schema for tolerated variants, and rejects what the schema rejects', () => {
    const variant = { ...body, sequence: '3', dialogId: 42, metadata: { type: 'ExternalId', id: 'l-1' } };
    const r = parseMessagingEvent(variant);
    expect(r.ok && r.value).toMatchObject({ sequence: 3, dialogId: '42', metadata: [{ type: 'ExternalId', id: 'l-1' }] });
    for (const bad of [null, 'x', [], { ...body, event: 'text' }, { ...body, event: {} }, { ...body, originatorMetadata: 'x' }, { ...body, sequence: null }]) {
      expect(parseMessagingEvent(bad).ok).toBe(false);
      expect(parseWith(rawMessagingEventSchema, bad).ok).toBe(false);
    }
  });
});

describe('readMessagingEventBody (the same reading, no wrapper)', () => {
  it('gives the event itself, or the schema\'s error as a string', () => {
    const body = { sequence: 1, dialogId: 'c1', originatorId: 'u', event: { type: 'ContentEvent', message: 'hi' } };
    expect(readMessagingEventBody(body)).toBe(body);
    expect(readMessagingEventBody({ ...body, sequence: '4' })).toMatchObject({ sequence: 4 });
    const bad = { ...body, event: 'text' };
    const schemaError = parseWith(rawMessagingEventSchema, bad);
    expect(schemaError.ok).toBe(false);
    expect(readMessagingEventBody(bad)).toBe(schemaError.ok ? 'unexpected' : schemaError.error);
  });
});
