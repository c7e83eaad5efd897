// Structured content through the real UI against the demo simulator: a consumer's card with buttons
// and quick replies is drawn as UI; a link button reaches shell.openExternal only through main's
// allow-check; consumer-only actions and a javascript: link do nothing; nothing executes. The card's
// image is served by a loopback https "CDN" (its test CA trusted through the IT policy's
// trustedCertificateFiles): main fetches and checks it, and the window shows it only from /files/<id>;
// a disguised SVG stays a placeholder saying why. Screenshots light and dark in test-results/screenshots/.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeCa, makeLeaf } from '../network/pki';
import { SVG_AS_PNG, png } from '../lp/helpers/images';
import { expect, specTempDir, test } from './fixtures';
import { consumerName } from './standin-helpers';
import { httpConsumer, onlineInTheme, workspace } from './workspace-helpers';

const policyDir = specTempDir('lp-e2e-rich-');
const policyFile = join(policyDir, 'policy.json');
let cdn: Server | undefined;
let cdnBase = '';
const served: string[] = [];

const cardWith = (base: string) => ({
  type: 'vertical',
  elements: [
    { type: 'image', url: `${base}/runner.png`, tooltip: 'Red running shoe', caption: 'Runner X, size 42' },
    { type: 'image', url: `${base}/evil.png`, tooltip: 'Disguised page' },
    { type: 'text', text: 'Runner X — back in stock', style: { bold: true, size: 'large' } },
    { type: 'text', text: '<img src=x onerror="window.__pwned=1">€89.00', style: { color: '#1d7a3a' } },
    { type: 'horizontal', elements: [
      { type: 'button', title: 'View product', click: { actions: [{ type: 'link', name: 'View', uri: 'https://shop.example.com/runner-x' }] } },
      { type: 'button', title: 'Add to cart', tooltip: 'Adds it to the cart', click: { actions: [{ type: 'publishText', text: 'add' }] } },
      { type: 'button', title: 'Sneaky', click: { actions: [{ type: 'link', uri: 'javascript:window.__pwned=2' }] } },
    ] },
    { type: 'carousel', elements: [
      { type: 'vertical', elements: [{ type: 'text', text: 'Blue' }, { type: 'button', title: 'Pick blue', click: { actions: [{ type: 'publishText', text: 'blue' }] } }] },
      { type: 'vertical', elements: [{ type: 'text', text: 'Black' }, { type: 'button', title: 'Pick black', click: { actions: [{ type: 'publishText', text: 'black' }] } }] },
    ] },
    { type: 'map', la: 51.5, lo: -0.12, tooltip: 'Our London store' },
  ],
});
const QUICK = { type: 'quickReplies', itemsPerRow: 8, replies: [
  { type: 'button', title: 'Yes please', click: { actions: [{ type: 'publishText', text: 'yes' }] } },
  { type: 'button', title: 'Size guide', click: { actions: [{ type: 'link', uri: 'https://shop.example.com/sizes' }] } },
] };

