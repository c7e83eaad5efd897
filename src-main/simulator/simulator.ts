/** startSimulator: wires state, the HTTP(S) server (REST + WebSocket upgrade on one port), faults and demo consumers. */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { SimAgentSeed, SimSkillSeed, Simulator, SimulatorOptions, StartSimulator } from './api';
import { realClock } from './clock';
import { createConsumerApi } from './consumers';
import { handleCsds } from './csds';
import { DemoConsumers } from './demo-consumers';
import { SimEventHub } from './events';
import { createFaults } from './faults';
import { sendJson } from './http-util';
import { createInspect } from './inspect';
import { makeLogger, redact } from './log';
import { STATIC_IMAGE_PREFIX, handleFileHttp, handleStaticImage } from './files';
import { handleLogin } from './login';
import { createIdpState, issueResponse } from './idp';
import { handleIdp, IDP_PATH } from './idp-pages';
import { DEMO_ACCOUNT } from './seed';
import { handleSimHttp, httpApiToken } from './sim-http';
import { handleSkills } from './skills';
import { handleAgentStatus } from './agent-status';
import { terminateSocket } from './sockets';
import type { AgentRecord, SimContext } from './state';
import { freshFaults } from './state';
import { selfSignedCert } from './tls';
import { AgentWsServer } from './ws-server';

/** randomCredentials: a fresh password, and no app-key or SAML login, for this run only. */
function toAgent(seed: SimAgentSeed, accountId: string, randomCredentials: boolean): AgentRecord {
  const extra = seed as SimAgentSeed & { samlAssertion?: unknown; skills?: unknown };
  const keepOtherLogins = !randomCredentials;
  return {
    username: seed.username,
    password: randomCredentials ? `${seed.username}-${randomBytes(18).toString('base64url')}` : seed.password,
    userId: seed.userId,
    pid: seed.pid ?? randomUUID(),
    legacyId: `${accountId}.${seed.userId}`,
    ...(seed.appKey && keepOtherLogins ? { appKey: seed.appKey } : {}),
    ...(typeof extra.samlAssertion === 'string' && keepOtherLogins ? { samlAssertion: extra.samlAssertion } : {}),
    ...(Array.isArray(extra.skills) ? { skills: extra.skills.map(String) } : {}),
  };
}

function demoOptions(o: SimulatorOptions['demoConsumers']): { everyMs: number; maxOpen: number; replyDelayMs: number } | null {
  if (!o) return null;
  const c = o === true ? {} : o;
  return { everyMs: c.everyMs ?? 8000, maxOpen: c.maxOpen ?? 3, replyDelayMs: c.replyDelayMs ?? 1500 };
}

/** lp-protocol.md §4: clients keep to 60 s (node-agent-sdk pings exactly then); a real server allows grace. */
const DEFAULT_IDLE_TIMEOUT_MS = 60_000 + 30_000;

