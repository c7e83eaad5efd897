import { describe, expect, it } from 'vitest';
import { createManualClock, startSimulator } from '../../src-main/simulator';
import { login, onlineAgent, postJson, RawClient, waitRing, wsUrl } from './helpers';

describe('faults', () => {
  it('dropSockets terminates without a close frame (1006); closeSockets uses the chosen code; filters by username', async () => {
    const sim = await startSimulator();
    try {
      const a = await RawClient.connect(wsUrl(sim, (await login(sim, 'agent1', 'agent1-password')).bearer));
      const b = await RawClient.connect(wsUrl(sim, (await login(sim, 'agent2', 'agent2-password')).bearer));
      expect(sim.faults.dropSockets({ username: 'agent1' })).toBe(1);
      expect((await a.closed).code).toBe(1006);
      expect(b.ws.readyState).toBe(b.ws.OPEN);
      expect(sim.faults.closeSockets(1011, 'boom')).toBe(1);
      expect(await b.closed).toEqual({ code: 1011, reason: 'boom' });
    } finally { await sim.close(); }
  });

  it('refuseLogins answers 401 / 500 bodies for the next N logins; delayLogins delays them', async () => {
    const sim = await startSimulator();
    try {
      const url = `${sim.baseUrl}/api/account/${sim.accountId}/login?v=1.3`;
      const creds = { username: 'agent1', password: 'agent1-password' };
      sim.faults.refuseLogins(1, 500);
      const r500 = await postJson(url, creds);
      expect(r500.status).toBe(500);
      expect(JSON.parse(r500.text)).toEqual({ error: 'LeLogin1 failed - invalid url received from app server' });
      sim.faults.refuseLogins(2);
      expect((await postJson(url, creds)).status).toBe(401);
      expect((await postJson(url, creds)).status).toBe(401);
      expect((await postJson(url, creds)).status).toBe(200);
      sim.faults.delayLogins(150);
      const t0 = Date.now();
      expect((await postJson(url, creds)).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
      sim.faults.delayLogins(0);
    } finally { await sim.close(); }
  });

  it('failRefresh fails the next N refreshes', async () => {
    const sim = await startSimulator();
    try {
      const r = await login(sim, 'agent1', 'agent1-password');
      const url = `${sim.baseUrl}/api/account/${sim.accountId}/refresh`;
      sim.faults.failRefresh(1);
      const bad = await postJson(url, { csrf: r.csrf }, { Cookie: r.cookie });
      expect(bad.status).toBe(401);
      expect(bad.text).toMatch(/CSRF token invalid/);
      sim.faults.failRefresh(1, 503);
      expect((await postJson(url, { csrf: r.csrf }, { Cookie: r.cookie })).status).toBe(503);
      expect((await postJson(url, { csrf: r.csrf }, { Cookie: r.cookie })).status).toBe(200);
    } finally { await sim.close(); }
  });

  it('expireTokens closes sockets with 4401 (or the given code) and the bearer stops working', async () => {
    const sim = await startSimulator();
    try {
      const r1 = await login(sim, 'agent1', 'agent1-password');
      const r2 = await login(sim, 'agent2', 'agent2-password');
      const a = await RawClient.connect(wsUrl(sim, r1.bearer));
      const b = await RawClient.connect(wsUrl(sim, r2.bearer));
      sim.faults.expireTokens({ username: 'agent1' });
      expect((await a.closed).code).toBe(4401);
      expect(b.ws.readyState).toBe(b.ws.OPEN);
      await expect(RawClient.connect(wsUrl(sim, r1.bearer))).rejects.toThrow('HTTP 401');
      sim.faults.expireTokens({ closeCode: 1011 });
      expect((await b.closed).code).toBe(1011);
    } finally { await sim.close(); }
  });

  it('refuseUpgrades fails the next N upgrades with the chosen HTTP status', async () => {
    const sim = await startSimulator();
    try {
      const r = await login(sim, 'agent1', 'agent1-password');
      sim.faults.refuseUpgrades(1);
      await expect(RawClient.connect(wsUrl(sim, r.bearer))).rejects.toThrow('HTTP 502');
      sim.faults.refuseUpgrades(1, 503);
      await expect(RawClient.connect(wsUrl(sim, r.bearer))).rejects.toThrow('HTTP 503');
      const ok = await RawClient.connect(wsUrl(sim, r.bearer));
      ok.close();
    } finally { await sim.close(); }
  });

  it('delayResponses applies the action at once and answers later; dropResponses applies it and never answers', async () => {
    const clock = createManualClock();
    const sim = await startSimulator({ clock });
    try {
      const { client: c } = await onlineAgent(sim);
      await sim.consumers.open();
      const ring = await waitRing(c, (r) => r.ringState === 'WAITING');
      sim.faults.delayResponses(5000, (t) => t.includes('UpdateRingState'));
      const resp = c.request('.ams.routing.UpdateRingState', { ringId: ring.ringId, ringState: 'ACCEPTED' }, 'acc');
      await waitRing(c, (r) => r.ringId === ring.ringId && r.ringState === 'ACCEPTED');
      expect(c.frames.some((f) => f.reqId === 'acc')).toBe(false);
      clock.advance(5000);
      expect((await resp).code).toBe(202);
      sim.faults.delayResponses(0);

      sim.faults.dropResponses(1, (t) => t.includes('SetAgentState'));
      c.sendRaw(JSON.stringify({ kind: 'req', id: 'lost', type: '.ams.routing.SetAgentState', body: { availability: 'AWAY' } }));
      expect((await c.request('.GetClock', {}, 'next')).code).toBe(200);
      expect(sim.inspect.agentState('agent1')).toBe('AWAY');
      expect(c.frames.some((f) => f.reqId === 'lost')).toBe(false);
    } finally { await sim.close(); }
  });

  it('sendRaw delivers a raw frame to matching sockets', async () => {
    const sim = await startSimulator();
    try {
      const a = await RawClient.connect(wsUrl(sim, (await login(sim, 'agent1', 'agent1-password')).bearer));
      const got = new Promise<string>((r) => a.ws.once('message', (d) => r(String(d))));
      expect(sim.faults.sendRaw('{not json', { username: 'agent1' })).toBe(1);
      expect(await got).toBe('{not json');
      expect(sim.faults.sendRaw('x', { username: 'agent2' })).toBe(0);
    } finally { await sim.close(); }
  });

  it('down drops every socket and refuses HTTP and upgrades until up; reset clears faults', async () => {
    const sim = await startSimulator();
    try {
      const r = await login(sim, 'agent1', 'agent1-password');
      const a = await RawClient.connect(wsUrl(sim, r.bearer));
      sim.faults.down();
      expect((await a.closed).code).toBe(1006);
      await expect(fetch(`${sim.csdsUrl}/api/account/${sim.accountId}/service/baseURI.json?version=1.0`)).rejects.toThrow();
      await expect(RawClient.connect(wsUrl(sim, r.bearer))).rejects.toThrow();
      sim.faults.up();
      expect((await fetch(`${sim.csdsUrl}/api/account/${sim.accountId}/service/baseURI.json?version=1.0`)).status).toBe(200);
      const again = await RawClient.connect(wsUrl(sim, r.bearer));
      sim.faults.refuseLogins(5);
      sim.faults.down();
      expect((await again.closed).code).toBe(1006);
      sim.faults.reset();
      expect((await login(sim, 'agent1', 'agent1-password')).status).toBe(200);
    } finally { await sim.close(); }
  });
});
