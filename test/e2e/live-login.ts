/** A live login (session/login with csdsUrl) against a simulator the TEST starts, for secrets and reconnect specs. */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { LoginResult } from '../../src-preload/api';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import { test } from './fixtures';
import { untilMode, untilOnline } from './page-helpers';

export interface LiveAgent {
  accountId: string;
  username: string;
  password: string;
}

/** A simulator with one agent whose password is random (so a hit anywhere can only be a leak). */
export async function startLiveSimulator(): Promise<{ sim: Simulator; agent: LiveAgent }> {
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const username = `e2e.agent.${randomBytes(3).toString('hex')}`;
  const sim = await startSimulator({
    accountId: '81234567',
    agents: [{ username, password, userId: '3000001' }],
    skills: [{ id: '21', name: 'Billing' }, { id: '22', name: 'Support' }],
  });
  return { sim, agent: { accountId: sim.accountId, username, password } };
}

/** session/login from the page, then wait until the live session is online. */
export async function liveLogin(page: Page, agent: LiveAgent, csdsUrl: string, remember: boolean): Promise<LoginResult> {
  const result = await page.evaluate((args) => window.lp.sessionLogin(args), { ...agent, remember, csdsUrl });
  await untilMode(page, 'live');
  await untilOnline(page);
  return result;
}

/** A fresh live simulator for each test of the enclosing file or describe, handed to `use`, closed after the test. */
export function liveSimulatorPerTest(use: (live: { sim: Simulator; agent: LiveAgent }) => void): void {
  let current: Simulator | undefined;
  test.beforeEach(async () => {
    const live = await startLiveSimulator();
    current = live.sim;
    use(live);
  });
  test.afterEach(async () => {
    await current?.close();
    current = undefined;
  });
}
