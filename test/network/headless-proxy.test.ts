/**
 * Headless mode behind a real corporate proxy (issue 11 items 4–5): squid with basic
 * authentication, squid inspecting TLS with a test root CA, squid refusing the destination;
 * the agent signs in, takes a ring and chats through it, and squid's access log proves it.
 * Each failure is produced for real and its plain-words message asserted.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import type { ChatMessage, ConnectionState, Ring } from '../../src-main/lp/index';
import { HeadlessChild } from '../headless/child';
import { makeCa, makeLeaf, type TestCa } from './pki';
import { startSquid, type Squid } from './squid';

const USER = 'agent.proxy';
const PASS = 'p@ss word%';
const credsInUrl = `${encodeURIComponent(USER)}:${encodeURIComponent(PASS)}`;

let tmp: string;
let corpCa: TestCa;
const children: HeadlessChild[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'lp-net-test-'));
  corpCa = await makeCa('Test Corp Inspection Root', tmp);
});
afterEach(async () => {
  for (const c of children.splice(0)) c.kill();
  for (const f of cleanups.splice(0).reverse()) await f().catch(() => undefined);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function sim(opts: { tls?: boolean } = {}): Promise<Simulator> {
  const s = await startSimulator({ ...opts });
  cleanups.push(() => s.close());
  return s;
}

async function squid(opts: Parameters<typeof startSquid>[0]): Promise<Squid> {
  const s = await startSquid(opts);
  cleanups.push(() => s.close());
  return s;
}

function agent(s: Simulator, args: string[], env: Record<string, string> = {}): HeadlessChild {
  const a = s.agents[0]!;
  const c = new HeadlessChild(['--account', s.accountId, '--csds', s.csdsUrl, ...args], { LP_USERNAME: a.username, LP_PASSWORD: a.password, ...env });
  children.push(c);
  return c;
}

const portOf = (url: string): string => new URL(url).port;

/** Sign in, take a ring, chat both ways; exactly once each. */
async function chatThrough(s: Simulator, c: HeadlessChild): Promise<void> {
  await c.event<ConnectionState>('connection', (st) => st.phase === 'online');
  const consumer = await s.consumers.open({ text: 'Hello from behind the proxy', firstName: 'Pat' });
  const ring = await c.event<Ring>('ring/offered', (r) => r.conversationId === consumer.conversationId);
  expect((await c.command({ id: 'acc', cmd: 'accept', ringId: ring.ringId })).ok).toBe(true);
  expect((await c.command({ id: 'snd', cmd: 'send', conversationId: consumer.conversationId, text: 'Hi Pat, through the proxy.' })).ok).toBe(true);
  await consumer.nextAgentMessage((m) => m.event.message === 'Hi Pat, through the proxy.');
  await consumer.send('Great, thanks');
  await c.event<ChatMessage>('message', (m) => !m.own && m.text === 'Great, thanks');
}

/** The connection's plain-words error (also written to stderr). */
async function failure(c: HeadlessChild, pattern: RegExp): Promise<string> {
  const st = await c.event<ConnectionState>('connection', (x) => typeof x.lastError === 'string' && pattern.test(x.lastError));
  return st.lastError ?? '';
}

