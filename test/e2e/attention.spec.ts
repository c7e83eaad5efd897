// Never miss a ring (#14.1, #14.2) on the stand-in: a ring plays the app's own ring sound at once
// (recorded where the page plays it); unanswered past the escalation delay the sound repeats, the
// frame flashes and the tray shows the attention icon; Accept in the tray stops it all. A consumer
// writing while the window is not focused raises a message toast and the softer sound, counts as
// unread in the list, the badge and the tray tooltip, and clears when the agent looks at it.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordEvents, untilOnline, waitForEvent } from './page-helpers';
import { acceptItems, consumerName } from './standin-helpers';
import { httpConsumer, workspace } from './workspace-helpers';

test.use({ demoSim: true });
test.skip(({ target }) => target !== 'standin', 'sounds, flashing and the tray are recorded by the stand-in only');

test('ring: sound at once; unanswered it escalates (repeat, flash, tray attention); Accept in the tray stops it', async ({ app }) => {
  const standin = app.standin!;
  const { page } = app;
  await untilOnline(page);
  await page.evaluate(() => window.lp.settingsSet({ escalateAfterSeconds: 5, soundVolume: 60 }));
  await recordEvents(page, 'ring/offered', 'ring/ended');
  const who = consumerName('Escalate');
  await app.demo!.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Anyone there?' });
  const ring = await waitForEvent(page, 'ring/offered', {});
  // Announced at once: one ring sound, played by the page at the set volume.
  const first = await standin.waitFor((s) => s.sounds.find((x) => x.file === 'ring.wav'), { what: 'the ring sound' });
  expect(first.volume).toBeCloseTo(0.6);
  // Nobody acts: escalation — the frame flashes, the tray shows attention, the sound repeats.
  const escalated = await standin.waitFor((s) => {
    const tray = s.trays.find((t) => !t.destroyed);
    return s.windows[0]?.flashing && tray?.image.endsWith('attention.png') && s.sounds.filter((x) => x.file === 'ring.wav').length >= 3 ? s : undefined;
  }, { what: 'escalation: flashing, tray attention, the sound repeated', timeout: 30_000 });
  expect(escalated.notifications.filter((n) => n.shown > 0)).toHaveLength(1);

  await standin.clickTrayItem(`accept:${ring.ringId}`);
  await waitForEvent(page, 'ring/ended', { reason: 'accepted' });
  // Calm: no flashing, no attention icon (that the sound stops too is pinned on a fake clock in
  // test/desktop/attention/desktop-attention.test.ts; a "no sound for N seconds" check would be a sleep).
  await standin.waitFor((s) => {
    const tray = s.trays.find((t) => !t.destroyed);
    return !s.windows[0]?.flashing && tray && !tray.image.endsWith('attention.png') && acceptItems(s).length === 0 ? s : undefined;
  }, { what: 'calm after accept: no flashing, no attention icon' });
});

/** What an analyser tapped into the app's own audio graph heard of one play (installTap). */
interface Heard { gain: number; peak: number; released: boolean }

/**
 * Taps the app's sounds where they are heard: every node connected to its context's destination
 * (the app's per-play GainNode) is also connected to an AnalyserNode of the same context, read every
 * 20 ms while it plays (the loudest sample seen); a play's entry is written when its context is
 * suspended (released: true) or, failing that, 3.5 s after it started (released: false; the ring is
 * 0.9 s). Headless Chromium here has no sound card: the graph still renders (to Chromium's fake audio
 * output), and that rendering is what the analyser reads.
 */
async function installTap(page: Page): Promise<void> {
  await page.evaluate(() => {
    const heard: Heard[] = [];
    (window as unknown as { __heard: Heard[] }).__heard = heard;
    const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
    AudioNode.prototype.connect = function tapped(this: AudioNode, ...args: unknown[]): unknown {
      const result = connect.apply(this, args);
      const ctx = this.context;
      if (args[0] !== ctx.destination) return result;
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 2048;
      connect.call(this, analyser);
      const gain = this instanceof GainNode ? this.gain.value : 1;
      const samples = new Float32Array(analyser.fftSize);
      const began = performance.now();
      let peak = 0;
      const read = (): void => {
        analyser.getFloatTimeDomainData(samples);
        for (const x of samples) peak = Math.max(peak, Math.abs(x));
        if (ctx.state === 'suspended') heard.push({ gain, peak, released: true });
        else if (performance.now() - began > 3500) heard.push({ gain, peak, released: false });
        else setTimeout(read, 20);
      };
      read();
      return result;
    } as typeof AudioNode.prototype.connect;
  });
}

