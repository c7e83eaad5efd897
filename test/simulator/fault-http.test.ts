/** Fault injection over the simulator's HTTP API (src-main/simulator/fault-http.ts), as a bot tester uses it. */
import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src-main/simulator';
import { login, postJson, RawClient, wsUrl } from './helpers';

const fault = (sim: Simulator, name: string, body: unknown = {}): ReturnType<typeof postJson> =>
  postJson(`${sim.baseUrl}/sim/faults/${name}`, body, { Authorization: `Bearer ${sim.httpApi?.token ?? ''}` });

async function agentSocket(sim: Simulator, username: string): Promise<RawClient> {
  const agent = sim.agents.find((a) => a.username === username);
  return RawClient.connect(wsUrl(sim, (await login(sim, username, agent?.password ?? '')).bearer));
}

describe('fault injection over HTTP', () => {
  it('drop-sockets: without a code the client sees 1006; with a code, that close frame; filtered by username', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const a = await agentSocket(sim, 'agent1');
      const b = await agentSocket(sim, 'agent2');
      const dropped = await fault(sim, 'drop-sockets', { username: 'agent1' });
      expect(dropped.status).toBe(200);
      expect(JSON.parse(dropped.text)).toEqual({ sockets: 1 });
      expect((await a.closed).code).toBe(1006);
      expect(b.ws.readyState).toBe(b.ws.OPEN);
      expect(JSON.parse((await fault(sim, 'drop-sockets', { code: 4000, reason: 'go away' })).text)).toEqual({ sockets: 1 });
      expect(await b.closed).toEqual({ code: 4000, reason: 'go away' });
      expect((await fault(sim, 'drop-sockets', { code: 1006 })).status).toBe(400);
    } finally { await sim.close(); }
  });

  it('expire-tokens closes sockets with 4401 and the old bearer no longer opens a socket', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const { bearer } = await login(sim, 'agent1', 'agent1-password');
      const c = await RawClient.connect(wsUrl(sim, bearer));
      expect((await fault(sim, 'expire-tokens')).status).toBe(204);
      expect((await c.closed).code).toBe(4401);
      await expect(RawClient.connect(wsUrl(sim, bearer))).rejects.toThrow('HTTP 401');
    } finally { await sim.close(); }
  });

  it('refuse-upgrades, refuse-logins and fail-refresh take a count and a status; reset clears them', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const { bearer } = await login(sim, 'agent1', 'agent1-password');
      expect((await fault(sim, 'refuse-upgrades', { count: 1, status: 503 })).status).toBe(204);
      await expect(RawClient.connect(wsUrl(sim, bearer))).rejects.toThrow('HTTP 503');
      (await RawClient.connect(wsUrl(sim, bearer))).close();
      expect((await fault(sim, 'refuse-logins', { count: 1, status: 500 })).status).toBe(204);
      expect((await login(sim, 'agent1', 'agent1-password')).status).toBe(500);
      expect((await login(sim, 'agent1', 'agent1-password')).status).toBe(200);
      expect((await fault(sim, 'refuse-logins', { count: 5 })).status).toBe(204);
      expect((await fault(sim, 'reset')).status).toBe(204);
      expect((await login(sim, 'agent1', 'agent1-password')).status).toBe(200);
      expect((await fault(sim, 'refuse-logins', { count: 1, status: 418 })).status).toBe(400);
      expect((await fault(sim, 'fail-refresh', { count: -1 })).status).toBe(400);
    } finally { await sim.close(); }
  });

  it('send-raw delivers a malformed frame as is; drop-responses loses the response of a matching request only', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      const c = await agentSocket(sim, 'agent1');
      const got = new Promise<string>((resolve) => c.ws.once('message', (d) => resolve(String(d))));
      const sent = await fault(sim, 'send-raw', { frame: '{"kind":"notification", oops' });
      expect(JSON.parse(sent.text)).toEqual({ sockets: 1 });
      expect(await got).toBe('{"kind":"notification", oops');
      expect((await fault(sim, 'drop-responses', { count: 1, type: 'GetClock' })).status).toBe(204);
      const lost = c.request('.GetClock', {});
      const answered = await c.request('.ams.KeepAlive', {});
      expect(answered.code).toBe(200);
      expect(sim.inspect.requests({ type: '.GetClock' })).toHaveLength(1);
      expect((await c.request('.GetClock', {})).type).toBe('.GetClock$Response');
      c.close();
      await expect(lost).rejects.toThrow('socket closed');
    } finally { await sim.close(); }
  });

  it('names its errors: unknown fault 404, GET 405, a body that is not an object 400', async () => {
    const sim = await startSimulator({ httpApi: true });
    try {
      expect((await fault(sim, 'melt-down')).status).toBe(404);
      expect((await fetch(`${sim.baseUrl}/sim/faults/reset`, { headers: { Authorization: `Bearer ${sim.httpApi?.token ?? ''}` } })).status).toBe(405);
      expect((await fault(sim, 'send-raw', '[1,2]')).status).toBe(400);
      expect((await fault(sim, 'send-raw', {})).status).toBe(400);
    } finally { await sim.close(); }
  });
});
