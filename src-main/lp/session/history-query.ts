/**
 * One QueryMessages request (§6, §13: from a sequence, inclusive; 0 is a valid sequence) and its
 * answer read at the edge: the events that are well formed, in sequence order, and how many were
 * not. Shared by history sync (syncHistory) and reading back one message let go (messageAt).
 */
import { REQUEST } from '../protocol/names';
import { parseMessagingEvent, parseWith, queryMessagesResponseSchema, type RawMessagingEvent } from '../protocol/notifications';
import type { SessionContext } from './context';

export interface QueryMessagesAnswer {
  /** The well-formed events, sorted by sequence; undefined when the answer as a whole is not the expected shape. */
  events: RawMessagingEvent[] | undefined;
  /** Malformed events skipped (a malformed answer counts as one). */
  malformed: number;
}

export async function queryMessages(ctx: SessionContext, cid: string, fromSeq: number): Promise<QueryMessagesAnswer> {
  const resp = await ctx.rt.request(REQUEST.queryMessages, { dialogId: cid, fromSeq, newerThanSequence: fromSeq });
  const answer = parseWith(queryMessagesResponseSchema, resp.body);
  if (!answer.ok) return { events: undefined, malformed: 1 };
  const events: RawMessagingEvent[] = [];
  let malformed = 0;
  for (const e of answer.value) {
    const p = parseMessagingEvent(e);
    if (p.ok) events.push(p.value);
    else malformed += 1;
  }
  events.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  return { events, malformed };
}
