/**
 * A UMS notification read once, at the edge, into a typed event (lp-protocol.md §7): the
 * `changes` envelope and then each change on its own (one malformed change does not hide the others
 * of the same notification), a messaging event through the fast path. Never throws; what could not
 * be read is described without content (paths only).
 */
import { AVAILABILITIES } from './vocabulary';
import type { Availability } from './model';
import { KNOWN_NOTIFICATIONS, NOTIFICATION } from './names';
import {
  agentStateNotificationSchema, changesEnvelopeSchema, parseWith, rawConversationChangeSchema, readMessagingEventBody,
  rawRoutingChangeSchema, type RawConversationChange, type RawMessagingEvent, type RawRoutingChange,
} from './notifications';
import type { UmsNotification } from './ums';
import type { z } from 'zod';

const AVAILABILITY_SET: ReadonlySet<string> = new Set<Availability>(AVAILABILITIES);

/** Changes of one notification that could not be read: how many, and the first one's description. */
export interface BadChanges {
  count: number;
  first: string;
}

export type NotificationEvent =
  | { kind: 'routing'; changes: RawRoutingChange[]; bad?: BadChanges }
  | { kind: 'conversations'; changes: RawConversationChange[]; bad?: BadChanges }
  | { kind: 'agentState'; changes: Array<{ agentUserId: string; availability: Availability }> }
  | { kind: 'messaging'; event: RawMessagingEvent }
  /** The notification (or its envelope) could not be read at all. */
  | { kind: 'malformed'; name: string; error: string }
  /** A type the core knows and does not handle, or one it does not know. */
  | { kind: 'ignored'; known: boolean };

function changesOf<S extends z.ZodType>(body: unknown, schema: S): { ok: true; changes: Array<z.infer<S>>; bad?: BadChanges } | { ok: false; error: string } {
  const envelope = parseWith(changesEnvelopeSchema, body);
  if (!envelope.ok) return envelope;
  const changes: Array<z.infer<S>> = [];
  let count = 0;
  let first = '';
  for (const raw of envelope.value.changes) {
    const change = parseWith(schema, raw);
    if (change.ok) changes.push(change.value);
    else if ((count += 1) === 1) first = change.error;
  }
  return count > 0 ? { ok: true, changes, bad: { count, first } } : { ok: true, changes };
}

/**
 * One notification into a typed event. (The session reads OnlineEventDistribution, one per message,
 * with readMessagingEventBody directly: the same reading without the `{ kind, event }` wrapper.)
 */
export function readNotification(n: UmsNotification): NotificationEvent {
  switch (n.type) {
    case NOTIFICATION.routing: {
      const r = changesOf(n.body, rawRoutingChangeSchema);
      if (!r.ok) return { kind: 'malformed', name: 'RoutingTaskNotification', error: r.error };
      return r.bad ? { kind: 'routing', changes: r.changes, bad: r.bad } : { kind: 'routing', changes: r.changes };
    }
    case NOTIFICATION.conversations: {
      const r = changesOf(n.body, rawConversationChangeSchema);
      if (!r.ok) return { kind: 'malformed', name: 'ExConversationChangeNotification', error: r.error };
      return r.bad ? { kind: 'conversations', changes: r.changes, bad: r.bad } : { kind: 'conversations', changes: r.changes };
    }
    case NOTIFICATION.messaging: {
      const r = readMessagingEventBody(n.body);
      return typeof r === 'string' ? { kind: 'malformed', name: 'OnlineEventDistribution', error: r } : { kind: 'messaging', event: r };
    }
    case NOTIFICATION.agentState: {
      const r = parseWith(agentStateNotificationSchema, n.body);
      if (!r.ok) return { kind: 'malformed', name: 'AgentStateNotification', error: r.error };
      const changes: Array<{ agentUserId: string; availability: Availability }> = [];
      for (const c of r.value.changes) {
        const { agentUserId, availability } = c.result;
        if (c.type !== 'UPSERT' || agentUserId === undefined || availability === undefined || !AVAILABILITY_SET.has(availability)) continue;
        changes.push({ agentUserId, availability: availability as Availability });
      }
      return { kind: 'agentState', changes };
    }
    default:
      return { kind: 'ignored', known: KNOWN_NOTIFICATIONS.has(n.type) };
  }
}