export const startSimulator: StartSimulator = async (options: SimulatorOptions = {}) => {
  const accountId = options.accountId ?? DEMO_ACCOUNT.accountId;
  const tlsMaterial = options.tls ? await selfSignedCert() : null;
  const apiToken = httpApiToken(options.httpApi);
  const ctx: SimContext = {
    opts: {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      tls: !!options.tls,
      accountId,
      sessionTtlMs: options.sessionTtlMs ?? 8 * 3600_000,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      ringExpirationMs: options.ringExpirationMs ?? 72_000,
      reRingDelayMs: options.reRingDelayMs ?? 2000,
      resendRingsOnSubscribe: options.resendRingsOnSubscribe ?? true,
      fileUrlTtlMs: options.fileUrlTtlMs ?? 300_000,
      fileMaxBytes: options.fileMaxBytes ?? 25 * 1024 * 1024,
      queryMessagesCap: options.queryMessagesCap,
      clock: options.clock ?? realClock,
    },
    hostPort: '',
    agents: (options.agents ?? DEMO_ACCOUNT.agents).map((a) => toAgent(a, accountId, options.randomCredentials === true)),
    skills: (options.skills ?? DEMO_ACCOUNT.skills).map((s): SimSkillSeed => ({ ...s })),
    sessions: new Map(),
    sockets: new Map(),
    conversations: new Map(),
    files: new Map(),
    staticImages: new Map(),
    agentStates: new Map(),
    agentStateSince: new Map(),
    colleagues: new Map(),
    events: new SimEventHub(),
    faults: freshFaults(),
    requests: [],
    loginCounts: new Map(),
    refreshCounts: new Map(),
    logoutCounts: new Map(),
    nextSocketId: 1,
    closed: false,
    log: makeLogger(options.log),
    idp: createIdpState({ accountId, ...(options.idp?.assertionTtlMs !== undefined ? { assertionTtlMs: options.idp.assertionTtlMs } : {}) }),
  };

  const wsServer = new AgentWsServer(ctx);
  const connections = new Set<Socket>();
  const destroyConnections = (): void => { for (const c of connections) c.destroy(); connections.clear(); };
  const faults = createFaults(ctx, destroyConnections);

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (ctx.faults.down || ctx.closed) { req.socket.destroy(); return; }
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    ctx.log(`HTTP ${method} ${redact(path)}`);
    if (handleCsds(ctx, method, path, res)) return;
    if (handleLogin(ctx, method, path, req, res)) return;
    if (handleIdp(ctx, method, path, req, res)) return;
    if (handleSkills(ctx, method, path, req, res)) return;
    if (handleFileHttp(ctx, method, url, req, res)) return;
    if (handleStaticImage(ctx, method, path, res)) return;
    if (handleAgentStatus(ctx, method, path, req, res)) return;
    if (handleSimHttp(ctx, apiToken, faults, method, path, req, res)) return;
    if (path === '/' && method === 'GET') {
      sendJson(res, 200, { name: 'LivePerson simulator', accountId, csdsUrl: baseUrl, ...(apiToken ? { consumerApi: '/sim/consumer/conversations', faultApi: '/sim/faults/{fault}' } : {}) });
      return;
    }
    sendJson(res, 404, { error: `No route for ${method} ${path}` });
  };

  const server: Server = tlsMaterial ? createHttpsServer({ cert: tlsMaterial.cert, key: tlsMaterial.key }, onRequest) : createHttpServer(onRequest);
  server.on('connection', (s: Socket) => {
    if (ctx.faults.down || ctx.closed) { s.destroy(); return; }
    connections.add(s);
    s.on('close', () => connections.delete(s));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (ctx.faults.down || ctx.closed) { socket.destroy(); return; }
    wsServer.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_e, socket) => { socket.destroy(); });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(ctx.opts.port, ctx.opts.host, () => { server.off('error', reject); resolve(); });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : ctx.opts.port;
  const hostForUrl = ctx.opts.host.includes(':') ? `[${ctx.opts.host}]` : ctx.opts.host;
  ctx.hostPort = `${hostForUrl}:${port}`;
  const baseUrl = `${tlsMaterial ? 'https' : 'http'}://${ctx.hostPort}`;
  ctx.idp.issuer = `${baseUrl}/idp`;
  // Default assertion-consumer URL: the login service the assertion body goes to (lp-protocol.md §2).
  ctx.idp.acsUrl = options.idp?.acsUrl ?? `${baseUrl}/api/account/${encodeURIComponent(accountId)}/login`;

  if (options.colleagues) {
    // Every seeded agent but the first is played by the simulator: ONLINE from the start (§9 agent status).
    const acceptAfterMs = options.colleagues === true ? 4_000 : options.colleagues.acceptAfterMs ?? 4_000;
    for (const a of ctx.agents.slice(1)) {
      ctx.colleagues.set(a.username, acceptAfterMs);
      ctx.agentStates.set(a.username, 'ONLINE');
      ctx.agentStateSince.set(a.username, ctx.opts.clock.now());
    }
  }
  const demo = demoOptions(options.demoConsumers);
  const demoConsumers = demo ? new DemoConsumers(ctx, demo) : null;
  demoConsumers?.start();
  ctx.log(`simulator listening on ${baseUrl} (account ${accountId})`);

  const sim: Simulator = {
    accountId,
    baseUrl,
    csdsUrl: baseUrl,
    host: ctx.hostPort,
    ...(tlsMaterial ? { tls: { cert: tlsMaterial.cert } } : {}),
    agents: ctx.agents.map((a) => ({ username: a.username, password: a.password, userId: a.userId, pid: a.pid })),
    skills: ctx.skills,
    consumers: createConsumerApi(ctx),
    ...(apiToken ? { httpApi: { token: apiToken } } : {}),
    faults,
    idp: {
      signInUrl: `${baseUrl}${IDP_PATH}`,
      get acsUrl() { return ctx.idp.acsUrl; },
      issuer: ctx.idp.issuer,
      audience: ctx.idp.audience,
      issueAs: (mode) => { ctx.idp.mode = mode; },
      issue: (username, mode = 'valid') => issueResponse(ctx.idp, username, ctx.opts.clock.now(), mode),
    },
    inspect: createInspect(ctx),
    serveImage: (name, bytes, contentType = 'image/png') => {
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new Error(`serveImage: bad name ${JSON.stringify(name)}`);
      ctx.staticImages.set(name, { bytes: Buffer.from(bytes), contentType });
      return `${baseUrl}${STATIC_IMAGE_PREFIX}${name}`;
    },
    on: (event, listener) => ctx.events.on(event, listener),
    waitFor: (event, predicate, timeoutMs) => ctx.events.waitFor(event, predicate, timeoutMs),
    close: async () => {
      if (ctx.closed) return;
      ctx.closed = true;
      demoConsumers?.stop();
      const clock = ctx.opts.clock;
      for (const s of ctx.sessions.values()) { clock.clearTimeout(s.timer); s.timer = null; }
      for (const c of ctx.conversations.values()) {
        clock.clearTimeout(c.reRingTimer);
        for (const r of c.rings) clock.clearTimeout(r.timer);
      }
      for (const s of [...ctx.sockets.values()]) terminateSocket(ctx, s);
      wsServer.close();
      destroyConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      ctx.log('simulator closed');
    },
  };
  return sim;
};
