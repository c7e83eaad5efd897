/**
 * The agent on the current socket: who this agent is, the availability it wants, the connection
 * state as the session reports it (`online` only once agent state and subscriptions are in place,
 * protocol/model.ts), which socket is current (`generation`: work started for an older socket stops
 * at its next step), and the conversation snapshot being collected on it (session/ready.ts).
 */
import { LpError } from '../base/errors';
import type { Me } from '../decisions/messages';
import type { AgentProfile, Availability, ConnectionState } from '../protocol/model';
import { REQUEST } from '../protocol/names';
import type { SessionRuntime } from './runtime';

/** The OPEN conversations reported on one socket within the snapshot window. */
export interface SnapshotCollection {
  generation: number;
  /** Every conversation that arrived OPEN within the window. */
  ids: Set<string>;
  /** Conversations known before this socket. */
  known: Set<string>;
}

const NO_ONE: Me = { legacyId: '' };

export class LinkState {
  private agent: AgentProfile | undefined;
  private meIds: Me = NO_ONE;
  private connState: ConnectionState;
  /** The phase last reported to listeners (publicState). */
  private shownPhase: ConnectionState['phase'];
  private want: Availability;
  private agentStateInFlight = 0;
  private gen = 0;
  private isLive = false;
  /** The socket of the current generation was lost (state left 'online') before a new `ready`. */
  private socketLost = false;
  /** A conversations snapshot has been reconciled at least once since start. */
  private snapshotSeen = false;
  private snapshot: SnapshotCollection | undefined;
  private offsetMs = 0;
  /** The server timestamp the offset was last taken from. */
  private notedServerTs = Number.NEGATIVE_INFINITY;

  constructor(private readonly rt: SessionRuntime, initial: ConnectionState, profile: AgentProfile | undefined, desired: Availability) {
    this.connState = initial;
    this.shownPhase = initial.phase;
    this.want = desired;
    if (profile) this.setProfile(profile);
  }

  // ---------- the agent ----------
  get profile(): AgentProfile | undefined {
    return this.agent;
  }

  /** This agent as the pure modules need it (kept in step with `profile`). */
  get me(): Me {
    return this.meIds;
  }

  private setProfile(p: AgentProfile): void {
    this.agent = p;
    this.meIds = p.pid !== undefined ? { legacyId: p.legacyId, pid: p.pid } : { legacyId: p.legacyId };
  }

  /** Ids that denote this agent: legacy id, numeric user id, PID. */
  myIds(): Set<string> {
    const ids = new Set<string>();
    const p = this.agent;
    if (p) {
      ids.add(p.legacyId);
      ids.add(p.userId);
      if (p.pid) ids.add(p.pid);
    }
    return ids;
  }

  requireProfile(location: string): AgentProfile {
    if (!this.agent) throw new LpError({ code: 0, message: 'Not logged in yet', location });
    return this.agent;
  }

  // ---------- availability ----------
  get desired(): Availability {
    return this.want;
  }

  /** The user chose an availability. */
  choose(a: Availability): void {
    this.want = a;
    this.rt.emit('availability', a);
  }

  /** Changed elsewhere (another client of this user): adopted, unless ours is on its way. */
  adoptRemote(a: Availability): void {
    if (a === this.want || this.agentStateInFlight > 0) return;
    this.want = a;
    this.rt.emit('availability', a);
  }

  /** SetAgentState with the legacy id (§6). Counted, so an AgentStateNotification racing it is not adopted. */
  async applyAgentState(availability: Availability): Promise<void> {
    const p = this.requireProfile('SetAgentState#WS');
    this.agentStateInFlight += 1;
    try {
      await this.rt.request(REQUEST.setAgentState, { availability, channels: ['MESSAGING'], agentUserId: p.legacyId });
    } finally {
      this.agentStateInFlight -= 1;
    }
  }

  // ---------- the socket ----------
  get generation(): number {
    return this.gen;
  }

  /** True between a `ready` whose setup finished and the next non-online state. */
  get live(): boolean {
    return this.isLive;
  }

  /** A new socket is ready: returns its generation. Its snapshot collection starts now. */
  beginSocket(p: AgentProfile, known: Iterable<string>): number {
    const gen = ++this.gen;
    this.isLive = false;
    this.socketLost = false;
    this.setProfile(p);
    this.snapshot = { generation: gen, ids: new Set(), known: new Set(known) };
    return gen;
  }

  /** Setup finished: live unless the socket dropped meanwhile (no new `ready` yet). */
  goLive(): boolean {
    this.isLive = !this.socketLost;
    if (this.isLive) this.emitConnection();
    return this.isLive;
  }

  /** stop(): nothing is live any more. */
  endLive(): void {
    this.isLive = false;
  }

  /** The connection's state changed. True when this lost a live socket. Call `reportState` after. */
  noteState(state: ConnectionState): boolean {
    this.connState = state;
    // 'connecting' may precede `ready` on the first connect; anything else that is not online is a lost socket.
    if (state.phase === 'online' || state.phase === 'connecting') return false;
    this.socketLost = true;
    if (!this.isLive) return false;
    this.isLive = false;
    return true;
  }

  /** Tells listeners the state, except an open socket not set up yet ('online' follows from goLive). */
  reportState(): void {
    if (this.connState.phase === 'online' && !this.isLive) return;
    this.emitConnection();
  }

  isOnline(): boolean {
    return this.connState.phase === 'online';
  }

  /**
   * 'online' only once agent state and subscriptions are in place on the current socket;
   * until then an open socket still reads as connecting/reconnecting.
   */
  publicState(): ConnectionState {
    const s = this.connState;
    if (s.phase !== 'online' || this.isLive) return { ...s };
    return { ...s, phase: this.shownPhase === 'online' || this.shownPhase === 'idle' ? 'connecting' : this.shownPhase };
  }

  private emitConnection(): void {
    const state = this.publicState();
    this.shownPhase = state.phase;
    this.rt.emit('connection', state);
  }

  // ---------- conversations snapshot ----------
  /** A conversation arrived OPEN: part of the snapshot being collected, if any. */
  noteOpen(cid: string): void {
    this.snapshot?.ids.add(cid);
  }

  /** Ends the collection of socket `gen` (if it is still current): what it found. */
  finishSnapshot(gen: number): SnapshotCollection | undefined {
    const s = this.snapshot;
    if (!s || s.generation !== gen || gen !== this.gen) return undefined;
    this.snapshot = undefined;
    this.snapshotSeen = true;
    return s;
  }

  /** Whether the set of OPEN conversations is known (a snapshot was reconciled and none is being collected). */
  knowsOpenConversations(): boolean {
    return this.snapshotSeen && !this.snapshot;
  }

  // ---------- server clock ----------
  /** Estimated server clock minus local clock (from live message timestamps). */
  get serverOffsetMs(): number {
    return this.offsetMs;
  }

  /**
   * A burst carries many timestamps of the same second: the clock is read (and the offset taken)
   * once per second of server time, not once per message.
   */
  noteServerTime(serverTimestamp: number): void {
    if (Math.abs(serverTimestamp - this.notedServerTs) < 1000) return;
    this.notedServerTs = serverTimestamp;
    this.offsetMs = serverTimestamp - this.rt.clock.now();
  }
}
