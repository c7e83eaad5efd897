// Shift soak, DOM side (issue #15.4), without timings: conversations accepted, chatted in, closed
// and dismissed through the UI must leave no DOM behind. Detached nodes still alive (kept from JS)
// are counted in the renderer's heap snapshot (CDP HeapProfiler; bench/lib/heap-detached.ts) after
// 2 conversations and again after 6 more: the count must not grow with the number of conversations.
// What is detached by design stays the same whatever the number of conversations.
// And every node Blink counts (CDP `Nodes`, the soak's DOM figure: detached or not, UA shadow trees,
// Attr nodes) must not grow either, once the Attr nodes of elements in the document are left out:
// Playwright's actions read `element.attributes` to describe elements, and each attribute read so
// stays an Attr node while its element lives (bench/lib/heap-detached.ts snapshotDomNodes).
import type { Page } from '@playwright/test';
import { detachedNodes, pageHeapSnapshot, snapshotDomNodes } from '../../bench/lib/heap-detached';
import { expect, test, type DemoSim } from './fixtures';
import { untilOnline } from './page-helpers';
import { consumerName } from './standin-helpers';
import { httpConsumer, workspace, words } from './workspace-helpers';

test.use({ demoSim: true });

/** Ring → accept → one message each way → closed by the agent → its "closed" notice dismissed. */
async function oneConversation(page: Page, demo: DemoSim, k: number): Promise<void> {
  const ws = workspace(page);
  const who = consumerName(`Soak${k}`);
  const opened = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: `hello ${k}` });
  await ws.accept(who.full).click();
  await expect(ws.messages(who.full).filter({ hasText: `hello ${k}` })).toHaveCount(1);
  await ws.composer.fill(`reply ${k}`);
  await ws.composer.press('Enter');
  await expect(ws.messages(who.full).filter({ hasText: `reply ${k}` })).toHaveCount(1);
  await httpConsumer(demo, opened.conversationId).send(`thanks ${k}`);
  await expect(ws.messages(who.full).filter({ hasText: `thanks ${k}` })).toHaveCount(1);
  await ws.action('Close conversation').click();
  await ws.side.getByRole('group', { name: 'Confirm close' }).getByRole('button', { name: 'Yes, close' }).click();
  await expect(ws.conversation(who.full)).toHaveCount(0);
  await expect(page.getByText(words().workspace.placeholder)).toBeVisible();
  const dismiss = page.locator('.banner').getByRole('button', { name: words().rings.dismiss });
  while (await dismiss.count() > 0) await dismiss.first().click();
}

test('conversations opened and closed leave no detached DOM behind: the count does not grow with their number', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  const demo = app.demo!;
  await untilOnline(page);
  const cdp = await page.context().newCDPSession(page);
  const census = async (): Promise<{ detached: string[]; nodes: number; attr: Record<string, number>; accounted: number }> => {
    const text = await pageHeapSnapshot(cdp);
    // Read right after the snapshot's GC; nothing runs in the page in between.
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    const dom = snapshotDomNodes(text);
    const attrOfAttached = Object.entries(dom.attr).reduce((n, [owner, k]) => n + (owner.startsWith('<') ? k : 0), 0);
    return { detached: detachedNodes(text).map((n) => `${n.name} ← ${n.retainers.slice(-4).join(' ')}`), nodes: nodes - attrOfAttached, attr: dom.attr, accounted: dom.total };
  };

  for (let k = 0; k < 2; k++) await oneConversation(page, demo, k);
  const after2 = await census();
  for (let k = 2; k < 8; k++) await oneConversation(page, demo, k);
  const after8 = await census();

  // The same detached nodes (by name and holder), not more: a node kept per conversation would add 6.
  expect(after8.detached.length, `detached after 8 conversations:\n${after8.detached.join('\n')}\nafter 2:\n${after2.detached.join('\n')}`).toBeLessThanOrEqual(after2.detached.length);
  // Nor more nodes of any kind (Attr nodes of elements in the document apart: see above).
  expect(after8.nodes, `nodes without Attr nodes of attached elements after 2 / 8 conversations: ${after2.nodes} / ${after8.nodes}; Attr nodes by owner after 8: ${JSON.stringify(after8.attr)}; snapshot accounted for ${after8.accounted}`).toBeLessThanOrEqual(after2.nodes);
  await cdp.detach();
});
