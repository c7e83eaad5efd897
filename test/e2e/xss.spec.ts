// Hostile consumer content through the REAL UI (demo mode; consumers driven over the simulator's HTTP
// consumer API): every payload of xss-payloads.ts arrives as a consumer's first message, first name and
// profile (email, phone, customer id); the agent accepts the ring so the queue, the list, the thread, its
// header and the profile panel all show it, and the OS side gets it too: the tray label at once, the
// notification body when the consumer comes back (a first-timer's alert is raised before the name is known).
// Asserted: nothing runs (a page canary, alert/confirm/prompt overridden, CSP violations, dialogs),
// nothing navigates or opens a window, no markup reaches the DOM (a MutationObserver from before the
// first payload + a final query), every surface shows the text inert (bidi controls as visible
// markers), only http(s) URLs become links, and a clicked link reaches shell.openExternal only through
// main's allow-check (allowed ones exactly once, refused ones never, with a banner saying so).
import type { Locator, Page } from '@playwright/test';
import { escapeMarkup } from '../../src-main/desktop/notifications';
import { OS_TEXT_LIMITS, osText } from '../../src-main/desktop/os-text';
import { visibleBidi } from '../../src-renderer/lib/text';
import type { StandinApp, StandinState } from '../electron-standin/launch';
import { expect, test, type DemoSim } from './fixtures';
import { untilOnline } from './page-helpers';
import { acceptItems } from './standin-helpers';
import { PAYLOADS, REFUSED_DIRECT } from './xss-payloads';
import { workspace } from './workspace-helpers';

test.use({ demoSim: true });
test.skip(({ target }) => target !== 'standin', 'notifications, tray, navigations and shell calls are recorded by the stand-in');

/** Profile values are cut at 200 characters by the core (session-profile.ts); names too. */
const PROFILE_MAX = 200;
const CLAMP = 2_000;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * A name as the OS surfaces must show it (os-text.ts): bidi controls as visible markers, invisible
 * characters removed, control characters as spaces, capped at the name limit.
 */
function osLabel(name: string): string {
  return osText(name, { maxLength: OS_TEXT_LIMITS.name });
}

/** The same in a tray menu label on this (Linux) stand-in: `&` doubled for mnemonics. */
const menuName = (osName: string): string => osName.replace(/&/g, '&&');

interface OpenBody { skillId: string; text: string; firstName: string; lastName: string; email: string; phone: string; customerId: string }

