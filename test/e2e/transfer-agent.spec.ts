// Transfer to a specific agent through the real UI against the demo simulator: the dialog lists the
// chosen skill's agents with their availability (§9 agent status), the conversation is transferred to
// one (§6 SUGGEST), and that agent — a colleague the simulator plays — gets the ring and takes it.
// Screenshots of the dialog light and dark in test-results/screenshots/.
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { consumerName } from './standin-helpers';
import { onlineInTheme, workspace } from './workspace-helpers';

const COLLEAGUE = '70071234.1000002'; // the demo account's agent2 (src-main/simulator/seed.ts)

test.describe('transfer to an agent', () => {
  test.use({ demoSim: true });
  // A shared, loaded machine: the app's start counts too (nothing here measures time).
  test.describe.configure({ timeout: 120_000 });

  for (const theme of ['light', 'dark'] as const) {
    test(`the chosen agent gets the ring (${theme})`, async ({ app }) => {
      const { page } = app;
      const demo = app.demo!;
      const ws = workspace(page);
      const dir = await onlineInTheme(page, theme, 860);

      const who = consumerName('Xfer');
      const opened = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'I want to upgrade my plan' });
      await ws.accept(who.full).click();
      await expect(ws.conversation(who.full)).toBeVisible();
      await ws.conversation(who.full).click();

      await ws.action('Transfer…').click();
      const dialog = page.getByRole('dialog', { name: 'Transfer to a skill' });
      await dialog.getByRole('option', { name: /^Sales/ }).click();
      const agents = dialog.getByRole('listbox', { name: 'Agents in Sales' });
      const colleague = agents.getByRole('option', { name: /agent2/ });
      await expect(colleague).toContainText('Available');
      await expect(agents.getByRole('option')).toHaveCount(2); // "Anyone in Sales" + agent2; never oneself
      await colleague.click();
      await expect(colleague).toHaveAttribute('aria-selected', 'true');
      await page.screenshot({ path: join(dir, `transfer-to-agent-${theme}.png`) });
      await dialog.getByRole('button', { name: 'Transfer to agent2 (Sales)' }).click();
      await expect(dialog).toBeHidden();
      await expect(ws.conversation(who.full)).toHaveCount(0);

      // The simulator rang agent2 only, on Sales, and agent2 took the conversation.
      await expect.poll(async () => (await demo.conversation(opened.conversationId)).rings.filter((r) => r.agentUserId === COLLEAGUE).length).toBe(1);
      await expect.poll(async () => (await demo.conversation(opened.conversationId)).participants.ASSIGNED_AGENT, { timeout: 15_000 }).toEqual([COLLEAGUE]);
      const view = await demo.conversation(opened.conversationId);
      expect(view.skillId).toBe('12');
      expect(view.rings.filter((r) => r.agentUserId !== COLLEAGUE && r.ringState === 'WAITING')).toEqual([]);
    });
  }
});
