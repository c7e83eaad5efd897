/** The agent core's public surface (plain Node: no electron). */
export { createAgentSession } from './session';
export { createSessionOnConnection, type SessionTuning } from './session-core';
export { createConnection, type ConnectionOptions } from './connection';
export { createConsoleLogger, type ConsoleLoggerOptions } from './console-logger';
export { memoryOutboxStore } from './outbox';
export { clearSecrets, isSecretKey, MAX_SECRETS, REDACTED, redact, redactFields, registerSecret, secretCount, unregisterSecret, type SecretKind } from './redact';
export { LpError, errorInfo, type LpErrorInit } from './errors';
export { silentLogger, type Logger, type LogLevel } from './log';
export type * from './model';
export type { AgentSession, DiagnosableSession, OutboxItem, OutboxStore, SessionOptions } from './session-api';
export type { AgentConnection, ConnectionEvents, RequestOptions, UmsNotification, UmsResponse } from './connection-api';
