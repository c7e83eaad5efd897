// Main checks every IPC call before anything runs: the argument must parse with the contract's schema
// (no missing, mistyped, extra or oversized fields) and the sender must be our own page. A rejected
// call fails with `400|IPC#<name>|…` (403 for a foreign sender) and never reaches the core: the ring
// the bad calls name is still waiting afterwards, in the app and in the simulator, and a valid call
// then accepts it.
import { expect, test } from './fixtures';
import { recordEvents, untilOnline, waitForEvent } from './page-helpers';
import { consumerName } from './standin-helpers';

test.use({ demoSim: true });

test('invalid IPC payloads are rejected with a clear 400 and the core is not reached', async ({ app }) => {
  const { page } = app;
  await untilOnline(page);
  await recordEvents(page, 'ring/offered', 'conversation/upsert');
  const who = consumerName('Ipc');
  const { conversationId } = await app.demo!.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11' });
  const { ringId } = await waitForEvent(page, 'ring/offered', { conversationId });

  const outcomes = await page.evaluate(async (id) => {
    const attempt = async (call: () => Promise<unknown>): Promise<string> => {
      try {
        await call();
        return 'resolved';
      } catch (err) {
        return err instanceof Error ? err.message : `non-Error: ${String(err)}`;
      }
    };
    // The bad arguments are deliberately outside the contract's types.
    const lp = window.lp as unknown as Record<string, (arg?: unknown) => Promise<unknown>>;
    const accept = lp.ringAccept!;
    return {
      empty: await attempt(() => accept({})),
      missing: await attempt(() => accept()),
      nullArg: await attempt(() => accept(null)),
      wrongType: await attempt(() => accept({ ringId: 42 })),
      arrayArg: await attempt(() => accept([id])),
      extraKey: await attempt(() => accept({ ringId: id, force: true })),
      emptyString: await attempt(() => accept({ ringId: '' })),
      huge: await attempt(() => accept({ ringId: `${id}${'x'.repeat(1_000_000)}` })),
      availability: await attempt(() => lp.agentSetAvailability!({ availability: 'PARTY' })),
      message: await attempt(() => lp.messageSend!({ conversationId: 'c1', text: 'x'.repeat(100_001) })),
      login: await attempt(() => lp.sessionLogin!({ accountId: '../../etc', username: 'a', password: 'p', remember: false })),
      settings: await attempt(() => lp.settingsSet!({ notifications: 'yes' })),
      settingsExtra: await attempt(() => lp.settingsSet!({ theme: 'dark', admin: true })),
      emptyArgsExtra: await attempt(() => lp.appState!({ debug: 1 })),
    };
  }, ringId);

  const expected: Record<keyof typeof outcomes, string> = {
    empty: 'ring/accept', missing: 'ring/accept', nullArg: 'ring/accept', wrongType: 'ring/accept', arrayArg: 'ring/accept',
    extraKey: 'ring/accept', emptyString: 'ring/accept', huge: 'ring/accept', availability: 'agent/set-availability',
    message: 'message/send', login: 'session/login', settings: 'settings/set', settingsExtra: 'settings/set', emptyArgsExtra: 'app/state',
  };
  for (const [key, name] of Object.entries(expected) as Array<[keyof typeof outcomes, string]>) {
    const message = outcomes[key];
    expect(message, key).toMatch(new RegExp(`^400\\|IPC#${name}\\|${name}: invalid argument: .+`));
    // Clear, short, and never an echo of the payload.
    expect(message.length, key).toBeLessThan(400);
  }
  expect(outcomes.extraKey).toMatch(/force/);
  expect(outcomes.wrongType).toMatch(/ringId/);

  // Nothing reached the core: the ring still waits, here and in the simulator; no conversation joined.
  const snap = await page.evaluate(() => window.lp.sessionSnapshot());
  expect(snap.session.rings.find((r) => r.ringId === ringId)?.state).toBe('WAITING');
  expect(snap.session.conversations.filter((c) => c.mine)).toEqual([]);
  expect(snap.settings.notifications).toBe(true);
  expect(snap.session.availability).toBe('ONLINE');
  const view = await app.demo!.conversation(conversationId);
  expect(view.rings.find((r) => r.ringId === ringId)?.ringState).toBe('WAITING');

  // The same ring, asked for properly, is accepted.
  await page.evaluate((id) => window.lp.ringAccept({ ringId: id }), ringId);
  await waitForEvent(page, 'conversation/upsert', { conversationId, mine: true });
});

test('a call from a foreign frame URL is rejected with 403 before anything runs', async ({ app, target }) => {
  // Real Electron gives a subframe no preload (nodeIntegrationInSubFrames off), so no page can forge
  // the sender there; isTrustedSender itself is unit-tested in test/desktop/ipc.test.ts.
  test.skip(target !== 'standin', 'forging event.senderFrame.url needs the stand-in hook invokeAs');
  const standin = app.standin!;
  await untilOnline(app.page);
  await recordEvents(app.page, 'ring/offered');
  const who = consumerName('Frame');
  const { conversationId } = await app.demo!.open({ firstName: who.firstName, lastName: who.lastName, skillId: '12' });
  const { ringId } = await waitForEvent(app.page, 'ring/offered', { conversationId });
  const ours = app.page.url();

  // The renderer's origin is app://lp (served only from dist/renderer); another host on the scheme, or
  // the renderer's own file as a file:// URL, is someone else.
  for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'app://evil/index.html', 'about:blank', '']) {
    const reply = await standin.invokeAs(url, 'lp:req:ring/accept', [{ ringId }]);
    expect(reply.ok, url).toBe(false);
    if (!reply.ok) expect(reply.error, url).toMatch(/403\|IPC#ring\/accept\|ring\/accept rejected: the sender is not the app window$/);
    const state = await standin.invokeAs(url, 'lp:req:app/state', []);
    expect(state.ok, url).toBe(false);
  }
  // Our own page (even with a hash) is trusted: the hook itself is not what fails.
  const own = await standin.invokeAs(`${ours}#/rings`, 'lp:req:app/state', []);
  expect(own).toMatchObject({ ok: true, result: { mode: 'demo' } });

  const view = await app.demo!.conversation(conversationId);
  expect(view.rings.find((r) => r.ringId === ringId)?.ringState).toBe('WAITING');
});
