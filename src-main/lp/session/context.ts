/**
 * The session's parts, each owning its own state behind a small API: the runtime (timers, events,
 * logs, requests), the link (agent and socket), rings, conversations (with their messages),
 * consumers and the outbox. Built once per session; the parts are wired to each other here by
 * callbacks, so none of them imports another's module for anything but types.
 */
import type { AgentConnection } from '../connection/api';
import type { SessionOptions } from './api';
import { ConsumersState } from './consumers';
import { ConversationsState } from './conversations';
import { LinkState } from './link';
import { OutboxState } from './outbox-state';
import { RingsState } from './rings';
import { SessionRuntime, type SessionTuning } from './runtime';

export interface SessionContext {
  readonly rt: SessionRuntime;
  readonly link: LinkState;
  readonly rings: RingsState;
  readonly convs: ConversationsState;
  readonly consumers: ConsumersState;
  readonly outbox: OutboxState;
}

export function createContext(connection: AgentConnection, opts: SessionOptions, tuning: SessionTuning): SessionContext {
  const rt = new SessionRuntime(connection, { clock: opts.clock, logger: opts.logger, requestTimeoutMs: opts.timing?.requestTimeoutMs }, tuning);
  const link = new LinkState(rt, connection.state, connection.profile, opts.initialAvailability ?? 'ONLINE');
  const consumers = new ConsumersState(rt, () => link.isOnline());
  const rings = new RingsState(rt, consumers);
  const convs = new ConversationsState(rt);
  consumers.onName = (consumerId, name) => {
    rings.nameConsumer(consumerId, name);
    convs.nameConsumer(consumerId, name);
  };
  return { rt, link, rings, convs, consumers, outbox: new OutboxState(rt, opts.outboxStore) };
}