async function tlsServer(cert: { cert: string; key: string }): Promise<string> {
  const server: Server = createHttpsServer({ cert: cert.cert, key: cert.key }, (_req, res) => res.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('headless behind squid', { timeout: 90_000 }, () => {
  it('signs in, takes a ring and chats through CONNECT with basic authentication (--proxy, percent-encoded credentials)', async () => {
    const s = await sim();
    const p = await squid({ auth: { username: USER, password: PASS } });
    const c = agent(s, ['--proxy', `http://${credsInUrl}@127.0.0.1:${p.port}`]);
    await chatThrough(s, c);
    const log = await p.accessLog();
    // REST and the socket both tunnelled, as the authenticated user
    expect(log).toMatch(new RegExp(`CONNECT 127\\.0\\.0\\.1:${portOf(s.csdsUrl)} ${USER.replace('.', '\\.')}`));
    expect(log.match(/TCP_TUNNEL\/200 \d+ CONNECT/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('takes the proxy from HTTP_PROXY (lower case too) and proxies loopback when NO_PROXY is empty', async () => {
    const s = await sim();
    const p = await squid({});
    const c = agent(s, [], { http_proxy: p.url, NO_PROXY: '' });
    await chatThrough(s, c);
    expect(await p.accessLog()).toContain(`CONNECT 127.0.0.1:${portOf(s.csdsUrl)}`);
  });

  it('goes direct for a host NO_PROXY names', async () => {
    const s = await sim();
    const p = await squid({});
    const c = agent(s, [], { HTTP_PROXY: p.url, no_proxy: 'example.com,127.0.0.1' });
    await c.event<ConnectionState>('connection', (st) => st.phase === 'online');
    expect(await p.accessLog()).toBe('');
  });

  it('works through TLS inspection when the corporate root is trusted (--ca), and says whose certificate is untrusted otherwise', async () => {
    const s = await sim({ tls: true });
    const simCa = join(tmp, `sim-${portOf(s.csdsUrl)}.pem`);
    await writeFile(simCa, s.tls!.cert);
    const p = await squid({ bump: { ca: corpCa, upstreamCaFile: simCa } });

    const untrusted = agent(s, ['--proxy', p.url]);
    // the core's classifier (network-errors.ts): not retried, exit 4
    const msg = await failure(untrusted, /not trusted/);
    expect(msg).toContain("the server's certificate is not trusted");
    // the issuer of the inspecting certificate is named (issue 11 item 4)
    expect(msg).toContain('the connection is inspected with a certificate this computer does not trust: Test Corp Inspection Root, Test Corp');
    expect(untrusted.stderr.join('\n')).toContain('not trusted');
    expect(await untrusted.exited).toBe(4);

    const c = agent(s, ['--proxy', p.url, '--ca', corpCa.certPath]);
    await chatThrough(s, c);
    // bumped: squid saw the requests inside TLS, not just a tunnel
    expect(await p.accessLog()).toMatch(new RegExp(`GET https://127\\.0\\.0\\.1:${portOf(s.csdsUrl)}/`));
  });

  it('says the proxy blocks LivePerson when squid answers 403 to CONNECT', async () => {
    const s = await sim();
    const p = await squid({ denyPorts: [Number(portOf(s.csdsUrl))] });
    const c = agent(s, ['--proxy', p.url]);
    expect(await failure(c, /proxy/)).toContain("your network's proxy blocks LivePerson");
    expect(await p.accessLog()).toContain('TCP_DENIED/403');
  });

  it('says the proxy cannot be reached', async () => {
    const s = await sim();
    const p = await squid({});
    await p.stop();
    const c = agent(s, ['--proxy', p.url]);
    expect(await failure(c, /proxy/)).toMatch(new RegExp(`the proxy http://127\\.0\\.0\\.1:${p.port} cannot be reached \\(ECONNREFUSED\\)`));
  });

  it('says the proxy refused a wrong password; the right one then works', async () => {
    const s = await sim();
    const p = await squid({ auth: { username: USER, password: PASS } });
    const wrong = agent(s, ['--proxy', `http://${encodeURIComponent(USER)}:nope@127.0.0.1:${p.port}`]);
    expect(await failure(wrong, /proxy/)).toContain('refused the user name and password (407)');
    wrong.kill();
    const none = agent(s, ['--proxy', p.url]);
    expect(await failure(none, /proxy/)).toContain('asks for a user name and password (407)');
    none.kill();
    await chatThrough(s, agent(s, ['--proxy', `http://${credsInUrl}@127.0.0.1:${p.port}`]));
  });

  it('names an expired certificate and a host-name mismatch', async () => {
    const s = await sim();
    const expired = await tlsServer(await makeLeaf(corpCa, '127.0.0.1', -1));
    const c1 = new HeadlessChild(['--account', s.accountId, '--csds', expired, '--ca', corpCa.certPath], { LP_USERNAME: 'a', LP_PASSWORD: 'b' });
    children.push(c1);
    expect(await failure(c1, /certificate/)).toContain("the server's certificate has expired or is not valid yet");
    const wrongHost = await tlsServer(await makeLeaf(corpCa, 'intranet.example'));
    const c2 = new HeadlessChild(['--account', s.accountId, '--csds', wrongHost, '--ca', corpCa.certPath], { LP_USERNAME: 'a', LP_PASSWORD: 'b' });
    children.push(c2);
    expect(await failure(c2, /certificate/)).toContain("the server's certificate is for another host name");
  });

  it('reconnects when a killed proxy comes back, every message exactly once', async () => {
    const s = await sim();
    const p = await squid({ auth: { username: USER, password: PASS } });
    const c = agent(s, ['--proxy', `http://${credsInUrl}@127.0.0.1:${p.port}`]);
    await chatThrough(s, c);
    const conv = s.inspect.conversations()[0]!;
    const consumer = s.consumers.get(conv.conversationId)!;
    const from = c.mark();
    await p.stop();
    await c.event<ConnectionState>('connection', (st) => st.phase === 'reconnecting', from);
    const sent = await c.command({ id: 'off', cmd: 'send', conversationId: conv.conversationId, text: 'typed while the proxy was down' });
    expect(sent.ok).toBe(true);
    await consumer.send('said while the proxy was down');
    await p.start();
    await c.event<ConnectionState>('connection', (st) => st.phase === 'online', from);
    await consumer.nextAgentMessage((m) => m.event.message === 'typed while the proxy was down');
    // the consumer's line said meanwhile arrives live or with the history fetched on reconnect
    await c.next((l) => l.type === 'event'
      && ((l.event === 'message' && (l.data as ChatMessage).text === 'said while the proxy was down')
        || (l.event === 'history' && (l.data as { messages: ChatMessage[] }).messages.some((m) => m.text === 'said while the proxy was down'))),
    'the consumer line said while the proxy was down', 30_000, from);
    const texts = s.inspect.messages(conv.conversationId).map((m) => m.event.message);
    expect(texts.filter((t) => t === 'typed while the proxy was down')).toHaveLength(1);
    expect(texts.filter((t) => t === 'Hi Pat, through the proxy.')).toHaveLength(1);
  });
});

describe('headless proxy and certificate input', { timeout: 60_000 }, () => {
  async function usage(args: string[], env: Record<string, string> = {}): Promise<string> {
    const c = new HeadlessChild(['--account', '1', '--username', 'u', ...args], { LP_PASSWORD: 'x', ...env });
    children.push(c);
    expect(await c.exited).toBe(2);
    return c.stderr.join('\n');
  }

  it.each([
    [['--proxy', 'ftp://proxy:21'], /scheme "ftp:" is not supported/],
    [['--proxy', 'http://proxy:3128/path?q=1'], /only scheme, host and port/],
    [['--proxy', 'http://'], /not a valid URL|no host/],
    [['--proxy', `http://${'a'.repeat(5000)}:1`], /too long/],
    [['--proxy', 'http://u:%E0%A4%A@proxy:1'], /badly percent-encoded/],
  ])('refuses --proxy %j with a clear message', async (args, pattern) => {
    expect(await usage(args)).toMatch(pattern);
  });

  it('refuses a malformed HTTPS_PROXY naming the variable, without echoing its credentials', async () => {
    const err = await usage([], { HTTPS_PROXY: 'gopher://secret-user:secret-pass@proxy:70' });
    expect(err).toContain('HTTPS_PROXY: the proxy URL scheme "gopher:" is not supported');
    expect(err).not.toContain('secret-pass');
  });

  it('refuses --ca files that are not certificates, hold a private key, or are huge', async () => {
    const files: Array<[string, string, string]> = [
      ['not.pem', 'hello', 'holds no PEM certificate'],
      ['key.pem', `${corpCa.cert}\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`, 'holds a private key'],
      ['broken.pem', '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n', 'certificate 1 is not a valid X.509 certificate'],
      ['huge.pem', 'x'.repeat(2 * 1024 * 1024), 'too large'],
    ];
    await Promise.all(files.map(([name, text]) => writeFile(join(tmp, name), text)));
    const errors = await Promise.all([
      ...files.map(([name]) => usage(['--ca', join(tmp, name)])),
      usage(['--ca', join(tmp, 'missing.pem')]),
    ]);
    files.forEach(([, , expected], i) => expect(errors[i]).toContain(expected));
    expect(errors[files.length]).toContain(`cannot read CA file ${join(tmp, 'missing.pem')} (ENOENT)`);
  });
});
