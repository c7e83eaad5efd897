import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import type { ConnectionState } from '../../src-main/lp/index';
import { HeadlessChild } from './child';

// App-key login for bots (issue 11.7): the simulator accepts lp-protocol.md §2's app-key body for a
// seeded bot user; no password is given at all, so a successful login can only be the app key.
const bot = {
  username: 'bot1', password: 'bot1-unused-password', userId: '9001',
  appKey: { appKey: 'bot-app-key', secret: 'bot-secret-1', accessToken: 'bot-access-token', accessTokenSecret: 'bot-token-secret-1' },
};
const keyEnv = {
  LP_APP_KEY: bot.appKey.appKey, LP_APP_SECRET: bot.appKey.secret,
  LP_ACCESS_TOKEN: bot.appKey.accessToken, LP_ACCESS_TOKEN_SECRET: bot.appKey.accessTokenSecret,
};

describe('headless app-key login (child process against the simulator)', { timeout: 60_000 }, () => {
  let sim: Simulator;
  let children: HeadlessChild[] = [];
  beforeEach(async () => {
    sim = await startSimulator({ agents: [bot] });
  });
  afterEach(async () => {
    for (const c of children) c.kill();
    children = [];
    await sim.close();
  });
  const spawnAgent = (args: string[], env: Record<string, string>): HeadlessChild => {
    const c = new HeadlessChild(['--account', sim.accountId, '--csds', sim.csdsUrl, ...args], { LP_USERNAME: bot.username, ...env });
    children.push(c);
    return c;
  };

  it('signs in with the four variables only, goes online, and never prints a secret', async () => {
    const agent = spawnAgent([], keyEnv);
    await agent.event<ConnectionState>('connection', (s) => s.phase === 'online');
    expect(sim.inspect.loginCount(bot.username)).toBe(1);
    expect(sim.inspect.agentState(bot.username)).toBe('ONLINE');
    agent.endInput();
    expect(await agent.exited).toBe(0);
    const everything = [...agent.stdoutRaw, ...agent.stderr].join('\n');
    for (const secret of Object.values(bot.appKey)) expect(everything).not.toContain(secret);
  });

  it('a wrong secret is a refused login: exit 3', async () => {
    const agent = spawnAgent([], { ...keyEnv, LP_ACCESS_TOKEN_SECRET: 'wrong-token-secret' });
    await agent.event<ConnectionState>('connection', (s) => s.phase === 'auth-failed');
    expect(await agent.exited).toBe(3);
    expect([...agent.stdoutRaw, ...agent.stderr].join('\n')).not.toContain('wrong-token-secret');
  });

  it('exits 2 before logging in: a secret flag, missing variables, or a password as well', async () => {
    const cases: Array<{ args: string[]; env: Record<string, string>; message: string }> = [
      { args: ['--app-key', 'flag-secret-1'], env: keyEnv, message: '--app-key: app-key secrets are never taken from the command line' },
      { args: ['--access-token-secret=flag-secret-2'], env: keyEnv, message: 'never taken from the command line' },
      { args: [], env: { LP_APP_KEY: bot.appKey.appKey, LP_APP_SECRET: bot.appKey.secret }, message: 'missing: LP_ACCESS_TOKEN, LP_ACCESS_TOKEN_SECRET' },
      { args: [], env: { ...keyEnv, LP_PASSWORD: 'p' }, message: 'not both' },
    ];
    const agents = cases.map((c) => spawnAgent(c.args, c.env));
    const codes = await Promise.all(agents.map((a) => a.exited));
    cases.forEach((c, i) => {
      const stderr = agents[i]!.stderr.join('\n');
      expect(codes[i], c.message).toBe(2);
      expect(stderr).toContain(c.message);
      expect(stderr).not.toMatch(/flag-secret/);
    });
    expect(sim.inspect.loginCount()).toBe(0);
  });
});
