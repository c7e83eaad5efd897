// The agent workspace, driven through the real UI (clicks and keys on role/label locators), against the
// simulator: the demo flow from sign-in to close, a live session that loses its server mid-conversation,
// and screenshots of the main screens in light and dark. window.lp is used only to read state the UI
// cannot show (availability as the session holds it); every action under test is a click or a key.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Simulator } from '../../src-main/simulator/api';
import { expect, test } from './fixtures';
import { liveSimulatorPerTest, type LiveAgent } from './live-login';
import { untilMode, untilOnline } from './page-helpers';
import { consumerName } from './standin-helpers';
import { agentTexts, httpConsumer, workspace } from './workspace-helpers';
import { projectRoot } from './targets';

const SENT = /^(Sent|Delivered|Read)$/;

async function availability(page: Page): Promise<string> {
  return page.evaluate(() => window.lp.sessionSnapshot().then((s) => s.session.availability));
}

test.describe('demo', () => {
  test.use({ demoSim: true });

  test('sign in to the demo, go online, accept, chat, transfer, accept another and close it', async ({ app }) => {
    const { page } = app;
    const demo = app.demo!;
    const ws = workspace(page);

    // Signed out through the header, then "Try the demo" on the sign-in screen.
    await untilOnline(page);
    await ws.signOut.click();
    await expect(page.getByRole('button', { name: 'Try the demo' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'LP Agent Desktop' })).toBeVisible();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await expect(page.locator('.brand').getByText('Demo', { exact: true })).toBeVisible();
    await expect(ws.connection).toContainText('Connected');

    // Availability through the selector: Away, then Online.
    await ws.availability.selectOption({ label: 'Away' });
    await expect.poll(() => availability(page)).toBe('AWAY');
    await ws.availability.selectOption({ label: 'Online' });
    await expect.poll(() => availability(page)).toBe('ONLINE');
    await expect(ws.availability).toHaveValue('ONLINE');

    // A consumer opens a conversation → a ring with a live countdown.
    const who = consumerName('Flow');
    const first = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Hello, my invoice is wrong' });
    const consumer = httpConsumer(demo, first.conversationId);
    const ring = ws.ring(who.full);
    await expect(ring).toBeVisible();
    await expect(ring).toContainText('Billing');
    const countdown = ring.getByLabel(/^Expires in \d+:\d\d$/);
    await expect(countdown).toBeVisible();
    const before = await countdown.getAttribute('aria-label');
    await expect(countdown).not.toHaveAttribute('aria-label', before ?? ''); // it ticks

    // Accept → the thread opens with the consumer's first message.
    await ws.accept(who.full).click();
    await expect(ring).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: who.full })).toBeVisible();
    const messages = ws.messages(who.full);
    await expect(messages.filter({ hasText: 'Hello, my invoice is wrong' })).toHaveCount(1);
    await expect(ws.conversation(who.full)).toHaveAttribute('aria-selected', 'true');

    // Reply with Enter → the consumer receives it, and it shows as sent.
    await ws.composer.click();
    await ws.composer.pressSequentially('Sorry about that — let me check.');
    await ws.composer.press('Enter');
    await expect(ws.composer).toHaveValue('');
    await expect.poll(() => consumer.agentTexts()).toEqual(['Sorry about that — let me check.']);
    const reply = messages.filter({ hasText: 'Sorry about that — let me check.' });
    await expect(reply).toHaveCount(1);
    await expect(reply.locator('.msg-delivery')).toHaveText(SENT);
    await expect(reply.locator('.msg-who')).toHaveText('You');

    // The consumer types → the indicator; the consumer replies → it appears (and the indicator goes).
    await consumer.typing('COMPOSING');
    await expect(page.getByText(`${who.full} is typing…`)).toBeVisible();
    await consumer.send('It says 120 instead of 100');
    await expect(messages.filter({ hasText: 'It says 120 instead of 100' })).toHaveCount(1);
    await expect(messages).toHaveCount(3);

    // Transfer to Sales: search, pick, confirm → the conversation leaves the list.
    await ws.action('Transfer…').click();
    const dialog = page.getByRole('dialog', { name: 'Transfer to a skill' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Search skills' }).fill('sal');
    const skills = dialog.getByRole('listbox', { name: 'Skills' });
    await expect(skills.getByRole('option')).toHaveCount(1);
    await skills.getByRole('option', { name: /^Sales/ }).click();
    await dialog.getByRole('button', { name: 'Transfer to Sales' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(ws.conversation(who.full)).toHaveCount(0);
    await expect.poll(async () => {
      const v = await consumer.view();
      return { skillId: v.skillId, state: v.state, agents: v.participants.ASSIGNED_AGENT ?? [] };
    }).toEqual({ skillId: '12', state: 'OPEN', agents: [] });
    // agent1 takes every skill, so the simulator routes it back as a Sales ring (the skill name follows).
    await expect(ws.ring(who.full)).toContainText('Sales');

    // A second conversation: accept, then close through the UI (with its confirmation).
    const who2 = consumerName('Close');
    const second = await demo.open({ firstName: who2.firstName, lastName: who2.lastName, skillId: '13', text: 'Quick question' });
    await ws.accept(who2.full).click();
    await expect(ws.messages(who2.full).filter({ hasText: 'Quick question' })).toHaveCount(1);
    await ws.action('Close conversation').click();
    const confirm = ws.side.getByRole('group', { name: 'Confirm close' });
    await expect(confirm).toContainText('Close this conversation?');
    await confirm.getByRole('button', { name: 'Yes, close' }).click();
    await expect.poll(async () => (await demo.conversation(second.conversationId)).state).toBe('CLOSE');
    // A closed conversation leaves the list; the center pane goes back to its placeholder.
    await expect(ws.conversation(who2.full)).toHaveCount(0);
    await expect(page.getByText('Select a conversation, or accept a waiting request.')).toBeVisible();
  });
});

test.describe('live, server lost mid-conversation', () => {
  test.use({ appEnv: { LPAD_DEMO_CONSUMERS: 'off' } });

  let sim: Simulator;
  let agent: LiveAgent;
  liveSimulatorPerTest((live) => ({ sim, agent } = live));

  /** Live sign-in through the form (the app starts in demo; sign out first). */
  async function signInLive(page: Page): Promise<ReturnType<typeof workspace>> {
    const ws = workspace(page);
    await untilOnline(page);
    await ws.signOut.click();
    await page.getByLabel('Account id').fill(agent.accountId);
    await page.getByLabel('Username').fill(agent.username);
    await page.getByLabel('Password').fill(agent.password);
    await page.getByText('Advanced', { exact: true }).click();
    await page.getByLabel('CSDS URL (domain service)').fill(sim.csdsUrl);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await untilMode(page, 'live');
    await expect(ws.connection).toContainText('Connected');
    await expect(page.locator('.brand')).toContainText(agent.username);
    await expect(page.locator('.brand').getByText('Demo', { exact: true })).toHaveCount(0);
    return ws;
  }

  test('messages typed while the server is down are queued, then delivered exactly once, in order', async ({ app }) => {
    const { page } = app;
    const ws = await signInLive(page);

    // A consumer, a ring, Accept.
    const who = consumerName('Drop');
    const consumer = await sim.consumers.open({ firstName: who.firstName, lastName: who.lastName, skillId: '21', text: 'Are you there?' });
    await ws.accept(who.full).click();
    const messages = ws.messages(who.full);
    await expect(messages.filter({ hasText: 'Are you there?' })).toHaveCount(1);

    // Server gone → the header says reconnecting.
    sim.faults.down();
    await expect(ws.connection).toContainText(/Reconnecting/);
    await expect(ws.connection.getByRole('button', { name: 'Retry now' })).toBeVisible();

    // Three messages typed while offline: each shows as queued.
    const texts = ['offline one', 'offline two', 'offline three'];
    for (const text of texts) {
      await ws.composer.fill(text);
      await ws.composer.press('Enter');
      await expect(ws.composer).toHaveValue('');
      await expect(messages.filter({ hasText: text }).locator('.msg-delivery')).toHaveText('Queued — sends when back online');
    }
    expect(agentTexts(sim.inspect.messages(consumer.conversationId))).toEqual([]);

    // Server back → reconnect → exactly those three, once each, in order; the UI shows them sent.
    sim.faults.up();
    await expect(ws.connection).toContainText('Connected', { timeout: 20_000 });
    await expect.poll(() => agentTexts(sim.inspect.messages(consumer.conversationId))).toEqual(texts);
    for (const text of texts) {
      const row = messages.filter({ hasText: text });
      await expect(row).toHaveCount(1);
      await expect(row.locator('.msg-delivery')).toHaveText(SENT);
    }
    await expect(messages).toHaveCount(4);
    // Still exactly once on the consumer's side after everything settled.
    expect(agentTexts(sim.inspect.messages(consumer.conversationId))).toEqual(texts);
  });

  test('the socket drops mid-conversation: the offline messages go once, in order; the conversation goes on (typing, transfer)', async ({ app }) => {
    const { page } = app;
    const ws = await signInLive(page);
    const who = consumerName('Sock');
    const consumer = await sim.consumers.open({ firstName: who.firstName, lastName: who.lastName, skillId: '21', text: 'Hello?' });
    await ws.accept(who.full).click();
    const messages = ws.messages(who.full);
    await expect(messages.filter({ hasText: 'Hello?' })).toHaveCount(1);

    // Only the socket goes (1006), and the way back is refused for a while: the server itself stays up.
    sim.faults.refuseUpgrades(1_000, 503);
    expect(sim.faults.dropSockets({ username: agent.username })).toBe(1);
    await expect(ws.connection).toContainText(/Reconnecting/);
    const texts = ['away one', 'away two', 'away three'];
    for (const text of texts) {
      await ws.composer.fill(text);
      await ws.composer.press('Enter');
      await expect(messages.filter({ hasText: text }).locator('.msg-delivery')).toHaveText('Queued — sends when back online');
    }
    await consumer.send('did you see my question?'); // stored while the agent is away: history brings it
    expect(agentTexts(sim.inspect.messages(consumer.conversationId))).toEqual([]);

    sim.faults.reset();
    await ws.connection.getByRole('button', { name: 'Retry now' }).click();
    await expect(ws.connection).toContainText('Connected', { timeout: 20_000 });
    await expect.poll(() => agentTexts(sim.inspect.messages(consumer.conversationId))).toEqual(texts);
    // The thread, in the simulator's order, each line once, the agent's shown sent.
    const seqOf = (text: string): number => sim.inspect.messages(consumer.conversationId).find((m) => m.event.message === text)?.sequence ?? -1;
    const expected = ['Hello?', ...texts, 'did you see my question?'].sort((x, y) => seqOf(x) - seqOf(y));
    await expect.poll(() => messages.locator('.msg-text').allTextContents()).toEqual(expected);
    for (const text of texts) await expect(messages.filter({ hasText: text }).locator('.msg-delivery')).toHaveText(SENT);

    // The conversation goes on over the new socket: typing both ways is live, a reply round trip settles.
    await consumer.typing('COMPOSING');
    await expect(page.getByText(`${who.full} is typing…`)).toBeVisible();
    await consumer.send('ok, thanks');
    await expect(messages.filter({ hasText: 'ok, thanks' })).toHaveCount(1);
    // After that round trip nothing came twice, on either side.
    expect(agentTexts(sim.inspect.messages(consumer.conversationId))).toEqual(texts);
    await expect(messages).toHaveCount(expected.length + 1);

    // Transfer to a skill over the new socket.
    await ws.action('Transfer…').click();
    const dialog = page.getByRole('dialog', { name: 'Transfer to a skill' });
    const skill = dialog.getByRole('listbox', { name: 'Skills' }).getByRole('option').first();
    const skillName = ((await skill.textContent()) ?? '').trim();
    await skill.click();
    await dialog.getByRole('button', { name: /^Transfer to / }).click();
    await expect(dialog).toHaveCount(0);
    await expect(ws.conversation(who.full)).toHaveCount(0);
    await expect.poll(() => sim.inspect.conversation(consumer.conversationId)?.participants.ASSIGNED_AGENT ?? ['still assigned']).toEqual([]);
    expect(skillName).not.toBe('');
  });
});

test.describe('screenshots', () => {
  test.use({ demoSim: true });

  for (const theme of ['light', 'dark'] as const) {
    test(`main screens in ${theme} theme`, async ({ app }) => {
      const { page } = app;
      const demo = app.demo!;
      const ws = workspace(page);
      const dir = join(projectRoot, 'test-results', 'screenshots');
      mkdirSync(dir, { recursive: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      await untilOnline(page);

      // Settings: pick the theme with its own control.
      await ws.settings.click();
      const settings = page.getByRole('dialog', { name: 'Settings' });
      await settings.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
      await expect(page.locator('html')).toHaveClass(new RegExp(`theme-${theme}`));
      await page.screenshot({ path: join(dir, `settings-${theme}.png`) });
      await settings.getByRole('button', { name: 'Close dialog' }).click();
      await expect(settings).toHaveCount(0);

      // A conversation open with several messages and the profile panel, and a ring waiting.
      const who = consumerName('Shot');
      const first = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Hello, my invoice is wrong' });
      const consumer = httpConsumer(demo, first.conversationId);
      await ws.accept(who.full).click();
      await ws.composer.fill('Sorry about that — let me check your account.');
      await ws.composer.press('Enter');
      await consumer.send('Thanks. It says 120 instead of 100, and I was charged twice this month.');
      await ws.composer.fill('I see the duplicate charge. I have refunded 120; you will see it in 3–5 days.');
      await ws.composer.press('Enter');
      await expect(ws.messages(who.full)).toHaveCount(4);
      await expect(ws.messages(who.full).locator('.msg-delivery').last()).toHaveText(SENT);
      await consumer.typing('COMPOSING');
      await expect(page.getByText(`${who.full} is typing…`)).toBeVisible();
      const waiting = consumerName('Wait');
      await demo.open({ firstName: waiting.firstName, lastName: waiting.lastName, skillId: '14', text: 'My router blinks red' });
      await expect(ws.ring(waiting.full)).toBeVisible();
      await expect(ws.side.getByText(`${who.firstName} ${who.lastName}`)).toBeVisible(); // profile loaded
      await page.screenshot({ path: join(dir, `workspace-${theme}.png`) });

      // Sign-in screen (the theme setting stays).
      await ws.signOut.click();
      await expect(page.getByRole('button', { name: 'Try the demo' })).toBeVisible();
      await page.getByText('Advanced', { exact: true }).click();
      await expect(page.getByLabel('CSDS URL (domain service)')).toBeVisible();
      await page.screenshot({ path: join(dir, `signin-${theme}.png`) });
    });
  }
});
