// Private messages through the real UI against the demo simulator: a manager's whisper is shown as
// private (never as the agent's line), the composer's "Private note" toggle writes a note the consumer
// never receives, and both are screenshotted in light and dark (test-results/screenshots/).
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { consumerName } from './standin-helpers';
import { httpConsumer, onlineInTheme, workspace } from './workspace-helpers';

const PRIVATE = 'Private — not visible to the consumer';

test.describe('private messages', () => {
  test.use({ demoSim: true });

  for (const theme of ['light', 'dark'] as const) {
    test(`whisper and private note (${theme})`, async ({ app }) => {
      const { page } = app;
      const demo = app.demo!;
      const ws = workspace(page);
      const dir = await onlineInTheme(page, theme);

      const who = consumerName('Whisper');
      const opened = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'My parcel never arrived' });
      const consumer = httpConsumer(demo, opened.conversationId);
      await ws.accept(who.full).click();
      await expect(ws.messages(who.full)).toHaveCount(1);

      // The manager whispers: a private row, announced as private, not the agent's own bubble.
      await consumer.whisper('Offer a full refund, it is approved');
      const whisper = ws.messages(who.full).filter({ hasText: 'Offer a full refund' });
      await expect(whisper).toContainText(PRIVATE);
      await expect(whisper).toHaveClass(/msg-private/);
      await expect(whisper).not.toHaveClass(/msg-own/);
      await expect(page.getByTestId('message-announcer')).toContainText('New private message');

      // A private note through the toggle; the composer says it is on.
      await page.getByRole('switch', { name: 'Private note' }).check();
      await expect(page.getByText('Private — only agents and managers see this, not the consumer')).toBeVisible();
      const noteBox = page.getByRole('textbox', { name: 'Private note (not visible to the consumer)' });
      await noteBox.fill('Customer waited 3 weeks — refund approved by Sam');
      await page.screenshot({ path: join(dir, `private-note-composer-${theme}.png`) });
      await noteBox.press('Enter');
      const note = ws.messages(who.full).filter({ hasText: 'Customer waited 3 weeks' });
      await expect(note).toContainText(PRIVATE);
      await expect(note).toContainText('You (private note)');
      await expect(note.locator('.msg-delivery')).toHaveText(/^(Sent|Delivered|Read)$/);

      // Toggle off: a normal message. The consumer received only that one, never the note.
      await page.getByRole('switch', { name: 'Private note' }).uncheck();
      await ws.composer.fill('Good news: a full refund is on its way.');
      await ws.composer.press('Enter');
      await expect.poll(() => consumer.agentTexts()).toEqual(['Good news: a full refund is on its way.']);
      const stored = await consumer.messages();
      expect(stored.filter((m) => m.messageAudience === 'AGENTS_AND_MANAGERS').map((m) => m.event.message))
        .toEqual(['Offer a full refund, it is approved', 'Customer waited 3 weeks — refund approved by Sam']);
      await page.screenshot({ path: join(dir, `private-messages-${theme}.png`) });
    });
  }
});
