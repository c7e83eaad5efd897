import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createManualClock, startSimulator } from '../../src-main/simulator';
import { login, RawClient, wsUrl } from './helpers';

describe('WebSocket upgrade', () => {
  it('refuses a bad bearer with HTTP 401 at the upgrade, in both URL forms', async () => {
    const sim = await startSimulator();
    try {
      await expect(RawClient.connect(wsUrl(sim, 'not-a-token'))).rejects.toThrow('HTTP 401');
      const headerUrl = `${sim.baseUrl.replace(/^http/, 'ws')}/ws_api/account/${sim.accountId}/messaging/brand?v=2`;
      await expect(RawClient.connect(headerUrl, { headers: { Authorization: 'jwt nope' } })).rejects.toThrow('HTTP 401');
      await expect(RawClient.connect(headerUrl)).rejects.toThrow('HTTP 401');
    } finally { await sim.close(); }
  });

  it('accepts the token-in-path form (v=2 and v=2.1) and the Authorization: jwt header form', async () => {
    const sim = await startSimulator();
    try {
      const a = await login(sim, 'agent1', 'agent1-password');
      const b = await login(sim, 'agent2', 'agent2-password');
      const c1 = await RawClient.connect(wsUrl(sim, a.bearer, '2.1'));
      const clock1 = await c1.request('.GetClock', {});
      expect(clock1.code).toBe(200);
      const headerUrl = `${sim.baseUrl.replace(/^http/, 'ws')}/ws_api/account/${sim.accountId}/messaging/brand?v=2`;
      const c2 = await RawClient.connect(headerUrl, { headers: { Authorization: `jwt ${b.bearer}` } });
      expect((await c2.request('GetClock', {})).body).toMatchObject({ currentTime: expect.any(Number) as number });
      expect(sim.inspect.sockets().map((s) => s.username).sort()).toEqual(['agent1', 'agent2']);
      c1.close(); c2.close();
      await Promise.all([c1.closed, c2.closed]);
    } finally { await sim.close(); }
  });

  it('closes a socket after idleTimeoutMs of silence; pings and frames keep it alive', async () => {
    const clock = createManualClock();
    const sim = await startSimulator({ clock, idleTimeoutMs: 1000 });
    try {
      const a = await login(sim, 'agent1', 'agent1-password');
      const c = await RawClient.connect(wsUrl(sim, a.bearer));
      for (let i = 0; i < 3; i++) {
        clock.advance(700);
        const pong = new Promise<void>((r) => c.ws.once('pong', () => r()));
        c.ws.ping();
        await pong; // the server saw the ping before it answered
      }
      clock.advance(700);
      await c.request('.ams.KeepAlive', {});
      clock.advance(700);
      expect(c.ws.readyState).toBe(WebSocket.OPEN);
      const closing = sim.waitFor('socketClose');
      clock.advance(400);
      const closed = await c.closed;
      expect(closed.code).toBe(1000);
      expect(closed.reason).toBe('idle timeout');
      expect((await closing).code).toBe(1000);
    } finally { await sim.close(); }
  });

  it('by default allows grace past the 60 s keepalive: a client pinging every 60 s (node-agent-sdk) is never closed; silence closes after 90 s', async () => {
    const clock = createManualClock();
    const sim = await startSimulator({ clock });
    try {
      const a = await login(sim, 'agent1', 'agent1-password');
      const c = await RawClient.connect(wsUrl(sim, a.bearer));
      for (let i = 0; i < 5; i++) {
        clock.advance(60_030); // the SDK's ping lands just after 60 s (60.03 s was closed before)
        expect(c.ws.readyState).toBe(WebSocket.OPEN);
        const pong = new Promise<void>((r) => c.ws.once('pong', () => r()));
        c.ws.ping();
        await pong;
      }
      clock.advance(89_999);
      expect(c.ws.readyState).toBe(WebSocket.OPEN);
      const closing = sim.waitFor('socketClose');
      clock.advance(1);
      expect(await c.closed).toEqual({ code: 1000, reason: 'idle timeout' });
      expect((await closing).code).toBe(1000);
    } finally { await sim.close(); }
  });

  it('one session per user: a new socket for the same user closes the old one (1000 "replaced by a new session")', async () => {
    const sim = await startSimulator();
    try {
      const a = await login(sim, 'agent1', 'agent1-password');
      const first = await RawClient.connect(wsUrl(sim, a.bearer));
      const a2 = await login(sim, 'agent1', 'agent1-password');
      expect(first.ws.readyState).toBe(WebSocket.OPEN); // a login alone evicts nobody
      const second = await RawClient.connect(wsUrl(sim, a2.bearer));
      const closed = await first.closed;
      expect(closed).toEqual({ code: 1000, reason: 'replaced by a new session' });
      expect((await second.request('.GetClock', {})).code).toBe(200);
      expect(sim.inspect.sockets()).toHaveLength(1);
      second.close();
    } finally { await sim.close(); }
  });

  it('closes open sockets with 4401 when the bearer expires, and refuses it at the upgrade afterwards', async () => {
    const clock = createManualClock();
    const sim = await startSimulator({ clock, sessionTtlMs: 5000 });
    try {
      const a = await login(sim, 'agent1', 'agent1-password');
      const c = await RawClient.connect(wsUrl(sim, a.bearer));
      clock.advance(4999);
      expect(c.ws.readyState).toBe(WebSocket.OPEN);
      clock.advance(1);
      expect((await c.closed).code).toBe(4401);
      await expect(RawClient.connect(wsUrl(sim, a.bearer))).rejects.toThrow('HTTP 401');
    } finally { await sim.close(); }
  });
});