test.describe('rich content', () => {
  test.use({ demoSim: true, appEnv: { LP_AGENT_POLICY_FILE: policyFile } });

  test.beforeAll(async () => {
    const ca = await makeCa('Rich CDN Root', policyDir);
    const leaf = await makeLeaf(ca, '127.0.0.1');
    writeFileSync(policyFile, JSON.stringify({ trustedCertificateFiles: [ca.certPath] }));
    const bodies: Record<string, Buffer> = { '/runner.png': png(64, 40, [200, 30, 30]), '/evil.png': SVG_AS_PNG };
    const server = createServer({ cert: leaf.cert, key: leaf.key }, (req, res) => {
      served.push(req.url ?? '');
      const body = bodies[req.url ?? ''];
      if (!body) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    cdn = server;
    cdnBase = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    const server = cdn;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  // A shared, loaded machine: the app's start counts too (nothing here measures time).
  test.describe.configure({ timeout: 120_000 });

  for (const theme of ['light', 'dark'] as const) {
    test(`a card with buttons and quick replies (${theme})`, async ({ app }) => {
      const { page } = app;
      const demo = app.demo!;
      const standin = app.standin;
      const ws = workspace(page);
      const dir = await onlineInTheme(page, theme, 860);

      const who = consumerName('Rich');
      const opened = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Do you have this one?' });
      const consumer = httpConsumer(demo, opened.conversationId);
      await ws.accept(who.full).click();
      await expect(ws.messages(who.full)).toHaveCount(1);
      await consumer.rich(cardWith(cdnBase), QUICK);

      const card = ws.thread(who.full).getByTestId('rich-content');
      await expect(card.getByText('Runner X — back in stock')).toBeVisible();
      await expect(card.getByText(/<img src=x onerror=/)).toBeVisible(); // markup as text
      // The image: fetched and checked by main, shown from the app's own origin — never the CDN's URL.
      const shoe = card.getByRole('img', { name: 'Image: Red running shoe' });
      await expect(shoe).toBeVisible();
      await expect(shoe).toHaveJSProperty('tagName', 'IMG');
      await expect(shoe).toHaveAttribute('src', /^\/files\/[0-9a-f-]{36}$/);
      await expect.poll(() => shoe.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(64);
      await expect(card.getByText('Image not shown: File refused: it contains web page or script content.')).toBeVisible();
      await expect(card.getByRole('img', { name: 'Image: Disguised page' })).toHaveJSProperty('tagName', 'DIV');
      await expect(card.locator('img')).toHaveCount(1);
      await expect(card.locator('iframe, script, object, embed')).toHaveCount(0);
      expect(served).toEqual(expect.arrayContaining(['/runner.png', '/evil.png'])); // fetched by main, from the card's URLs
      expect(await page.evaluate(() => [...document.images].some((i) => i.src.includes('127.0.0.1:') && !i.src.includes('/files/')))).toBe(false);
      await expect(card.getByRole('group', { name: 'Carousel of 2' })).toBeVisible();
      await expect(card.getByText('Our London store')).toBeVisible();
      await expect(ws.thread(who.full).getByText(/^\[Rich content\]/)).toHaveCount(0);
      const quick = card.getByRole('group', { name: 'Quick replies offered to the consumer' });
      await expect(quick.getByRole('button')).toHaveText(['Yes please', 'Size guide']);
      await page.screenshot({ path: join(dir, `rich-card-${theme}.png`) });

      // Inert: consumer-only actions and a javascript: link call nothing, navigate nowhere, run nothing.
      // (aria-disabled: Playwright would wait for them to become enabled, so the clicks are forced)
      const before = (await standin!.snapshot()).shell.length;
      await card.getByRole('button', { name: 'Add to cart' }).click({ force: true });
      await card.getByRole('button', { name: 'Sneaky' }).click({ force: true });
      await quick.getByRole('button', { name: 'Yes please' }).click({ force: true });
      await expect(card.getByRole('button', { name: 'Sneaky' })).toHaveAttribute('title', 'Link not offered: javascript: links are never opened');
      await expect(card.getByRole('button', { name: 'Add to cart' })).toHaveAttribute('aria-disabled', 'true');
      // A link button goes through main's allow-check to the OS browser.
      await card.getByRole('button', { name: 'View product' }).click();
      await standin!.waitFor((s) => s.shell.some((c) => c.fn === 'openExternal' && c.arg === 'https://shop.example.com/runner-x'), { what: 'openExternal of the link button' });
      await quick.getByRole('button', { name: 'Size guide' }).click();
      await standin!.waitFor((s) => s.shell.some((c) => c.arg === 'https://shop.example.com/sizes'), { what: 'openExternal of the quick reply' });
      const opened2 = (await standin!.snapshot()).shell.slice(before).map((c) => c.arg);
      expect(opened2).toEqual(['https://shop.example.com/runner-x', 'https://shop.example.com/sizes']);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      // The inert clicks sent nothing to the consumer.
      expect(await consumer.agentTexts()).toEqual([]);
    });
  }
});
