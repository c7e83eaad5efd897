import { describe, expect, it } from 'vitest';
import { parseCommandLine, runCommand } from '../../src-main/headless/commands';
import type { ChatMessage, AgentSession } from '../../src-main/lp/index';

describe('headless command parsing', () => {
  it('accepts every documented command', () => {
    const lines = [
      '{"id":"1","cmd":"state","availability":"AWAY"}',
      '{"cmd":"accept","ringId":"c1_123_1517000827442"}',
      '{"cmd":"reject","ringId":"r"}',
      '{"id":7,"cmd":"send","conversationId":"c1","text":"Hello"}',
      '{"cmd":"typing","conversationId":"c1","state":"COMPOSING"}',
      '{"cmd":"read","conversationId":"c1","sequences":[0,1]}',
      '{"cmd":"close","conversationId":"c1"}',
      '{"cmd":"back-to-queue","conversationId":"c1"}',
      '{"cmd":"transfer","conversationId":"c1","skillId":"12"}',
      '{"cmd":"skills"}',
      '{"cmd":"profile","consumerId":"cons1"}',
      '{"cmd":"history","conversationId":"c1"}',
      '{"cmd":"snapshot"}',
      '{"cmd":"reconnect"}',
      '{"cmd":"quit"}',
    ];
    for (const line of lines) {
      const parsed = parseCommandLine(line);
      expect(parsed.ok, line).toBe(true);
    }
  });

  it('keeps the id and names the bad field', () => {
    const parsed = parseCommandLine('{"id":"9","cmd":"send","conversationId":"c1"}');
    expect(parsed).toEqual({ ok: false, id: '9', error: expect.stringContaining('"text"') });
  });

  it('rejects non-JSON, unknown commands and wrong types without throwing', () => {
    expect(parseCommandLine('accept ring 1')).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    expect(parseCommandLine('{"cmd":"format-disk"}')).toMatchObject({ ok: false, error: expect.stringContaining('invalid command') });
    expect(parseCommandLine('{"cmd":"read","conversationId":"c1","sequences":["1"]}')).toMatchObject({ ok: false });
    expect(parseCommandLine('{"cmd":"state","availability":"SLEEPING"}')).toMatchObject({ ok: false });
    expect(parseCommandLine('[1,2]')).toMatchObject({ ok: false, id: undefined });
    expect(parseCommandLine('null')).toMatchObject({ ok: false, id: undefined });
    expect(parseCommandLine('{"id":{"x":1},"cmd":"nope"}')).toMatchObject({ ok: false, id: undefined });
  });
});

describe('headless send command', () => {
  const sessionReturning = (m: ChatMessage): AgentSession => ({ sendText: () => m }) as unknown as AgentSession;
  const base: ChatMessage = { conversationId: 'c1', localId: 'l-1', originatorId: '', role: 'AGENT', own: true, contentType: 'text/plain', text: 'Hi', timestamp: 0 };

  it('answers with the message when the core took it', async () => {
    const m = { ...base, delivery: 'sending' as const };
    await expect(runCommand(sessionReturning(m), { cmd: 'send', conversationId: 'c1', text: 'Hi' })).resolves.toEqual(m);
  });

  it('note sends a private note (the core is asked with private:true); send never is', async () => {
    const calls: unknown[][] = [];
    const session = { sendText: (...args: unknown[]) => { calls.push(args); return { ...base, delivery: 'sending' }; } } as unknown as AgentSession;
    expect(parseCommandLine('{"cmd":"note","conversationId":"c1","text":"for the supervisor"}')).toMatchObject({ ok: true, command: { cmd: 'note' } });
    await runCommand(session, { cmd: 'note', conversationId: 'c1', text: 'for the supervisor' });
    await runCommand(session, { cmd: 'send', conversationId: 'c1', text: 'Hi' });
    expect(calls).toEqual([['c1', 'for the supervisor', { private: true }], ['c1', 'Hi']]);
    expect(parseCommandLine('{"cmd":"note","conversationId":"c1","text":""}')).toMatchObject({ ok: false });
  });

  it('fails, with the core\'s reason, when the core refused the message outright', async () => {
    const m = { ...base, delivery: 'failed' as const, error: 'Unknown or closed conversation; the message was not sent' };
    await expect(runCommand(sessionReturning(m), { cmd: 'send', conversationId: 'c1', text: 'Hi' }))
      .rejects.toMatchObject({ code: 400, location: 'Headless#Send', message: 'Unknown or closed conversation; the message was not sent' });
  });
});

describe('headless transfer to an agent', () => {
  it('agents lists a skill’s agents; transfer with agentId goes to that agent, without it to the skill', async () => {
    const calls: unknown[][] = [];
    const session = {
      listAgents: async (skillId: string) => { calls.push(['listAgents', skillId]); return [{ agentId: 'a.2', name: 'Bo', availability: 'ONLINE', self: false }]; },
      transferToAgent: async (...args: unknown[]) => { calls.push(['transferToAgent', ...args]); },
      transferToSkill: async (...args: unknown[]) => { calls.push(['transferToSkill', ...args]); },
    } as unknown as AgentSession;
    const agents = parseCommandLine('{"cmd":"agents","skillId":"12"}');
    const toAgent = parseCommandLine('{"cmd":"transfer","conversationId":"c1","skillId":"12","agentId":"a.2"}');
    const toSkill = parseCommandLine('{"cmd":"transfer","conversationId":"c1","skillId":"12"}');
    if (!agents.ok || !toAgent.ok || !toSkill.ok) throw new Error('documented commands must parse');
    await expect(runCommand(session, agents.command)).resolves.toEqual([{ agentId: 'a.2', name: 'Bo', availability: 'ONLINE', self: false }]);
    await expect(runCommand(session, toAgent.command)).resolves.toBeNull();
    await expect(runCommand(session, toSkill.command)).resolves.toBeNull();
    expect(calls).toEqual([['listAgents', '12'], ['transferToAgent', 'c1', '12', 'a.2'], ['transferToSkill', 'c1', '12']]);
    expect(parseCommandLine('{"cmd":"transfer","conversationId":"c1","skillId":"12","agentId":""}')).toMatchObject({ ok: false });
    expect(parseCommandLine('{"cmd":"agents"}')).toMatchObject({ ok: false });
  });
});
