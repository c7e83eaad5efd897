/**
 * The desktop transport's failures in plain words, each produced for real (issue 11 item 4): squid
 * inspecting TLS with a root this computer does not trust (the issuer named), the same root added
 * in Settings (REST through the session's certificate verify proc, the socket through its trust
 * list: online, and Diagnostics names the issuer the socket was shown), squid refusing the
 * destination (403 to CONNECT), squid not running, an expired certificate, one for another host.
 * On the stand-in's model of Electron's session network (test/electron-standin/electron/proxy.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAgentSession, type AgentSession } from '../../src-main/lp/index';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import { createNetworkPhase, type NetworkPhase } from '../../src-main/desktop/network/network-phase';
import { DEFAULT_SETTINGS } from '../../src-preload/api';
import { StandinNetwork } from '../electron-standin/electron/proxy';
import { makeCa, makeLeaf, type TestCa } from './pki';
import { startSquid, type Squid } from './squid';

let tmp: string;
let corpCa: TestCa;
const cleanups: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'lp-desk-err-'));
  corpCa = await makeCa('Test Corp Inspection Root', tmp);
}, 60_000);
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f().catch(() => undefined);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function sim(tls = false): Promise<Simulator> {
  const s = await startSimulator({ tls });
  cleanups.push(() => s.close());
  return s;
}
async function squid(opts: Parameters<typeof startSquid>[0]): Promise<Squid> {
  const s = await startSquid(opts);
  cleanups.push(() => s.close());
  return s;
}

async function phaseFor(opts: { proxy?: Squid; added?: string[]; systemCa?: string }): Promise<NetworkPhase> {
  const env: NodeJS.ProcessEnv = opts.systemCa ? { STANDIN_SYSTEM_CA: opts.systemCa } : {};
  const network = new StandinNetwork(env, () => false);
  const phase = createNetworkPhase({ session: network, addedCertificates: () => opts.added ?? [], log: () => undefined });
  await phase.apply(opts.proxy
    ? { ...DEFAULT_SETTINGS, proxyMode: 'manual', proxyUrl: `127.0.0.1:${opts.proxy.port}`, proxyBypass: '<-loopback>' }
    : { ...DEFAULT_SETTINGS, proxyMode: 'none' });
  return phase;
}

function session(s: Simulator | { accountId: string; csdsUrl: string }, phase: NetworkPhase): AgentSession {
  const a = 'agents' in s ? s.agents[0]! : { username: 'a', password: 'b' };
  const session = createAgentSession({ account: { accountId: s.accountId, csdsUrl: s.csdsUrl }, credentials: { kind: 'password', username: a.username, password: a.password }, transport: phase.transport });
  cleanups.push(() => session.stop({ logout: false }));
  void session.start().catch(() => undefined);
  return session;
}

function lastError(s: AgentSession, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const check = (e: string | undefined): boolean => {
      if (e !== undefined && pattern.test(e)) { resolve(e); return true; }
      return false;
    };
    if (check(s.snapshot().connection.lastError)) return;
    const off = s.on('connection', (c) => { if (check(c.lastError)) off(); });
  });
}

function online(s: AgentSession): Promise<void> {
  return new Promise((resolve) => {
    if (s.snapshot().connection.phase === 'online') { resolve(); return; }
    const off = s.on('connection', (c) => { if (c.phase === 'online') { off(); resolve(); } });
  });
}

async function tlsServer(cert: { cert: string; key: string }): Promise<string> {
  const server: Server = createHttpsServer({ cert: cert.cert, key: cert.key }, (_req, res) => res.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('desktop network errors, for real', { timeout: 120_000 }, () => {
  it('TLS inspection by an untrusted root names its issuer; trusting it (Settings) brings REST and the socket online and Diagnostics names it', async () => {
    const s = await sim(true);
    const simCa = join(tmp, `sim-${new URL(s.csdsUrl).port}.pem`);
    await writeFile(simCa, s.tls!.cert);
    const p = await squid({ bump: { ca: corpCa, upstreamCaFile: simCa } });

    const refused = session(s, await phaseFor({ proxy: p }));
    const msg = await lastError(refused, /certificate/);
    expect(msg).toContain('the connection is inspected with a certificate this computer does not trust: Test Corp Inspection Root, Test Corp');
    await refused.stop({ logout: false });

    const phase = await phaseFor({ proxy: p, added: [corpCa.cert] });
    const trusted = session(s, phase);
    await online(trusted);
    expect(phase.socketIssuer()).toBe('Test Corp Inspection Root, Test Corp');
    expect(phase.socketRoute()).toBe(`PROXY 127.0.0.1:${p.port}`);
    // bumped: squid saw the requests inside TLS
    expect(await p.accessLog()).toMatch(new RegExp(`GET https://127\\.0\\.0\\.1:${new URL(s.csdsUrl).port}/`));
  });

  it('says the proxy blocks LivePerson when squid answers 403 to CONNECT', async () => {
    const s = await sim();
    const p = await squid({ denyPorts: [Number(new URL(s.csdsUrl).port)] });
    expect(await lastError(session(s, await phaseFor({ proxy: p })), /proxy/)).toContain("your network's proxy blocks LivePerson");
    expect(await p.accessLog()).toContain('TCP_DENIED/403');
  });

  it('says the proxy cannot be reached', async () => {
    const s = await sim();
    const p = await squid({});
    await p.stop();
    expect(await lastError(session(s, await phaseFor({ proxy: p })), /proxy/)).toContain('the proxy cannot be reached; check the proxy setting, or ask IT');
  });

  it('names an expired certificate and one for another host name', async () => {
    const systemCa = join(tmp, 'corp-as-os-store.pem');
    await writeFile(systemCa, corpCa.cert);
    const expired = await tlsServer(await makeLeaf(corpCa, '127.0.0.1', -1));
    const e = await lastError(session({ accountId: '123', csdsUrl: expired }, await phaseFor({ systemCa })), /certificate/);
    expect(e).toContain("the server's certificate has expired or is not valid yet (ERR_CERT_DATE_INVALID) (127.0.0.1, issued by Test Corp Inspection Root, Test Corp, valid until");
    const wrongHost = await tlsServer(await makeLeaf(corpCa, 'intranet.example'));
    const h = await lastError(session({ accountId: '123', csdsUrl: wrongHost }, await phaseFor({ systemCa })), /certificate/);
    expect(h).toContain("the server's certificate is for another host name (ERR_CERT_COMMON_NAME_INVALID) (it was issued to intranet.example by Test Corp Inspection Root, Test Corp)");
  });
});