async function openConsumer(demo: Pick<DemoSim, 'fetch'>, body: OpenBody | { skillId: string; text: string; consumerId: string }): Promise<{ conversationId: string; consumerId: string }> {
  const res = await demo.fetch('/sim/consumer/conversations', { method: 'POST', body });
  if (!res.ok) throw new Error(`open: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { conversationId: string; consumerId: string };
}

/** Installed before any consumer content: records execution, CSP violations and injected markup. */
async function installCanary(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __xss: string[]; alert: (m?: unknown) => void; confirm: (m?: unknown) => boolean; prompt: (m?: unknown) => null };
    const hits: string[] = [];
    w.__xss = hits;
    w.alert = (m) => void hits.push(`alert:${String(m)}`);
    w.confirm = (m) => (hits.push(`confirm:${String(m)}`), false);
    w.prompt = (m) => (hits.push(`prompt:${String(m)}`), null);
    document.addEventListener('securitypolicyviolation', (e) => hits.push(`csp:${e.violatedDirective}:${e.blockedURI}`));
    const forbidden = new Set(['script', 'img', 'svg', 'iframe', 'object', 'embed', 'style', 'math', 'link', 'meta', 'base', 'form',
      'video', 'audio', 'source', 'details', 'marquee', 'frame', 'frameset', 'template', 'noscript', 'animate', 'body', 'mglyph']);
    const urlAttrs = new Set(['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'xlink:href', 'values', 'background', 'poster']);
    const badUrl = /^[\s\0]*(javascript|data|vbscript|file)\s*:/i;
    const check = (el: Element): void => {
      if (forbidden.has(el.localName)) hits.push(`node:<${el.localName}>`);
      for (const a of Array.from(el.attributes)) {
        if (a.name.startsWith('on')) hits.push(`attr:<${el.localName} ${a.name}>`);
        if (urlAttrs.has(a.name) && badUrl.test(a.value)) hits.push(`url:<${el.localName} ${a.name}=${a.value.slice(0, 40)}>`);
        if (a.name === 'style' && /expression|url\s*\(/i.test(a.value)) hits.push(`style:<${el.localName}>`);
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) check(r.target);
        for (const n of Array.from(r.addedNodes)) {
          if (!(n instanceof Element)) continue;
          check(n);
          for (const d of Array.from(n.querySelectorAll('*'))) check(d);
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  });
}

const canary = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __xss: string[] }).__xss.slice());

const FORBIDDEN_QUERY = 'script, img, svg, iframe, object, embed, style, math, link, meta, base, form, video, audio, source, details, marquee, frame, template, noscript';
/** Markup-like elements inside the panes consumer content lands in. */
function injectedNodes(page: Page): Promise<string[]> {
  return page.evaluate((q) => {
    const panes = Array.from(document.querySelectorAll('nav.pane, main.pane, aside.side, .banners'));
    return panes.flatMap((p) => Array.from(p.querySelectorAll(q)).map((e) => `${p.className}: <${e.localName}>`));
  }, FORBIDDEN_QUERY);
}

const text = (l: Locator): Promise<string> => l.evaluate((e) => e.textContent ?? '');
const hrefs = (l: Locator): Promise<Array<string | null>> => l.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));

function expectOsTextInert(s: StandinState): void {
  const surfaces = [
    ...s.notifications.flatMap((n) => [n.title, n.body]),
    ...s.trays.flatMap((t) => [t.tooltip, t.title, ...(t.menu ?? []).map((i) => i.label ?? '')]),
  ];
  const bad = surfaces.filter((v) => v.includes('<') || BIDI.test(v) || CONTROL.test(v));
  expect(bad, 'notification/tray text with raw markup, bidi or control characters').toEqual([]);
}

async function shellOpens(standin: StandinApp): Promise<string[]> {
  return (await standin.snapshot()).shell.filter((c) => c.fn === 'openExternal').map((c) => c.arg);
}

test(`${PAYLOADS.length} hostile payloads in text, names and profile render inert; links open only through main's allow-check`, async ({ app }) => {
  test.setTimeout(200_000);
  const { page } = app;
  const standin = app.standin!;
  const demo = app.demo!;
  const ws = workspace(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  await untilOnline(page);
  await installCanary(page);
  // The canary is live under the app's CSP: a probe with an inline handler is seen, then removed.
  await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.id = 'xss-probe';
    probe.innerHTML = '<img src="x" onerror="window.__xss.push(\'probe\')">';
    document.body.append(probe);
  });
  // Seen as a node, as a handler attribute, and as the CSP refusing the handler (so nothing of the probe is pending).
  await expect.poll(async () => {
    const hits = await canary(page);
    return ['node:<img>', 'attr:<img onerror>', 'csp:'].map((h) => hits.some((x) => x.startsWith(h)));
  }).toEqual([true, true, true]);
  await page.evaluate(() => {
    document.getElementById('xss-probe')?.remove();
    (window as unknown as { __xss: string[] }).__xss.length = 0;
  });
  const startUrl = page.url();
  const before = await standin.snapshot();
  const returning: Array<{ consumerId: string; osName: string; name: string }> = [];
  expect(await injectedNodes(page)).toEqual([]);
  const left = page.getByRole('navigation', { name: 'Requests and conversations' });
  const center = page.getByRole('main', { name: 'Conversation' });
  const expectedOpens: string[] = [];

  for (const [i, p] of PAYLOADS.entries()) {
    const tag = `Z${i}`;
    const first = p.text.slice(0, PROFILE_MAX);
    const fullName = `${first} ${tag}`.trim();
    const label = visibleBidi(fullName);
    const notified = (await standin.snapshot()).notifications.length;
    const opened = await openConsumer(demo, { skillId: '11', text: p.text, firstName: p.text, lastName: tag, email: p.text, phone: p.text, customerId: p.text });
    returning.push({ consumerId: opened.consumerId, osName: osLabel(fullName), name: p.name });

    // The ring: the queue row names the consumer as inert text; the tray label carries the same name
    // with bidi/control characters neutralised; the OS notification came at once (a first-timer's
    // name is not known yet: the returning pass below checks names in notifications).
    const ring = left.locator('li.ring');
    await expect(ring).toHaveCount(1);
    await expect.poll(() => text(ring.locator('.ring-consumer')), { message: `${p.name}: ring name` }).toBe(label);
    const osName = osLabel(fullName);
    await standin.waitFor((s) => s.notifications.length > notified
      && acceptItems(s).some((item) => (item.label ?? '').startsWith(`Accept — ${menuName(osName)} · `)), { what: `${p.name}: notification + tray item` });

    await ring.locator('button.accept').click();
    await expect(ring).toHaveCount(0);

    // Thread header, conversation list, message text.
    await expect.poll(() => text(center.locator('h2.thread-title')), { message: `${p.name}: thread title` }).toBe(label);
    const selected = ws.conversations.locator('li.conv.selected');
    expect(await text(selected.locator('.conv-consumer')), `${p.name}: list name`).toBe(label);
    expect(BIDI.test(await text(selected.locator('.conv-preview'))), `${p.name}: list preview bidi`).toBe(false);
    const thread = center.getByRole('region', { name: /^Conversation with / });
    const msg = thread.getByTestId('message').locator('.msg-text').first();
    const clamped = p.text.length > CLAMP;
    await expect.poll(async () => {
      const t = await text(msg);
      return clamped ? t.startsWith(visibleBidi(p.text.slice(0, CLAMP))) : t;
    }, { message: `${p.name}: message text` }).toBe(clamped ? true : visibleBidi(p.text));
    // Only http(s) links, exactly the expected ones; never a link cut by the clamp.
    expect(await hrefs(msg), `${p.name}: links`).toEqual(clamped ? [] : (p.links ?? []));
    if (clamped) {
      await msg.getByRole('button', { name: /^Show more/ }).click();
      await expect.poll(() => hrefs(msg)).toEqual([p.text]);
      await msg.getByRole('link').click();
      await expect(page.getByRole('alert').filter({ hasText: 'Link not opened: link too long' })).toBeVisible();
      await page.locator('.banner').getByRole('button', { name: 'Dismiss' }).first().click();
    }
    if (p.click) {
      await msg.getByRole('link').click();
      if (p.click.expect === 'opens') {
        expectedOpens.push(p.click.url);
        await standin.waitFor((s) => s.shell.filter((c) => c.fn === 'openExternal' && c.arg === (p.click as { url: string }).url).length > 0, { what: `${p.name}: openExternal` });
      } else {
        await expect(page.getByRole('alert').filter({ hasText: /^Link not opened: / })).toBeVisible();
        await page.locator('.banner').getByRole('button', { name: 'Dismiss' }).first().click();
      }
    }

    // The profile panel: every field as inert text.
    const fields = ws.side.locator('.profile-fields');
    await expect(fields).toBeVisible();
    const profile = await fields.evaluate((dl) => {
      const out: Record<string, string> = {};
      for (const dt of Array.from(dl.querySelectorAll('dt'))) out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
      return out;
    });
    const shown = visibleBidi(first);
    expect(profile, `${p.name}: profile`).toMatchObject({ Name: visibleBidi(`${first} ${tag}`), Email: shown, Phone: shown, 'Customer id': shown });

    expect(await canary(page), `${p.name}: canary`).toEqual([]);
  }

  // Every consumer comes back: now their profile is known, so the OS notification names them at
  // once — markup-escaped for the Linux daemon, bidi/control characters neutralised.
  for (const r of returning) {
    const notified = (await standin.snapshot()).notifications.length;
    const { conversationId } = await openConsumer(demo, { skillId: '11', text: 'back again', consumerId: r.consumerId });
    await standin.waitFor((s) => s.notifications.slice(notified).some((n) => n.body.startsWith(`${escapeMarkup(r.osName)} · `)), { what: `${r.name}: returning consumer's notification` });
    await demo.close(conversationId);
    await standin.waitFor((s) => s.notifications.slice(notified).every((n) => n.closed) && acceptItems(s).length === 0, { what: `${r.name}: the returning ring to end` });
  }

  // Nothing ran, nothing navigated, nothing opened a window; no markup in the panes.
  expect(await canary(page)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await injectedNodes(page)).toEqual([]);
  expect(page.url()).toBe(startUrl);
  const after = await standin.snapshot();
  expect(after.navigations.slice(before.navigations.length)).toEqual([]);
  expect(after.windowOpens.slice(before.windowOpens.length)).toEqual([]);
  expect(after.windows.filter((w) => !w.destroyed)).toHaveLength(before.windows.filter((w) => !w.destroyed).length);
  expectOsTextInert(after);

  // Allowed links reached the shell exactly once each; nothing else ever did.
  const opens = (await shellOpens(standin)).slice(before.shell.length);
  expect(opens).toEqual(expectedOpens);
  expect(opens.every((u) => /^https?:\/\//.test(u) && !new URL(u).username)).toBe(true);

  // A compromised renderer asking main directly: refused, never reaches the shell.
  for (const url of REFUSED_DIRECT) {
    const r = await page.evaluate((u) => window.lp.shellOpenExternal({ url: u }).then((x) => x.opened, () => false), url);
    expect(r, url.slice(0, 60)).toBe(false);
  }
  expect((await shellOpens(standin)).slice(before.shell.length)).toEqual(expectedOpens);
});
