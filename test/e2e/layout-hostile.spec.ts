// UI defects of #12 (item 8) through the real UI against the demo simulator: a 1,000-character consumer
// name and control characters never widen the page or push the profile panel's content out, and the
// email wraps between words. Screenshots in light and dark (test-results/screenshots/).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { untilOnline } from './page-helpers';
import { workspace } from './workspace-helpers';
import { projectRoot } from './targets';

test.describe('layout under hostile names', () => {
  test.use({ demoSim: true });

  for (const theme of ['light', 'dark'] as const) {
    test(`a 1,000-character name and control characters (${theme})`, async ({ app }) => {
      const { page } = app;
      const demo = app.demo!;
      const ws = workspace(page);
      const dir = join(projectRoot, 'test-results', 'screenshots');
      mkdirSync(dir, { recursive: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      await untilOnline(page);
      await ws.settings.click();
      const settings = page.getByRole('dialog', { name: 'Settings' });
      await settings.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
      await settings.getByRole('button', { name: 'Close dialog' }).click();

      const firstName = `Longname${'W'.repeat(1000)}`;
      await demo.open({ firstName, lastName: 'Bell\u0007', skillId: '11', text: `ding\u0007 esc\u001B[31m ${'x'.repeat(300)}` });
      const accept = page.getByRole('button', { name: /^Accept ring from Longname/ });
      await accept.click();
      const thread = page.getByRole('region', { name: /^Conversation with Longname/ });
      await expect(thread.getByTestId('message')).toHaveCount(1);
      await expect(thread.getByText(/\[U\+0007\]/)).toBeVisible();
      await expect(ws.side.getByText(/@example\.com$/)).toBeVisible(); // profile loaded

      const overflow = await page.evaluate(() => {
        const doc = document.scrollingElement!;
        const side = document.querySelector('.side') as HTMLElement;
        const head = document.querySelector('.thread-head') as HTMLElement;
        const who = document.querySelector('.msg-who') as HTMLElement;
        return {
          page: doc.scrollWidth - doc.clientWidth,
          side: side.scrollWidth - side.clientWidth,
          headRight: head.getBoundingClientRect().right - (document.querySelector('.pane.center') as HTMLElement).getBoundingClientRect().right,
          whoWidth: who.getBoundingClientRect().width,
          // eslint-disable-next-line no-control-regex -- looking for control characters is the point
          controls: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(document.body.innerText),
        };
      });
      expect(overflow.page).toBeLessThanOrEqual(0);
      expect(overflow.side).toBeLessThanOrEqual(0);
      expect(overflow.headRight).toBeLessThanOrEqual(1);
      expect(overflow.whoWidth).toBeLessThanOrEqual(500);
      expect(overflow.controls).toBe(false);
      // The email wraps only at "@" or a dot: every line of its box ends at one.
      const email = ws.side.locator('dd').filter({ hasText: '@example.com' });
      const lines = await email.evaluate((dd) => {
        const out: string[] = [];
        let top = -1;
        for (const span of Array.from(dd.querySelectorAll('span'))) {
          const t = span.getBoundingClientRect().top;
          if (t !== top) out.push('');
          top = t;
          out[out.length - 1] += span.textContent ?? '';
        }
        return out;
      });
      for (const line of lines.slice(1)) expect(line.startsWith('@') || lines[lines.indexOf(line) - 1]?.endsWith('.')).toBe(true);
      await page.screenshot({ path: join(dir, `long-name-${theme}.png`) });
    });
  }
});
