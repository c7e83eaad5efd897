/**
 * The mode manager: signed-out | demo | live, one session at a time. Demo starts the simulator
 * in-process on an ephemeral loopback port (simulated consumers on) and signs in as its first demo
 * agent; live creates a session for the given account. Switching stops the old session (and the
 * simulator) first. Switches are serialised: a second one waits for the first to finish.
 *
 * The demo simulator is driven in process: its demo consumers run inside it, and the session signs
 * in with the demo agent's password read from it — a random one per run (`randomCredentials`), so no
 * other process on the machine can sign in as the demo agent and take over the app's socket. Its HTTP
 * API (consumers, faults) stays off unless LPAD_DEMO_SIM_TOKEN asks for it.
 *
 * Test and development knobs for the demo simulator (environment; read by `demoOverridesFromEnv`
 * and applied by app.ts; ignored when absent or invalid, and never used by live mode):
 *   LPAD_DEMO_CONSUMERS=off        no automatic demo consumers (a test opens conversations itself)
 *   LPAD_DEMO_PORT=<1-65535>       the demo simulator listens on this loopback port
 *   LPAD_DEMO_SIM_TOKEN=<token>    turns on the simulator's HTTP API (simulator/sim-http.ts) behind this
 *                                  token (16–256 of A-Z a-z 0-9 _ -), so a test can drive consumers
 *                                  over HTTP; the caller chose it, the app never prints it
 *   LPAD_RING_EXPIRATION_MS=<ms>   ring lifetime in the demo simulator (1000 … 600000)
 */
import type { AppMode } from '../../src-preload/api';
import type { Logger, AccountConfig, Credentials, LpErrorInfo, AgentSession, OutboxStore, SessionOptions } from '../lp/index';
import { t } from './i18n';

/** What demo mode needs of the simulator (a subset of simulator/api.ts's Simulator). */
export interface DemoSimulator {
  readonly accountId: string;
  readonly csdsUrl: string;
  readonly agents: ReadonlyArray<{ username: string; password: string }>;
  close(): Promise<void>;
}

/** Demo simulator options taken from the environment (see the header). */
export interface DemoOverrides {
  demoConsumers?: false;
  port?: number;
  ringExpirationMs?: number;
  /** The simulator's HTTP API behind this token; as JSON (app.ts logs the overrides) it says "on", never the token. */
  httpApi?: { token: string; toJSON(): string };
}

const SIM_TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

function intIn(raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || !/^\d{1,7}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n >= min && n <= max ? n : undefined;
}

/** Reads LPAD_DEMO_CONSUMERS, LPAD_DEMO_PORT, LPAD_DEMO_SIM_TOKEN and LPAD_RING_EXPIRATION_MS; invalid values are ignored. */
export function demoOverridesFromEnv(env: Readonly<Record<string, string | undefined>>): DemoOverrides {
  const out: DemoOverrides = {};
  if (env.LPAD_DEMO_CONSUMERS?.trim().toLowerCase() === 'off') out.demoConsumers = false;
  const port = intIn(env.LPAD_DEMO_PORT, 1, 65_535);
  if (port !== undefined) out.port = port;
  const ringExpirationMs = intIn(env.LPAD_RING_EXPIRATION_MS, 1_000, 600_000);
  if (ringExpirationMs !== undefined) out.ringExpirationMs = ringExpirationMs;
  const token = env.LPAD_DEMO_SIM_TOKEN?.trim();
  if (token !== undefined && SIM_TOKEN.test(token)) out.httpApi = { token, toJSON: () => 'on (token not shown)' };
  return out;
}

export interface ModeDeps {
  createSession(opts: SessionOptions): AgentSession;
  /** `randomCredentials`: the demo agent's password is new each run and read from the simulator in process. */
  startSimulator(opts: { demoConsumers: boolean; randomCredentials: boolean; colleagues: boolean }): Promise<DemoSimulator>;
  outboxStore(accountId: string, username: string): OutboxStore;
  logger: Logger;
}

export interface ModeInfo {
  mode: AppMode;
  session: AgentSession | null;
  account?: { accountId: string; username: string };
}

