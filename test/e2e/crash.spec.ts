// A renderer that dies: main reloads the window and the page takes its state back from main's
// snapshot — the accepted conversation and its messages are still there, and the agent carries on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { untilOnline } from './page-helpers';
import { consumerName } from './standin-helpers';
import { httpConsumer, workspace } from './workspace-helpers';

test.use({ demoSim: true });
test.skip(({ target }) => target !== 'standin', 'the renderer is killed through a stand-in hook');

test('render-process-gone → the window reloads; conversations and messages intact; replies still work', async ({ app }) => {
  const { page } = app;
  const standin = app.standin!;
  const demo = app.demo!;
  const ws = workspace(page);
  await untilOnline(page);
  const who = consumerName('Crash');
  const opened = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Before the crash' });
  await ws.accept(who.full).click();
  await expect(ws.messages(who.full).filter({ hasText: 'Before the crash' })).toHaveCount(1);

  await standin.crashRenderer();
  await standin.waitFor((s) => (s.windows[0]?.rendererCrashes ?? 0) === 1, { what: 'the renderer to die' });
  await standin.waitFor((s) => s.windows[0]?.loaded && !s.windows[0].url.startsWith('about:'), { what: 'the window to reload the app' });
  await expect.poll(() => readFileSync(join(app.userDataDir, 'logs', 'main.log'), 'utf8')).toMatch(/renderer gone \(crashed, exit code \d+\): reloading the window/);

  // The state came back from main: the conversation, its message, and the agent can reply.
  await untilOnline(page);
  await ws.conversation(who.full).click();
  await expect(ws.messages(who.full).filter({ hasText: 'Before the crash' })).toHaveCount(1);
  await ws.composer.click();
  await ws.composer.pressSequentially('After the crash');
  await ws.composer.press('Enter');
  await expect.poll(() => httpConsumer(demo, opened.conversationId).agentTexts()).toEqual(['After the crash']);
});
