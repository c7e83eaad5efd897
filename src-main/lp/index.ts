/**
 * The agent core's only door (plain Node: no electron). Everything outside src-main/lp imports the
 * core from here; see README.md in this folder for the layers behind it.
 */
export { createAgentSession } from './session/agent-session';
export { createSessionOnConnection, type SessionTuning } from './session/on-connection';
export { memoryOutboxStore } from './session/outbox-store';
export type { AgentSession, DiagnosableSession, FileDownload, OutboxFile, OutboxItem, OutboxStore, SendFileInput, SessionOptions } from './session/api';
export { FILE_LIMITS, FILE_PROBLEM_TEXT, checkRelativePath, inspectImage, type ImageCheck } from './decisions/files';
export { FileError } from './session/files';
export { createConnection, type ConnectionOptions } from './connection/connection';
export type {
  AgentConnection, ConnectionEvents, ConnectionTiming, DiagnosableConnection, FileExchange, RequestOptions, UmsNotification, UmsResponse,
} from './connection/api';
export { createNodeTransport, type NodeTransportOptions } from './connection/node-transport';
export { CSDS_URL_FORMS, normaliseCsdsUrl, type CsdsUrlCheck } from './connection/domains';
export { classifyNetworkError, isTlsFailure, type NetworkFailure, type NetworkFailureKind } from './connection/network-errors';
export {
  MAX_PROXY_TEXT, ProxyConfigError, choiceForUrl, matchesNoProxy, parseProxyList, parseProxyUrl, proxyFromEnv, proxyLabel, type ProxyChoice,
} from './connection/proxy';
export { agentFor, type AgentOptions, type ProxyCredentialsAsker } from './connection/proxy-agents';
export { PROXY_BLOCKS, ProxyError, explainNetworkError, type NetworkProblem, type NetworkProblemKind, type PresentedCertificate } from './connection/proxy-errors';
export { CertificateFileError, MAX_PEM_BYTES, parsePemCertificates, type TrustedCertificate } from './connection/certificates';
export {
  MAX_FRAME_BYTES, TransportError, type SocketListener, type SocketOpenOptions, type Transport, type TransportRequest, type TransportResponse,
  type WebSocketLike,
} from './connection/transport';
export type * from './protocol/model';
export { AVAILABILITIES, CHAT_STATES, INPUT_LIMITS } from './protocol/vocabulary';
export { createConsoleLogger, type ConsoleLoggerOptions } from './base/console-logger';
export { clearSecrets, isSecretKey, MAX_SECRETS, REDACTED, redact, redactFields, registerSecret, secretCount, unregisterSecret, type SecretKind } from './base/redact';
export { LpError, errorInfo, type LpErrorInit } from './base/errors';
export { silentLogger, type Logger, type LogLevel } from './base/log';
export type { Clock } from './base/clock';
