/**
 * The rich renderer (src-renderer/components/rich) in the thread: a normalised card becomes real UI,
 * every string is text, links go through main's allow-check (`shellOpenExternal`), consumer-only and
 * blocked actions are inert, images are never loaded, quick replies are chips.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, RichContent } from '../../src-preload/api';
import { i18n } from '../../src-renderer/i18n';
import { baseSnapshot, conversation, message, type FakeLp } from './fake-lp';
import { renderApp } from './render';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

const CARD: RichContent = {
  root: { type: 'vertical', children: [
    { type: 'image', alt: 'A red running shoe', caption: 'Model X', url: 'https://cdn.example.com/shoe.jpg' },
    { type: 'text', text: '<img src=x onerror="window.__pwned=1"> Red runner', style: { bold: true, color: '#c00', size: 'large' } },
    { type: 'horizontal', children: [
      { type: 'button', title: 'View product', action: { kind: 'link', url: 'https://shop.example.com/x' } },
      { type: 'button', title: 'Buy now', tooltip: 'Buys it', action: { kind: 'consumer-only', type: 'publishText' } },
      { type: 'button', title: 'Sneaky', action: { kind: 'blocked-link', reason: 'scheme', scheme: 'javascript:' } },
    ] },
    { type: 'carousel', children: [{ type: 'vertical', children: [{ type: 'text', text: 'Card 1' }] }, { type: 'vertical', children: [{ type: 'text', text: 'Card 2' }] }] },
    { type: 'unknown', originalType: 'map', text: 'Our store on Main St' },
  ] },
  quickReplies: [
    { title: 'Yes', action: { kind: 'consumer-only', type: 'publishText' } },
    { title: 'Help page', action: { kind: 'link', url: 'https://help.example.com' } },
  ],
};

async function showRich(rich: RichContent, over: Partial<ChatMessage> = {}, language: 'en' | 'es' = 'en', setup?: (lp: FakeLp) => void) {
  const snap = baseSnapshot({ seq: 1 });
  snap.app.language = language;
  snap.session.conversations = [conversation()];
  snap.session.messages = { c1: [message({ sequence: 0, contentType: 'rich-content', text: '[Rich content] Red runner', rich, ...over })] };
  const r = await renderApp(snap);
  setup?.(r.lp);
  await userEvent.click(screen.getByRole('option', { name: /Ada/ }));
  const card = await screen.findByTestId('rich-content');
  return { r, card };
}

describe('rich content in the thread', () => {
  it('renders the card as UI with text only: no markup, no image loaded, the description replaced', async () => {
    const { card } = await showRich(CARD);
    expect(within(card).getByText(/<img src=x onerror=/)).toBeTruthy(); // markup shown as text
    expect(card.querySelector('img, iframe, script, object, embed, a[href^="javascript"]')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    const image = within(card).getByRole('img', { name: 'Image: A red running shoe', hidden: true });
    expect(image.getAttribute('title')).toBe('Image from cdn.example.com, not loaded');
    expect(within(card).getByText('Model X')).toBeTruthy();
    expect(screen.queryByText('[Rich content] Red runner')).toBeNull();
    const styled = within(card).getByText(/Red runner/).closest('.rich-text') as HTMLElement;
    expect(styled.className).toContain('rich-size-large');
    expect(styled.style.fontWeight).toBe('700');
    expect(styled.style.color).toBe('rgb(204, 0, 0)');
    expect(within(card).getByRole('group', { name: 'Carousel of 2', hidden: true })).toBeTruthy();
    expect(within(card).getByText('Our store on Main St')).toBeTruthy();
  });

  it('images: asked of main once each by message and index (never a URL), shown from /files/ when checked, else the placeholder says why', async () => {
    const FILE_URL = '/files/0b7c6a8e-3f1d-4c2a-9e8b-1a2b3c4d5e6f';
    const rich: RichContent = { root: { type: 'vertical', children: [
      { type: 'image', alt: 'A red running shoe', url: 'https://cdn.example.com/shoe.png' },
      { type: 'carousel', children: [{ type: 'image', alt: 'Disguised', url: 'https://cdn.example.com/evil.png' }, { type: 'image', alt: 'No URL' }] },
      { type: 'image', alt: 'Sneaky path', url: 'https://cdn.example.com/x.png' },
    ] } };
    const { r, card } = await showRich(rich, {}, 'en', (lp) => lp.handle('richImageOpen', (a) => {
      const i = (a as { imageIndex: number }).imageIndex;
      if (i === 0) return { ok: true, url: FILE_URL, width: 30, height: 20 };
      if (i === 1) return { ok: false, problem: 'unsafe' };
      return { ok: true, url: 'https://cdn.example.com/x.png', width: 1, height: 1 }; // index 3 (2 has no URL, never asked): not main's path, never put in an <img>
    }));
    await vi.waitFor(() => expect(card.querySelectorAll('img')).toHaveLength(1));
    const img = card.querySelector('img')!;
    expect(img.getAttribute('src')).toBe(FILE_URL);
    expect(img.getAttribute('alt')).toBe('Image: A red running shoe');
    expect(img.className).toBe('rich-image-img');
    expect(await within(card).findByText('Image not shown: File refused: it contains web page or script content.')).toBeTruthy();
    expect(within(card).getByRole('img', { name: 'Image: No URL', hidden: true }).tagName).toBe('DIV');
    expect(within(card).getByRole('img', { name: 'Image: Sneaky path', hidden: true }).tagName).toBe('DIV');
    const asked = r.lp.callsTo('richImageOpen');
    expect(new Set(asked.map((a) => JSON.stringify(a)))).toEqual(new Set([0, 1, 3].map((i) => JSON.stringify({ conversationId: 'c1', sequence: 0, imageIndex: i }))));
    expect(JSON.stringify(asked)).not.toContain('https:');
  });

  it('an image’s problem in Spanish', async () => {
    const { card } = await showRich({ root: { type: 'image', alt: 'Zapato', url: 'https://cdn.example.com/z.png' } }, {}, 'es',
      (lp) => lp.handle('richImageOpen', () => ({ ok: false, problem: 'too-large' })));
    expect(await within(card).findByText(/^Imagen no mostrada: /)).toBeTruthy();
  });

  it('a link button opens through main’s allow-check; a refusal shows one banner', async () => {
    const { r, card } = await showRich(CARD);
    await userEvent.click(within(card).getByRole('button', { name: 'View product', hidden: true }));
    expect(r.lp.callsTo('shellOpenExternal')).toEqual([{ url: 'https://shop.example.com/x' }]);
    r.lp.handle('shellOpenExternal', () => ({ opened: false, reason: 'links to local or private hosts are not opened' }));
    await userEvent.click(within(card).getByRole('button', { name: 'Help page', hidden: true }));
    expect(await screen.findByText('Link not opened: links to local or private hosts are not opened')).toBeTruthy();
  });

  it('consumer-only and blocked actions are inert, say why, and call nothing', async () => {
    const { r, card } = await showRich(CARD);
    const buy = within(card).getByRole('button', { name: 'Buy now', hidden: true });
    expect(buy.getAttribute('aria-disabled')).toBe('true');
    expect(buy.getAttribute('title')).toBe('Buys it — Only the consumer can use this (publishText)');
    const sneaky = within(card).getByRole('button', { name: 'Sneaky', hidden: true });
    expect(sneaky.getAttribute('title')).toBe('Link not offered: javascript: links are never opened');
    await userEvent.click(buy);
    await userEvent.click(sneaky);
    await userEvent.click(within(card).getByRole('button', { name: 'Yes', hidden: true }));
    expect(r.lp.callsTo('shellOpenExternal')).toEqual([]);
    expect(r.lp.callsTo('messageSend')).toEqual([]);
  });

  it('quick replies are chips in their own group; a text message keeps its text beside them', async () => {
    const { card } = await showRich({ quickReplies: CARD.quickReplies ?? [] }, { contentType: 'text/plain', text: 'Did that help?' });
    const group = within(card).getByRole('group', { name: 'Quick replies offered to the consumer', hidden: true });
    expect(within(group).getAllByRole('button', { hidden: true }).map((b) => [b.textContent, b.className.includes('chip')])).toEqual([['Yes', true], ['Help page', true]]);
    expect(screen.getByText('Did that help?')).toBeTruthy();
  });

  it('says when part of the content was left out', async () => {
    await showRich({ root: { type: 'text', text: 'cut' }, truncated: true });
    expect(screen.getByText(/too large or too deeply nested/)).toBeTruthy();
  });

  it('speaks the UI language: Spanish labels and reasons', async () => {
    const { card } = await showRich(CARD, {}, 'es');
    expect(within(card).getByRole('group', { name: 'Respuestas rápidas ofrecidas al consumidor', hidden: true })).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Sneaky', hidden: true }).getAttribute('title')).toBe('Enlace no ofrecido: los enlaces javascript: nunca se abren');
    expect(within(card).getByRole('img', { name: 'Imagen: A red running shoe', hidden: true })).toBeTruthy();
  });
});