test('the ring is audible: an analyser on the app\'s own graph hears it, scaled by the volume setting; the output is released between repeats', async ({ app }) => {
  const standin = app.standin!;
  const { page } = app;
  await untilOnline(page);
  await page.evaluate(() => window.lp.settingsSet({ escalateAfterSeconds: 5, soundVolume: 60 }));
  await installTap(page);
  await recordEvents(page, 'ring/offered');
  const who = consumerName('Audible');
  await app.demo!.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Can you hear me?' });
  await waitForEvent(page, 'ring/offered', {});
  const loud = await page.waitForFunction(() => (window as unknown as { __heard: Heard[] }).__heard.find((h) => h.gain > 0.5), undefined, { timeout: 20_000 });
  // The escalated repeats are played at the volume set now.
  await page.evaluate(() => window.lp.settingsSet({ soundVolume: 15 }));
  const soft = await page.waitForFunction(() => (window as unknown as { __heard: Heard[] }).__heard.find((h) => h.gain < 0.2), undefined, { timeout: 30_000 });
  // waitForFunction resolves on a truthy value only: both found.
  const [a, b] = [await loud.jsonValue(), await soft.jsonValue()] as [Heard, Heard];
  expect(a.gain).toBeCloseTo(0.6);
  expect(b.gain).toBeCloseTo(0.15);
  // Not silence: the ring's own peak (0.52 of full scale) at 60 %.
  expect(a.peak).toBeGreaterThan(0.2);
  expect(b.peak / a.peak).toBeGreaterThan(0.2);
  expect(b.peak / a.peak).toBeLessThan(0.3);
  // After each play the output is suspended (between two repeats: the ring plays 0.9 s of every 4 s).
  expect([a.released, b.released]).toEqual([true, true]);
  const s = await standin.waitFor((st) => (st.sounds.some((x) => x.file === 'ring.wav' && Math.abs(x.volume - 0.15) < 1e-6) ? st : undefined), { what: 'the ring at 15 % in the record' });
  expect(s.sounds.filter((x) => x.file === 'ring.wav').at(0)?.volume).toBeCloseTo(0.6);
});

test('consumer message while unfocused: toast, softer sound, unread in list, badge and tooltip; cleared on focus', async ({ app }) => {
  const standin = app.standin!;
  const { page } = app;
  const ws = workspace(page);
  await untilOnline(page);
  await recordEvents(page, 'ring/offered', 'conversation/upsert', 'attention/unread');
  const who = consumerName('Unread');
  const { conversationId } = await app.demo!.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Hi' });
  await waitForEvent(page, 'ring/offered', { conversationId });
  await ws.accept(who.full).click();
  await waitForEvent(page, 'conversation/upsert', { conversationId, mine: true });
  await expect(ws.composer).toBeVisible();

  // The agent switches to another app; the consumer writes twice.
  await standin.setWindowFocused(false);
  await standin.waitFor((s) => s.windows[0]?.focused === false, { what: 'the window to lose focus' });
  const consumer = httpConsumer(app.demo!, conversationId);
  await consumer.send('Are you there?');
  await consumer.send('Hello?');
  await waitForEvent(page, 'attention/unread', { total: 2 });
  const s = await standin.waitFor((st) => {
    const toast = st.notifications.filter((n) => n.title === `New message from ${who.full}` && n.shown > 0);
    return toast.length >= 2 && st.app.badgeCount === 2 && st.sounds.some((x) => x.file === 'message.wav') ? st : undefined;
  }, { what: 'message toasts, the message sound and badge 2' });
  const toasts = s.notifications.filter((n) => n.title === `New message from ${who.full}`);
  expect(toasts.at(-1)).toMatchObject({ body: 'Hello?', silent: true });
  // One toast per conversation: the first was replaced by the second.
  expect(toasts.filter((n) => !n.closed)).toHaveLength(1);
  expect(s.trays.find((t) => !t.destroyed)?.tooltip).toMatch(/2 unread messages$/);
  await expect(ws.conversation(who.full).getByTestId('conv-unread')).toHaveText('2 unread');

  // The agent comes back to the window, on that conversation: read.
  await standin.setWindowFocused(true);
  await waitForEvent(page, 'attention/unread', { total: 0 });
  await standin.waitFor((st) => st.app.badgeCount === 0 && !st.trays.find((t) => !t.destroyed)?.tooltip.includes('unread'), { what: 'badge and tooltip cleared' });
  await expect(ws.conversation(who.full).getByTestId('conv-unread')).toHaveCount(0);
});
