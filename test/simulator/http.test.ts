import { describe, expect, it } from 'vitest';
import { createManualClock, DEMO_ACCOUNT, startSimulator } from '../../src-main/simulator';
import { login, postJson, RawClient, wsUrl } from './helpers';

describe('CSDS', () => {
  it('serves the all-services form with every service on the simulator host', async () => {
    const sim = await startSimulator();
    try {
      const res = await fetch(`${sim.csdsUrl}/api/account/${sim.accountId}/service/baseURI.json?version=1.0`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { baseURIs: Array<{ service: string; account: string; baseURI: string }> };
      const map = Object.fromEntries(body.baseURIs.map((e) => [e.service, e.baseURI]));
      for (const s of ['agentVep', 'asyncMessagingEnt', 'facadeMsg', 'accountConfigReadOnly', 'accountConfigReadWrite', 'msgHist']) expect(map[s]).toBe(sim.host);
      expect(body.baseURIs.every((e) => e.account === sim.accountId)).toBe(true);
      expect(sim.host).toMatch(/^127\.0\.0\.1:\d+$/);
      const old = await fetch(`${sim.csdsUrl}/csdr/account/${sim.accountId}/service/baseURI.json?version=1.0`);
      expect(old.status).toBe(200);
    } finally { await sim.close(); }
  });

  it('serves the single-service form and 404s unknown accounts and services', async () => {
    const sim = await startSimulator({ accountId: '123' });
    try {
      const one = await fetch(`${sim.csdsUrl}/api/account/123/service/agentVep/baseURI.json?version=1.0`);
      expect(await one.json()).toEqual({ service: 'agentVep', account: '123', baseURI: sim.host });
      expect((await fetch(`${sim.csdsUrl}/api/account/999/service/baseURI.json?version=1.0`)).status).toBe(404);
      expect((await fetch(`${sim.csdsUrl}/api/account/123/service/nope/baseURI.json?version=1.0`)).status).toBe(404);
    } finally { await sim.close(); }
  });
});

describe('login', () => {
  it('answers the §2 shape with a Session_id cookie (v=1.3 and v=1.2)', async () => {
    const sim = await startSimulator();
    try {
      const r = await login(sim, 'agent1', 'agent1-password');
      expect(r.status).toBe(200);
      expect(r.setCookie).toMatch(/Session_id=[^;]+/);
      const b = r.body as { csrf: string; wsuk: string; sessionTTl: unknown; bearer: string; config: Record<string, unknown>; csdsCollectionResponse: { baseURIs: unknown[] }; accountData: { agentGroupsData: { items: unknown[] } } };
      expect(typeof b.csrf).toBe('string');
      expect(typeof b.wsuk).toBe('string');
      expect(typeof b.bearer).toBe('string');
      expect(b.sessionTTl).toBe('28800000');
      expect(b.config).toMatchObject({ loginName: 'agent1', userId: '1000001', userPid: DEMO_ACCOUNT.agents[0]?.pid });
      expect(typeof b.config.serverCurrentTime).toBe('number');
      expect(b.csdsCollectionResponse.baseURIs.length).toBeGreaterThan(5);
      expect(b.accountData.agentGroupsData.items.length).toBe(1);
      expect((await login(sim, 'agent2', 'agent2-password', '1.2')).status).toBe(200);
      expect(sim.inspect.loginCount('agent1')).toBe(1);
      expect(sim.inspect.loginCount()).toBe(2);
    } finally { await sim.close(); }
  });

  it('401s wrong credentials with the agentVep error body, 400s malformed bodies', async () => {
    const sim = await startSimulator();
    try {
      const url = `${sim.baseUrl}/api/account/${sim.accountId}/login?v=1.3`;
      const bad = await postJson(url, { username: 'agent1', password: 'nope' });
      expect(bad.status).toBe(401);
      const err = JSON.parse(bad.text) as { error: { time: string; message: string; internalCode: number; responseStatus: string } };
      expect(err.error.responseStatus).toBe('UNAUTHORIZED');
      expect(typeof err.error.internalCode).toBe('number');
      expect(typeof err.error.time).toBe('string');
      expect((await postJson(url, '{not json')).status).toBe(400);
      expect((await postJson(url, { hello: 1 })).status).toBe(400);
      expect((await postJson(url, { username: 'agent1' })).status).toBe(400);
    } finally { await sim.close(); }
  });

  it('accepts the app-key and SAML bodies for configured agents and rejects others', async () => {
    const sim = await startSimulator();
    try {
      const url = `${sim.baseUrl}/api/account/${sim.accountId}/login?v=1.3`;
      const k = { username: 'agent1', appKey: 'agent1-app-key', secret: 'agent1-secret', accessToken: 'agent1-access-token', accessTokenSecret: 'agent1-access-token-secret' };
      expect((await postJson(url, k)).status).toBe(200);
      expect((await postJson(url, { ...k, secret: 'x' })).status).toBe(401);
      expect((await postJson(url, { ...k, username: 'agent2' })).status).toBe(401);
      const saml = await postJson(url, { assertion: 'agent1-saml-assertion', jwt: 'dummy' });
      expect(saml.status).toBe(200);
      expect((JSON.parse(saml.text) as { config: { loginName: string } }).config.loginName).toBe('agent1');
      expect((await postJson(url, { assertion: 'forged', jwt: 'dummy' })).status).toBe(401);
    } finally { await sim.close(); }
  });
});

describe('refresh and logout', () => {
  it('refresh needs the cookie and the csrf, answers 200 with an empty body and extends the bearer', async () => {
    const clock = createManualClock();
    const sim = await startSimulator({ clock, sessionTtlMs: 1000 });
    try {
      const r = await login(sim, 'agent1', 'agent1-password');
      const url = `${sim.baseUrl}/api/account/${sim.accountId}/refresh?v=1.3`;
      const noCookie = await postJson(url, { csrf: r.csrf });
      expect(noCookie.status).toBe(401);
      const e = JSON.parse(noCookie.text) as { error: { message: string; internalCode: number; responseStatus: string } };
      expect(e.error.message).toMatch(/CSRF token invalid/);
      expect(e.error.internalCode).toBe(10);
      expect((await postJson(url, { csrf: 'wrong' }, { Cookie: r.cookie })).status).toBe(401);
      clock.advance(800);
      const ok = await postJson(url, { csrf: r.csrf }, { Cookie: r.cookie });
      expect(ok.status).toBe(200);
      expect(ok.text).toBe('');
      expect(sim.inspect.refreshCount('agent1')).toBe(2); // the cookie-less attempt is nobody's
      clock.advance(800); // 1600 ms after login, 800 after refresh: still valid
      const ws = await RawClient.connect(wsUrl(sim, r.bearer));
      const closed = ws.closed;
      clock.advance(250); // past refresh + ttl
      expect((await closed).code).toBe(4401);
      await expect(RawClient.connect(wsUrl(sim, r.bearer))).rejects.toThrow(/401/);
      expect((await postJson(url, { csrf: r.csrf }, { Cookie: r.cookie })).status).toBe(401);
    } finally { await sim.close(); }
  });

  it('logout checks csrf, invalidates the bearer and closes its sockets', async () => {
    const sim = await startSimulator();
    try {
      const r = await login(sim, 'agent1', 'agent1-password');
      const ws = await RawClient.connect(wsUrl(sim, r.bearer));
      const url = `${sim.baseUrl}/api/account/${sim.accountId}/logout`;
      expect((await postJson(url, { csrf: 'bad' }, { Cookie: r.cookie })).status).toBe(401);
      const ok = await postJson(url, { csrf: r.csrf }, { Cookie: r.cookie });
      expect(ok.status).toBe(200);
      expect((await ws.closed).code).toBe(4401);
      await expect(RawClient.connect(wsUrl(sim, r.bearer))).rejects.toThrow(/401/);
      const skills = await fetch(`${sim.baseUrl}/api/account/${sim.accountId}/configuration/le-users/skills?v=2.0`, { headers: { Authorization: `Bearer ${r.bearer}` } });
      expect(skills.status).toBe(401);
    } finally { await sim.close(); }
  });

  it('logoutCount counts logout requests per user (a bad csrf too; no cookie: nobody\'s), like refreshCount', async () => {
    const sim = await startSimulator();
    try {
      expect(sim.inspect.logoutCount()).toBe(0);
      const r1 = await login(sim, 'agent1', 'agent1-password');
      const r2 = await login(sim, 'agent2', 'agent2-password');
      const url = `${sim.baseUrl}/api/account/${sim.accountId}/logout`;
      expect((await postJson(url, { csrf: r1.csrf })).status).toBe(401); // no cookie
      expect(sim.inspect.logoutCount()).toBe(0);
      expect((await postJson(url, { csrf: 'bad' }, { Cookie: r1.cookie })).status).toBe(401);
      expect(sim.inspect.logoutCount('agent1')).toBe(1);
      expect((await postJson(url, { csrf: r1.csrf }, { Cookie: r1.cookie })).status).toBe(200);
      expect(sim.inspect.logoutCount('agent1')).toBe(2);
      expect(sim.inspect.logoutCount('agent2')).toBe(0);
      expect((await postJson(url, { csrf: r2.csrf }, { Cookie: r2.cookie })).status).toBe(200);
      expect(sim.inspect.logoutCount('agent2')).toBe(1);
      expect(sim.inspect.logoutCount()).toBe(3);
      // neither login nor refresh counts as a logout
      expect(sim.inspect.loginCount()).toBe(2);
      expect(sim.inspect.refreshCount()).toBe(0);
    } finally { await sim.close(); }
  });
});

describe('skills', () => {
  it('lists skills with a bearer, 401 without, one by id, 404 for an unknown id', async () => {
    const sim = await startSimulator();
    try {
      const base = `${sim.baseUrl}/api/account/${sim.accountId}/configuration/le-users/skills`;
      expect((await fetch(`${base}?v=2.0`)).status).toBe(401);
      expect((await fetch(`${base}?v=2.0`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
      const r = await login(sim, 'agent1', 'agent1-password');
      const auth = { headers: { Authorization: `Bearer ${r.bearer}` } };
      const res = await fetch(`${base}?v=2.0`, auth);
      expect(res.status).toBe(200);
      const list = (await res.json()) as Array<{ id: number; deleted: boolean; name: string }>;
      expect(list.map((s) => s.name)).toEqual(['Billing', 'Sales', 'Support', 'Tech']);
      expect(typeof list[0]?.id).toBe('number');
      expect(list[0]?.deleted).toBe(false);
      const one = (await (await fetch(`${base}/12?v=2.0`, auth)).json()) as { id: number; name: string };
      expect(one).toMatchObject({ id: 12, name: 'Sales' });
      expect((await fetch(`${base}/999?v=2.0`, auth)).status).toBe(404);
    } finally { await sim.close(); }
  });
});
