/**
 * `createAgentSession`: the agent core's entry point. Builds the connection layer (domains → login
 * → socket, keepalive, reconnect, refresh) and the session on top of it.
 */
import { createConnection } from '../connection/connection';
import type { DiagnosableSession, SessionOptions } from './api';
import { createSessionOnConnection, type SessionTuning } from './on-connection';

export function createAgentSession(opts: SessionOptions, tuning?: SessionTuning): DiagnosableSession {
  const connection = createConnection(opts);
  return createSessionOnConnection(connection, opts, tuning);
}
