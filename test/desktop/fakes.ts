/** Small hand-written fakes of the pieces the desktop adapters take (no Electron needed). */
import { EventEmitter } from 'node:events';
import type {
  AgentStatus, ChatMessage, ConnectionState, FileDownload, Ring, SessionDiagnostics, SessionEvents, SessionSnapshot, AgentSession, SessionOptions, SendOptions, SendFileInput,
} from '../../src-main/lp/index';

export function ring(over: Partial<Ring> = {}): Ring {
  return {
    ringId: 'r1', conversationId: 'c1', consumerId: 'u1', skillId: '11', state: 'WAITING',
    expiresAt: 100_000, offeredAt: 59_000, ...over,
  };
}

export class FakeSession implements AgentSession {
  readonly calls: Array<[string, ...unknown[]]> = [];
  private readonly emitter = new EventEmitter();
  connection: ConnectionState = { phase: 'idle', reconnects: 0, since: 0 };
  rings: Ring[] = [];
  startError: Error | undefined;
  phaseAfterStart: ConnectionState['phase'] = 'online';

  constructor(readonly options?: SessionOptions) {}

  emit<K extends keyof SessionEvents>(event: K, data: SessionEvents[K]): void {
    this.emitter.emit(event, data);
  }
  async start(): Promise<void> {
    this.calls.push(['start']);
    if (this.startError) throw this.startError;
    this.connection = { ...this.connection, phase: this.phaseAfterStart };
  }
  async stop(opts?: { logout?: boolean }): Promise<void> {
    this.calls.push(['stop', opts]);
    this.connection = { ...this.connection, phase: 'offline' };
  }
  reconnectNow(reason: string): void {
    this.calls.push(['reconnectNow', reason]);
  }
  diagnostics(): SessionDiagnostics {
    return { domains: { agentVep: '127.0.0.1:1' }, socketUrl: 'ws://127.0.0.1:1/ws_api/account/1/messaging/brand/[REDACTED]?v=2.1', connection: { ...this.connection }, reconnects: this.connection.reconnects };
  }
  snapshot(): SessionSnapshot {
    return { connection: { ...this.connection }, availability: 'ONLINE', rings: this.rings.map((r) => ({ ...r })), conversations: [], messages: {} };
  }
  on<K extends keyof SessionEvents>(event: K, listener: (e: SessionEvents[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => {
      this.emitter.off(event, listener);
    };
  }
  async setAvailability(a: string): Promise<void> {
    this.calls.push(['setAvailability', a]);
  }
  async acceptRing(ringId: string): Promise<void> {
    this.calls.push(['acceptRing', ringId]);
  }
  async rejectRing(ringId: string): Promise<void> {
    this.calls.push(['rejectRing', ringId]);
  }
  sendText(conversationId: string, text: string, options?: SendOptions): ChatMessage {
    this.calls.push(options ? ['sendText', conversationId, text, options] : ['sendText', conversationId, text]);
    const m: ChatMessage = { conversationId, localId: 'l1', originatorId: 'me', role: 'AGENT', own: true, contentType: 'text/plain', text, timestamp: 1, delivery: 'queued' };
    if (options?.private === true) m.private = true;
    return m;
  }
  async setTyping(): Promise<void> {}
  async markRead(): Promise<void> {}
  async closeConversation(): Promise<void> {}
  async backToQueue(): Promise<void> {}
  async transferToSkill(): Promise<void> {}
  async transferToAgent(conversationId: string, skillId: string, agentId: string): Promise<void> {
    this.calls.push(['transferToAgent', conversationId, skillId, agentId]);
  }
  async listAgents(skillId: string): Promise<AgentStatus[]> {
    this.calls.push(['listAgents', skillId]);
    return [{ agentId: '70071234.1000002', name: 'agent2', availability: 'ONLINE', self: false }];
  }
  async loadHistory(): Promise<ChatMessage[]> {
    return [];
  }
  async listSkills() {
    return [{ id: '11', name: 'Billing' }];
  }
  async getConsumerProfile(consumerId: string) {
    return { consumerId };
  }
  /** What downloadFile answers (a tiny PNG by default); set to an Error to reject. */
  download: FileDownload | Error = { kind: 'PNG', mime: 'image/png', width: 1, height: 1, size: 4, bytes: new Uint8Array([1, 2, 3, 4]) };
  async downloadFile(conversationId: string, sequence: number): Promise<FileDownload> {
    this.calls.push(['downloadFile', conversationId, sequence]);
    if (this.download instanceof Error) throw this.download;
    return this.download;
  }
  async downloadRichImage(conversationId: string, sequence: number, imageIndex: number): Promise<FileDownload> {
    this.calls.push(['downloadRichImage', conversationId, sequence, imageIndex]);
    if (this.download instanceof Error) throw this.download;
    return this.download;
  }
  sendFile(conversationId: string, input: SendFileInput): ChatMessage {
    this.calls.push(['sendFile', conversationId, input.bytes.length, input.caption]);
    return { conversationId, localId: 'lf1', originatorId: 'me', role: 'AGENT', own: true, contentType: 'hosted/file', text: '[PNG file]', timestamp: 1, delivery: 'sending', file: { relativePath: '', fileType: 'PNG', uploading: true } };
  }
  retryFile(localId: string): ChatMessage | undefined {
    this.calls.push(['retryFile', localId]);
    return undefined;
  }
}

/** An in-memory safeStorage: a reversible transform that never leaves the plaintext visible. */
/**
 * safeStorage as Electron has it on Linux: `basic_text` reports no encryption until
 * `setUsePlainTextEncryption(true)` (Electron's shell/browser/api/electron_api_safe_storage.cc:
 * available = OSCrypt available || (use_password_v10 && backend == "basic_text")).
 */
export function fakeSafeStorage(opts: { available?: boolean; backend?: string } = {}) {
  const backend = opts.backend ?? 'gnome_libsecret';
  const state = { plainText: false };
  return {
    state,
    isEncryptionAvailable: () => (opts.available ?? true) && (backend !== 'basic_text' || state.plainText),
    getSelectedStorageBackend: () => backend,
    setUsePlainTextEncryption: (usePlainText: boolean) => {
      state.plainText = usePlainText;
    },
    encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s, 'utf8').reverse().toString('hex')}`, 'utf8'),
    decryptString: (b: Buffer) => {
      const text = b.toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('bad ciphertext');
      return Buffer.from(text.slice(4), 'hex').reverse().toString('utf8');
    },
  };
}
