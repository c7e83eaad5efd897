/**
 * The desktop transport (src-main/desktop/network) behind real squid, on the stand-in's model of
 * Electron's session network (test/electron-standin/electron/proxy.ts: setProxy with fixed_servers
 * and `<-loopback>`, pac_script, resolveProxy, fetch with the 'login' event): REST through the
 * session's fetch, the socket through the proxy resolveProxy names; one credentials store for both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentSession, type AgentSession, type ChatMessage } from '../../src-main/lp/index';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import { createNetworkPhase } from '../../src-main/desktop/network/network-phase';
import { createProxyCredentialStore, type ProxyCredentials } from '../../src-main/desktop/network/proxy-credentials';
import { DEFAULT_SETTINGS } from '../../src-preload/api';
import { StandinNetwork } from '../electron-standin/electron/proxy';
import { startSquid, type Squid } from './squid';

const USER = 'desk.agent';
const PASS = 'pr0xy: pass';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f().catch(() => undefined);
});

async function setUp(answers: Array<ProxyCredentials | undefined>): Promise<{ sim: Simulator; squid: Squid; prompts: Array<{ proxy: string; wrong: boolean }>; network: StandinNetwork; session: (proxyMode?: 'manual') => Promise<AgentSession> }> {
  const sim = await startSimulator({});
  cleanups.push(() => sim.close());
  const squid = await startSquid({ auth: { username: USER, password: PASS } });
  cleanups.push(() => squid.close());
  const prompts: Array<{ proxy: string; wrong: boolean }> = [];
  const store = createProxyCredentialStore(async (proxy, wrong) => {
    prompts.push({ proxy, wrong });
    return answers.shift();
  });
  // Electron's app 'login' event for the session's fetch, answered by the same store as the socket
  const network = new StandinNetwork({}, (authInfo, callback) => {
    let handled = false;
    store.onLogin({ preventDefault: () => { handled = true; } }, null, {}, authInfo, callback);
    return handled;
  });
  const phase = createNetworkPhase({ session: network, addedCertificates: () => [], credentials: store, log: () => undefined });
  await phase.apply({ ...DEFAULT_SETTINGS, proxyMode: 'manual', proxyUrl: `127.0.0.1:${squid.port}`, proxyBypass: '<-loopback>' });
  return {
    sim, squid, prompts, network,
    session: async () => {
      const a = sim.agents[0]!;
      const s = createAgentSession({ account: { accountId: sim.accountId, csdsUrl: sim.csdsUrl }, credentials: { kind: 'password', username: a.username, password: a.password }, transport: phase.transport });
      cleanups.push(() => s.stop({ logout: false }));
      await s.start();
      return s;
    },
  };
}

function online(s: AgentSession): Promise<void> {
  return new Promise<void>((resolve) => {
    if (s.snapshot().connection.phase === 'online') resolve();
    const off = s.on('connection', (c) => { if (c.phase === 'online') { off(); resolve(); } });
  });
}

function until<T>(s: AgentSession, event: 'message', pred: (m: ChatMessage) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = s.on(event, (m) => {
      if (pred(m)) { off(); resolve(m as T); }
    });
  });
}

describe('desktop transport behind squid (stand-in session network)', { timeout: 90_000 }, () => {
  it('signs in, takes a ring and chats through CONNECT with one credentials prompt for REST and the socket', async () => {
    const { sim, squid, prompts, session } = await setUp([{ username: USER, password: PASS }]);
    const s = await session();
    await online(s);
    const consumer = await sim.consumers.open({ text: 'Desktop behind a proxy', firstName: 'Dee' });
    const ring = await new Promise<{ ringId: string }>((resolve) => {
      const found = s.snapshot().rings.find((r) => r.conversationId === consumer.conversationId);
      if (found) resolve(found);
      const off = s.on('ring/offered', (r) => { if (r.conversationId === consumer.conversationId) { off(); resolve(r); } });
    });
    await s.acceptRing(ring.ringId);
    s.sendText(consumer.conversationId, 'Hello Dee, via the proxy');
    await consumer.nextAgentMessage((m) => m.event.message === 'Hello Dee, via the proxy');
    const heard = until<ChatMessage>(s, 'message', (m) => !m.own && m.text === 'Thanks!');
    await consumer.send('Thanks!');
    await heard;
    expect(prompts).toEqual([{ proxy: `http://127.0.0.1:${squid.port}`, wrong: false }]);
    const log = await squid.accessLog();
    expect(log).toMatch(new RegExp(`TCP_TUNNEL/200 \\d+ CONNECT 127\\.0\\.0\\.1:${new URL(sim.csdsUrl).port} desk\\.agent`));
  });

  it('says a wrong proxy password was wrong and asks again, once; the right one then works', async () => {
    const { prompts, session, squid } = await setUp([{ username: USER, password: 'wrong' }, { username: USER, password: PASS }]);
    const s = await session();
    await online(s);
    expect(prompts.map((p) => p.wrong)).toEqual([false, true]);
    expect(prompts.every((p) => p.proxy === `http://127.0.0.1:${squid.port}`)).toBe(true);
  });

  it('a cancelled prompt is not shown again and the failure says the proxy wants credentials', async () => {
    const { prompts, session } = await setUp([undefined]);
    const s = await session();
    const state = s.snapshot().connection;
    expect(state.phase).not.toBe('online');
    expect(state.lastError).toMatch(/proxy .* (asks for|refused) a? ?(the )?user name and password|ERR_PROXY_AUTH|proxy asks for a user name and password/);
    expect(prompts).toHaveLength(1);
  });
});

describe('stand-in session network model', () => {
  it('resolves fixed rules with the implicit loopback bypass, <-loopback>, bypass lists and PAC scripts', async () => {
    const n = new StandinNetwork({}, () => false);
    await n.setProxy({ proxyRules: 'http=p1:3128;https=p2:3129', proxyBypassRules: '*.corp.example' });
    expect(await n.resolveProxy('https://lp.example/')).toBe('PROXY p2:3129');
    expect(await n.resolveProxy('http://lp.example/')).toBe('PROXY p1:3128');
    expect(await n.resolveProxy('https://127.0.0.1:8080/')).toBe('DIRECT');
    expect(await n.resolveProxy('https://intranet.corp.example/')).toBe('DIRECT');
    await n.setProxy({ mode: 'fixed_servers', proxyRules: 'socks5://s:1080', proxyBypassRules: '<-loopback>' });
    expect(await n.resolveProxy('https://127.0.0.1:8080/')).toBe('SOCKS5 s:1080');
    const pac = 'function FindProxyForURL(url, host) { return shExpMatch(host, "*.liveperson.net") ? "PROXY pac-proxy:8080; DIRECT" : "DIRECT"; }';
    await n.setProxy({ mode: 'pac_script', pacScript: `data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(pac).toString('base64')}` });
    expect(await n.resolveProxy('https://va.agentvep.liveperson.net/')).toBe('PROXY pac-proxy:8080; DIRECT');
    expect(await n.resolveProxy('https://example.com/')).toBe('DIRECT');
  });
});