describe('frames', () => {
  it('accepts .ams. types, short aliases, numeric ids; echoes the id as reqId', async () => {
    const sim = await startSimulator();
    try {
      const a = await login(sim, 'agent1', 'agent1-password');
      const c = await RawClient.connect(wsUrl(sim, a.bearer));
      const legacy = `${sim.accountId}.1000001`;
      const r1 = await c.request('routing.SetAgentState', { availability: 'AWAY', channels: ['MESSAGING'], agentUserId: legacy }, 7);
      expect(r1).toEqual({ kind: 'resp', reqId: 7, code: 202, type: '.ReqBody$StringResp', body: 'Agent state updated successfully' });
      expect(sim.inspect.agentState('agent1')).toBe('AWAY');
      const r2 = await c.request('cqm.SubscribeExConversations', { convState: ['OPEN'] }, 'x-1');
      expect(r2).toMatchObject({ reqId: 'x-1', code: 200, type: '.ams.GenericSubscribe$Response' });
      expect((await c.request('aam.SubscribeExConversations', { convState: 'OPEN' })).code).toBe(200);
      expect((await c.request('userprofile.GetUserProfile', {})).body).toMatchObject({ userId: legacy });
      expect((await c.request('KeepAlive', {})).code).toBe(200);
      expect((await c.request('.GetClock', {})).type).toBe('.GetClock$Response');
      expect((await c.request('.ams.GetClock', {})).code).toBe(200);
      const recorded = sim.inspect.requests({ username: 'agent1' }).map((r) => r.type);
      expect(recorded).toContain('routing.SetAgentState');
      expect(recorded).toContain('cqm.SubscribeExConversations');
      expect(sim.inspect.requests({ type: 'routing.SetAgentState' })[0]?.id).toBe(7);
    } finally { await sim.close(); }
  });

  it('answers unknown types and malformed JSON with 400 when an id is recoverable, ignores the rest', async () => {
    const sim = await startSimulator();
    try {
      const a = await login(sim, 'agent1', 'agent1-password');
      const c = await RawClient.connect(wsUrl(sim, a.bearer));
      const unknown = await c.request('.ams.nope.DoSomething', {});
      expect(unknown.code).toBe(400);
      c.sendRaw('{"kind":"req","id":"broken","type":".GetClock","body":{');
      const broken = await c.waitFrame((f) => f.reqId === 'broken');
      expect(broken.code).toBe(400);
      c.sendRaw('garbage');
      c.sendRaw('[1,2]');
      expect((await c.request('.GetClock', {}, 'after')).code).toBe(200);
      expect(c.frames.filter((f) => f.kind === 'resp')).toHaveLength(3);
    } finally { await sim.close(); }
  });
});
