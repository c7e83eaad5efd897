/**
 * Consumer profiles: GetUserProfile with the bare consumerId string as body (§6), fetched once per
 * consumer (concurrent callers share the request) and used to fill `consumerName` on rings and
 * conversations.
 */
import { LpError } from '../base/errors';
import type { ConsumerProfile } from '../protocol/model';
import { parseWith, rawConsumerProfileSchema } from '../protocol/notifications';
import { REQUEST } from '../protocol/names';
import type { SessionContext } from './context';
import { consumerDisplayName, mapConsumerProfile } from '../decisions/profiles';

/** The display name of a consumer whose profile is known. */
export function consumerNameFor(ctx: SessionContext, consumerId: string): string | undefined {
  const p = ctx.profiles.get(consumerId);
  return p ? consumerDisplayName(p) : undefined;
}

export function fetchProfileInBackground(ctx: SessionContext, consumerId: string): void {
  if (ctx.profiles.has(consumerId) || ctx.profileRequests.has(consumerId) || ctx.connState.phase !== 'online') return;
  void getConsumerProfile(ctx, consumerId).catch((err: unknown) => ctx.log('debug', 'Consumer profile unavailable', err));
}

export function getConsumerProfile(ctx: SessionContext, consumerId: string): Promise<ConsumerProfile> {
  const cached = ctx.profiles.get(consumerId);
  if (cached) return Promise.resolve({ ...cached });
  let p = ctx.profileRequests.get(consumerId);
  if (!p) {
    p = ctx.request(REQUEST.getUserProfile, consumerId).then((resp) => {
      const body = Array.isArray(resp.body) ? resp.body[0] : resp.body;
      const parsed = parseWith(rawConsumerProfileSchema, body ?? {});
      if (!parsed.ok) throw new LpError({ code: 0, message: `Unreadable consumer profile (${parsed.error})`, location: 'GetUserProfile#WS' });
      const prof = mapConsumerProfile(consumerId, parsed.value);
      ctx.profiles.set(consumerId, prof);
      applyConsumerName(ctx, prof);
      return { ...prof };
    }).finally(() => ctx.profileRequests.delete(consumerId));
    ctx.profileRequests.set(consumerId, p);
  }
  return p;
}

function applyConsumerName(ctx: SessionContext, p: ConsumerProfile): void {
  const name = consumerDisplayName(p);
  if (!name) return;
  for (const e of ctx.rings.values()) {
    if (e.ring.consumerId === p.consumerId && e.ring.consumerName !== name) {
      e.ring.consumerName = name;
      ctx.emit('ring/updated', { ...e.ring });
    }
  }
  for (const c of ctx.convs.values()) {
    if (c.consumerId === p.consumerId && c.consumerName !== name) {
      c.consumerName = name;
      ctx.emitConversation(c);
    }
  }
}
