/**
 * The guard of the simulator's own HTTP API (src-main/simulator/sim-http.ts): off unless asked; then a
 * per-run token, a loopback Host and a JSON content type. Raw node:http requests, so Host can be set.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startSimulator, type Simulator } from '../../src-main/simulator';
import { login, postJson } from './helpers';

interface Raw { method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }

function raw(sim: Simulator, r: Raw): Promise<{ status: number; text: string }> {
  const url = new URL(sim.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: r.method ?? 'GET', path: r.path, headers: r.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

const OPEN = '/sim/consumer/conversations';
const port = (sim: Simulator): string => new URL(sim.baseUrl).port;
const good = (sim: Simulator): Record<string, string> => ({ Host: `127.0.0.1:${port(sim)}`, Authorization: `Bearer ${sim.httpApi?.token ?? ''}`, 'Content-Type': 'application/json' });
const openBody = JSON.stringify({ skillId: '12', text: 'injected?', firstName: 'Mallory' });

describe('simulator HTTP API guard', () => {
  it('is off unless asked: every /sim/ path is 404 and the root names no API', async () => {
    const sim = await startSimulator();
    try {
      expect(sim.httpApi).toBeUndefined();
      expect((await postJson(`${sim.baseUrl}${OPEN}`, { text: 'hi' })).status).toBe(404);
      expect((await raw(sim, { path: '/sim/faults/reset', method: 'POST' })).status).toBe(404);
      expect(sim.inspect.conversations()).toHaveLength(0);
      const root = (await (await fetch(sim.baseUrl)).json()) as Record<string, unknown>;
      expect(root.consumerApi).toBeUndefined();
    } finally { await sim.close(); }
  });

  it('POST without the token, or with a wrong one: 403, nothing opened', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const { Authorization: _a, ...noToken } = good(sim);
      const none = await raw(sim, { method: 'POST', path: OPEN, headers: noToken, body: openBody });
      expect(none.status).toBe(403);
      expect(none.text).toContain('Authorization: Bearer');
      expect((await raw(sim, { method: 'POST', path: OPEN, headers: { ...good(sim), Authorization: 'Bearer not-the-token-at-all' }, body: openBody })).status).toBe(403);
      expect((await raw(sim, { path: OPEN, headers: noToken })).status).toBe(403); // reading transcripts too
      expect(sim.inspect.conversations()).toHaveLength(0);
    } finally { await sim.close(); }
  });

  it('a Host other than 127.0.0.1 / localhost / [::1] with this port (DNS rebinding): 403, even with the token', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      for (const host of ['evil.example.com', `evil.example.com:${port(sim)}`, '127.0.0.1', `127.0.0.1:${Number(port(sim)) + 1}`]) {
        expect((await raw(sim, { method: 'POST', path: OPEN, headers: { ...good(sim), Host: host }, body: openBody })).status, host).toBe(403);
      }
      expect(sim.inspect.conversations()).toHaveLength(0);
      for (const host of [`localhost:${port(sim)}`, `[::1]:${port(sim)}`]) {
        expect((await raw(sim, { path: OPEN, headers: { ...good(sim), Host: host } })).status, host).toBe(200);
      }
    } finally { await sim.close(); }
  });

  it('a POST that is not application/json (a web page\'s text/plain form post): 415, nothing opened', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
        const headers = { ...good(sim), 'Content-Type': type };
        expect((await raw(sim, { method: 'POST', path: OPEN, headers, body: openBody })).status, type).toBe(415);
      }
      expect(sim.inspect.conversations()).toHaveLength(0);
    } finally { await sim.close(); }
  });

  it('with token, Host and JSON: works; defaults are the first skill and the default first message', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const opened = await raw(sim, { method: 'POST', path: OPEN, headers: { ...good(sim), 'Content-Type': 'application/json; charset=utf-8' }, body: openBody });
      expect(opened.status).toBe(201);
      const { conversationId } = JSON.parse(opened.text) as { conversationId: string };
      expect(sim.inspect.conversation(conversationId)?.skillId).toBe('12');
      const dflt = await raw(sim, { method: 'POST', path: OPEN, headers: good(sim), body: '' });
      expect(dflt.status).toBe(201);
      const id = (JSON.parse(dflt.text) as { conversationId: string }).conversationId;
      expect(sim.inspect.conversation(id)?.skillId).toBe(DEMO_ACCOUNT.skills[0]?.id);
      expect(sim.inspect.messages(id).map((m) => m.event.message)).toEqual(['Hi, I need some help please.']);
    } finally { await sim.close(); }
  });

  it('a token per run; a chosen token must be long enough', async () => {
    const [a, b] = [await startSimulator({ httpApi: true }), await startSimulator({ httpApi: true })];
    try {
      expect(a.httpApi?.token).toMatch(/^[A-Za-z0-9_-]{24,}$/);
      expect(a.httpApi?.token).not.toBe(b.httpApi?.token);
    } finally { await a.close(); await b.close(); }
    await expect(startSimulator({ httpApi: { token: 'short' } })).rejects.toThrow(/httpApi.token/);
    const chosen = await startSimulator({ httpApi: { token: 'a-chosen-token-0123456789' } });
    try {
      expect((await raw(chosen, { path: OPEN, headers: { ...good(chosen), Authorization: 'Bearer a-chosen-token-0123456789' } })).status).toBe(200);
    } finally { await chosen.close(); }
  });
});

describe('randomCredentials (demo mode)', () => {
  it('gives the demo agents a password that differs between two runs; the public one, app key and SAML are refused', async () => {
    const [a, b] = [await startSimulator({ randomCredentials: true }), await startSimulator({ randomCredentials: true })];
    try {
      const pa = a.agents[0]?.password ?? '';
      expect(pa).not.toBe(b.agents[0]?.password);
      expect(pa).not.toBe(DEMO_ACCOUNT.agents[0]?.password);
      expect(pa.length).toBeGreaterThanOrEqual(24);
      expect((await login(a, 'agent1', 'agent1-password')).status).toBe(401);
      expect((await login(a, 'agent1', pa)).status).toBe(200);
      const appKey = DEMO_ACCOUNT.agents[0]?.appKey;
      const url = `${a.baseUrl}/api/account/${a.accountId}/login?v=1.3`;
      expect((await postJson(url, { username: 'agent1', ...appKey })).status).toBe(401);
      expect((await postJson(url, { assertion: 'agent1-saml-assertion' })).status).not.toBe(200);
    } finally { await a.close(); await b.close(); }
  });
});