export interface ModeManager {
  current(): ModeInfo;
  /** Called after every switch (with the new session, or null when signed out). */
  onChange(listener: (info: ModeInfo) => void): () => void;
  startDemo(): Promise<void>;
  /**
   * `interactive`: credentials just typed in. Then a first attempt that did not get online (network,
   * server error) fails the sign-in with that error instead of leaving a session retrying in the
   * background — the person is at the form and wants to know. A resumed account keeps retrying.
   */
  startLive(account: AccountConfig, credentials: Credentials, opts?: { interactive?: boolean }): Promise<void>;
  /** Stops the session (logs out) and the simulator: signed out. */
  signOut(): Promise<void>;
}

export class LoginFailedError extends Error {
  constructor(readonly code: number, message: string, readonly location = 'Login#Session') {
    super(message);
    this.name = 'LoginFailedError';
  }
}

export function createModeManager(deps: ModeDeps): ModeManager {
  let info: ModeInfo = { mode: 'signed-out', session: null };
  let simulator: DemoSimulator | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(i: ModeInfo) => void>();

  const set = (next: ModeInfo): void => {
    info = next;
    for (const l of [...listeners]) l({ ...next });
  };

  /** Runs switches one after another; a failed switch does not block the next. */
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = chain.then(job, job);
    chain = run.catch(() => undefined);
    return run;
  };

  const stopCurrent = async (): Promise<void> => {
    const { session } = info;
    const sim = simulator;
    simulator = null;
    if (session || info.mode !== 'signed-out') set({ mode: 'signed-out', session: null });
    if (session) {
      try {
        await session.stop({ logout: true });
      } catch (err) {
        deps.logger.log('warn', `stopping the session failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (sim) await sim.close().catch(() => undefined);
  };

  const startSession = async (mode: 'demo' | 'live', account: AccountConfig, credentials: Credentials, interactive = false): Promise<void> => {
    const session = deps.createSession({
      account,
      credentials,
      logger: deps.logger,
      outboxStore: deps.outboxStore(account.accountId, credentials.username),
    });
    set({ mode, session, account: { accountId: account.accountId, username: credentials.username } });
    // The refusal's own code and place (401 wrong password, 404 unknown account at CSDS, …), so the
    // sign-in screen can say which it was.
    let refusal: LpErrorInfo | undefined;
    const offError = session.on('error', (e) => { refusal = e; });
    try {
      await session.start();
    } catch (err) {
      offError();
      await stopCurrent();
      throw err;
    }
    offError();
    const phase = session.snapshot().connection;
    if (phase.phase === 'auth-failed') {
      await stopCurrent();
      const code = refusal && refusal.code >= 400 && refusal.code < 500 ? refusal.code : 401;
      throw new LoginFailedError(code, phase.lastError ?? t('mainErrors.loginRefused'), refusal?.location);
    }
    // ('connecting' is fine: logged in, the socket is being set up.)
    // 'offline' right after start: a certificate or TLS failure (the core does not retry those).
    if (interactive && (phase.phase === 'reconnecting' || phase.phase === 'offline')) {
      await stopCurrent();
      throw new LoginFailedError(refusal?.code ?? 0, phase.lastError ?? 'network error: LivePerson could not be reached', refusal?.location);
    }
  };

  return {
    current: () => ({ ...info }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    startDemo: () => serial(async () => {
      await stopCurrent();
      // colleagues: the demo's other agents are played by the simulator, so a transfer to an agent can be seen.
      const sim = await deps.startSimulator({ demoConsumers: true, randomCredentials: true, colleagues: true });
      simulator = sim;
      const agent = sim.agents[0];
      if (!agent) throw new LoginFailedError(0, t('mainErrors.demoNoAgent'), 'Demo#Start');
      deps.logger.log('info', `demo: simulator on ${sim.csdsUrl}, account ${sim.accountId}`);
      await startSession('demo', { accountId: sim.accountId, csdsUrl: sim.csdsUrl }, { kind: 'password', username: agent.username, password: agent.password });
    }),
    startLive: (account, credentials, opts = {}) => serial(async () => {
      await stopCurrent();
      await startSession('live', account, credentials, opts.interactive === true);
    }),
    signOut: () => serial(stopCurrent),
  };
}
