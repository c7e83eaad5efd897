// Response-time timers through the real UI on a fake clock (Playwright's page.clock in the window):
// a conversation whose consumer waits turns amber, then red, at the demo simulator's deadline
// (effectiveTTR: ttr NORMAL 1200 s → amber at 6:40, red at 20:00, src-preload/response-time.ts), and an
// answer stops it. Screenshots of each level, light and dark, in test-results/screenshots/.
// Main's clock is the real one here: the tray's overdue count is pinned by its unit tests on a fake clock.
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { consumerName } from './standin-helpers';
import { onlineInTheme, workspace } from './workspace-helpers';

test.describe('response-time timers', () => {
  test.use({ demoSim: true });
  // A shared, loaded machine: the app's start counts too (nothing here measures time).
  test.describe.configure({ timeout: 120_000 });

  for (const theme of ['light', 'dark'] as const) {
    test(`cross amber and red on a fake clock (${theme})`, async ({ app }) => {
      const { page } = app;
      const demo = app.demo!;
      const ws = workspace(page);
      const dir = await onlineInTheme(page, theme);
      await page.clock.install();

      const who = consumerName('Timer');
      await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Hello? Anyone?' });
      await ws.accept(who.full).click();
      const row = ws.conversation(who.full);
      const timer = row.getByTestId('response-timer');
      await expect(timer).toHaveAttribute('data-level', 'ok');
      await page.screenshot({ path: join(dir, `timers-ok-${theme}.png`) });

      await page.clock.fastForward('07:00');
      await expect(timer).toHaveAttribute('data-level', 'amber');
      await expect(timer).toContainText(/^Waiting 7:[0-5]\d$/);
      await page.screenshot({ path: join(dir, `timers-amber-${theme}.png`) });

      await page.clock.fastForward('13:30');
      await expect(timer).toHaveAttribute('data-level', 'red');
      await expect(timer).toContainText(/^Overdue: waiting 20:[3-5]\d$/);
      await page.screenshot({ path: join(dir, `timers-red-${theme}.png`) });

      // An answer ends the wait.
      await row.click();
      await ws.composer.fill('So sorry for the wait — I am here now.');
      await ws.composer.press('Enter');
      await expect(timer).toHaveCount(0);
    });
  }
});
