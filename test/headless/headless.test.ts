import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import type { ChatMessage, Conversation, ConnectionState, Ring, Skill } from '../../src-main/lp/model';
import { HeadlessChild } from './child';

describe('headless mode (child process against the simulator)', () => {
  let sim: Simulator;
  let child: HeadlessChild | undefined;

  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(async () => {
    child?.kill();
    child = undefined;
    await sim.close();
  });

  function startAgent(extraEnv: Record<string, string> = {}, args: string[] = []): HeadlessChild {
    const agent = sim.agents[0]!;
    child = new HeadlessChild(['--account', sim.accountId, '--csds', sim.csdsUrl, ...args], {
      LP_USERNAME: agent.username,
      LP_PASSWORD: agent.password,
      ...extraEnv,
    });
    return child;
  }

  it('works a whole conversation from JSON lines', async () => {
    const agent = startAgent();
    const password = sim.agents[0]!.password;
    await agent.event<ConnectionState>('connection', (s) => s.phase === 'online');
    expect(sim.inspect.agentState(sim.agents[0]!.username)).toBe('ONLINE');

    const consumer = await sim.consumers.open({ text: 'Hi, my card was charged twice', firstName: 'Ann' });
    const ring = await agent.event<Ring>('ring/offered', (r) => r.conversationId === consumer.conversationId);
    expect(ring.state).toBe('WAITING');
    expect(ring.expiresAt).toBeGreaterThan(Date.now());

    const accepted = await agent.command({ id: 'a1', cmd: 'accept', ringId: ring.ringId });
    expect(accepted).toMatchObject({ ok: true, cmd: 'accept' });
    await agent.event<Conversation>('conversation/upsert', (c) => c.conversationId === consumer.conversationId && c.mine);

    // the consumer's opening line arrives as history or live message
    await agent.next((l) => l.type === 'event'
      && ((l.event === 'message' && (l.data as ChatMessage).text === 'Hi, my card was charged twice')
        || (l.event === 'history' && (l.data as { messages: ChatMessage[] }).messages.some((m) => m.text === 'Hi, my card was charged twice'))),
    'consumer opening message');

    const sent = await agent.command({ id: 's1', cmd: 'send', conversationId: consumer.conversationId, text: 'Sorry about that, let me look.' });
    expect(sent.ok).toBe(true);
    const stored = await consumer.nextAgentMessage((m) => m.event.message === 'Sorry about that, let me look.');
    expect(stored.originatorId).toBe(`${sim.accountId}.${sim.agents[0]!.userId}`);
    await agent.event<ChatMessage>('message', (m) => m.own && m.delivery === 'sent' && m.sequence === stored.sequence);

    consumer.typing('COMPOSING');
    await agent.event<{ state: string; role: string }>('typing', (t) => t.state === 'COMPOSING' && t.role === 'CONSUMER');
    await consumer.send('Thanks!');
    await agent.event<ChatMessage>('message', (m) => m.text === 'Thanks!' && m.role === 'CONSUMER');

    const typing = await agent.command({ id: 't1', cmd: 'typing', conversationId: consumer.conversationId, state: 'COMPOSING' });
    expect(typing.ok).toBe(true);

    const skills = await agent.command({ id: 'k1', cmd: 'skills' });
    expect(skills.ok).toBe(true);
    expect((skills.result as Skill[]).map((s) => s.name)).toEqual(expect.arrayContaining(sim.skills.map((s) => s.name)));

    const profile = await agent.command({ id: 'p1', cmd: 'profile', consumerId: consumer.consumerId });
    expect(profile).toMatchObject({ ok: true, result: { firstName: 'Ann' } });

    const bad = await agent.command({ id: 'b1', cmd: 'accept', ringId: 'no-such-ring' });
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBeGreaterThan(0);

    agent.writeLine('this is not json');
    await agent.next((l) => l.type === 'result' && l.ok === false && (l.error?.message ?? '').includes('not JSON'), 'parse error');

    const closed = await agent.command({ id: 'c1', cmd: 'close', conversationId: consumer.conversationId });
    expect(closed.ok).toBe(true);
    await agent.event<{ conversationId: string }>('conversation/removed', (r) => r.conversationId === consumer.conversationId);
    expect(sim.inspect.conversation(consumer.conversationId)?.state).toBe('CLOSE');

    await agent.command({ id: 'q', cmd: 'quit' });
    expect(await agent.exited).toBe(0);
    // logged out on quit, and no secret anywhere in what the process printed
    expect(sim.inspect.sockets()).toHaveLength(0);
    const everything = [...agent.stdoutRaw, ...agent.stderr].join('\n');
    expect(everything).not.toContain(password);
  });

  it('exits 3 with a clear error when the login is refused', async () => {
    const agent = startAgent({ LP_PASSWORD: 'wrong-password' });
    const state = await agent.event<ConnectionState>('connection', (s) => s.phase === 'auth-failed');
    expect(state.lastError ?? '').toMatch(/401|credential|password|unauthori/i);
    expect(await agent.exited).toBe(3);
    expect([...agent.stdoutRaw, ...agent.stderr].join('\n')).not.toContain('wrong-password');
  });

  it('refuses a password on the command line', async () => {
    const agent = startAgent({}, ['--password', 'x']);
    expect(await agent.exited).toBe(2);
    expect(agent.stderr.join('\n')).toContain('never taken from the command line');
  });

  it('reads the password from the first stdin line', async () => {
    const agent = startAgent({ LP_PASSWORD: '' }, ['--password-stdin']);
    agent.writeLine(sim.agents[0]!.password);
    await agent.event<ConnectionState>('connection', (s) => s.phase === 'online');
    agent.endInput();
    expect(await agent.exited).toBe(0);
  });
});
