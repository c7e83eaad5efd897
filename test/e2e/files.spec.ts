// Files both ways through the real UI against the demo simulator (issue 12.1): a consumer's photo
// shown as a thumbnail served by main on app://lp/files/ (never a remote URL), opened in the viewer
// and saved through main's save dialog; images sent by attach, drag and drop and paste; an upload
// interrupted by a socket drop published exactly once. Screenshots of the thumbnail, the viewer and
// the upload progress in light and dark (test-results/screenshots/).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { DemoSim } from './fixtures';
import { untilOnline } from './page-helpers';
import { consumerName } from './standin-helpers';
import { httpConsumer, onlineInTheme, workspace } from './workspace-helpers';
import { png } from '../lp/helpers/images';
import type { SimMessage } from '../../src-main/simulator/api';

const agentFiles = (messages: SimMessage[]): SimMessage[] => messages.filter((m) => m.role !== 'CONSUMER' && m.event.contentType === 'hosted/file');

async function fault(demo: DemoSim, name: string, body: unknown): Promise<void> {
  const res = await demo.fetch(`/sim/faults/${name}`, { method: 'POST', body });
  if (!res.ok) throw new Error(`fault ${name}: HTTP ${res.status} ${await res.text()}`);
}

test.describe('files', () => {
  test.use({ demoSim: true });
  // one long journey per theme (receive, view, save, three ways to send, progress, a socket drop) on a shared machine
  test.setTimeout(240_000);

  for (const theme of ['light', 'dark'] as const) {
    test(`receive a photo, view and save it; send by attach, drag and paste; an upload through a socket drop (${theme})`, async ({ app }) => {
      const { page } = app;
      const demo = app.demo!;
      const ws = workspace(page);
      const dir = await onlineInTheme(page, theme);

      const who = consumerName('Photo');
      const opened = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'The parcel arrived broken' });
      const consumer = httpConsumer(demo, opened.conversationId);
      await ws.accept(who.full).click();
      await expect(ws.messages(who.full)).toHaveCount(1, { timeout: 20_000 });

      // The consumer's photo: a thumbnail from app://lp/files/, its caption, no remote fetch.
      const photo = png(320, 200, [30, 120, 200]);
      const path = `/sim/consumer/conversations/${encodeURIComponent(opened.conversationId)}/files`;
      expect((await demo.fetch(path, { method: 'POST', body: { fileType: 'PNG', caption: 'The box as it arrived', base64: photo.toString('base64') } })).ok).toBe(true);
      const thumb = page.getByRole('button', { name: 'Open image: The box as it arrived' });
      const img = thumb.getByRole('img', { name: 'The box as it arrived' });
      await expect(img).toHaveAttribute('src', /^\/files\/[0-9a-f-]{36}$/);
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320);
      await page.screenshot({ path: join(dir, `file-thumbnail-${theme}.png`) });

      // A disguised page is refused in words, and shows no image.
      const html = Buffer.from('<html><script>alert(1)</script></html>');
      await demo.fetch(path, { method: 'POST', body: { fileType: 'PNG', caption: 'innocent.png', base64: html.toString('base64') } });
      await expect(page.getByText('File refused: it contains web page or script content.')).toBeVisible();

      // The viewer, and Save as… through main's dialog (the stand-in answers its default path).
      await thumb.click();
      const viewer = page.getByRole('dialog', { name: 'Image' });
      await expect(viewer.getByRole('img', { name: 'The box as it arrived' })).toBeVisible();
      await page.screenshot({ path: join(dir, `file-viewer-${theme}.png`) });
      mkdirSync(join(app.userDataDir, 'paths', 'downloads'), { recursive: true });
      await viewer.getByRole('button', { name: 'Save as…' }).click();
      await expect(viewer.getByText('Saved.')).toBeVisible();
      const saveDialog = app.standin?.state?.dialogs.find((d) => d.fn === 'showSaveDialog' && d.title === 'Save image');
      expect(saveDialog).toBeTruthy();
      const seq = (await consumer.messages()).find((m) => m.event.contentType === 'hosted/file')!.sequence;
      expect(readFileSync(join(app.userDataDir, 'paths', 'downloads', `image-${seq}.png`))).toEqual(photo);
      await viewer.getByRole('button', { name: 'Close', exact: true }).click();

      // Send by attach: the typed text becomes the caption.
      await ws.composer.fill('Here is the return label');
      await page.getByLabel('Image to send').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: png(40, 30) });
      await expect.poll(async () => agentFiles(await consumer.messages()).map((m) => (m.event.message as { caption?: string }).caption)).toEqual(['Here is the return label']);

      // Drag and drop, then paste, onto the composer.
      const bytes = [...png(16, 16, [250, 200, 0])];
      for (const kind of ['drop', 'paste'] as const) {
        await ws.composer.evaluate((el, { kind: k, data }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([new Uint8Array(data)], `${k}.png`, { type: 'image/png' }));
          const event = k === 'drop'
            ? new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })
            : new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
          el.dispatchEvent(event);
        }, { kind, data: bytes });
      }
      await expect.poll(async () => agentFiles(await consumer.messages()).length).toBe(3);

      // Upload progress (the upload URL's answer held for a moment), screenshotted.
      await fault(demo, 'delay-responses', { ms: 2_500, type: 'GenerateURLForUploadFile' });
      await page.getByLabel('Image to send').setInputFiles({ name: 'slow.png', mimeType: 'image/png', buffer: png(64, 64) });
      await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
      await page.screenshot({ path: join(dir, `file-upload-progress-${theme}.png`) });
      await expect.poll(async () => agentFiles(await consumer.messages()).length).toBe(4);
      await fault(demo, 'delay-responses', { ms: 0 });

      // An upload interrupted by a socket drop: finished after the reconnect, published exactly once.
      await fault(demo, 'drop-responses', { count: 1, type: 'GenerateURLForUploadFile' });
      await page.getByLabel('Image to send').setInputFiles({ name: 'drop.png', mimeType: 'image/png', buffer: png(8, 8, [0, 150, 0]) });
      await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
      await fault(demo, 'drop-sockets', {});
      await expect.poll(async () => agentFiles(await consumer.messages()).length, { timeout: 30_000 }).toBe(5);
      await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toHaveCount(0);
      // and stays one: nothing published later
      await untilOnline(page);
      expect(agentFiles(await consumer.messages())).toHaveLength(5);
    });
  }
});
