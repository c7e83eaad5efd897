/**
 * Structured content normaliser (decisions/rich-content.ts) against a hostile corpus: dangerous URL
 * schemes, deep and wide nesting, prototype keys, wrong types, 1 MB strings. Whatever comes in, what
 * comes out is an allow-listed, bounded tree of plain strings.
 */
import { describe, expect, it } from 'vitest';
import { linkProblem, normaliseRichContent, RICH_LIMITS } from '../../../src-main/lp/decisions/rich-content';
import { describeEvent, toChatMessage } from '../../../src-main/lp/decisions/messages';
import type { RichContent, RichNode } from '../../../src-main/lp/protocol/model';

const link = (uri: string) => ({ type: 'button', title: 'Open', click: { actions: [{ type: 'link', name: 'Open', uri }] } });

/** Every node of a tree, depth first, with its depth. */
function walk(node: RichNode | undefined, depth = 0, out: Array<{ node: RichNode; depth: number }> = []): Array<{ node: RichNode; depth: number }> {
  if (!node) return out;
  out.push({ node, depth });
  if ('children' in node) for (const c of node.children) walk(c, depth + 1, out);
  return out;
}

/** A container's children (throws for anything else: the test expected a container). */
function childrenOf(node: RichNode | undefined): RichNode[] {
  if (!node || !('children' in node)) throw new Error('expected a container');
  return node.children;
}

/** Every string anywhere in a value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

describe('structured content normaliser', () => {
  it('keeps a real card: containers, styled text, image, link and consumer-only buttons, carousel, quick replies', () => {
    const card = {
      type: 'vertical',
      elements: [
        { type: 'image', url: 'https://cdn.example.com/shoe.jpg', tooltip: 'A red running shoe', caption: 'Model X' },
        { type: 'text', text: 'Red runner', tooltip: 'name', style: { bold: true, italic: true, color: '#c00', size: 'large', 'background-color': 'url(x)' } },
        { type: 'horizontal', elements: [
          link('https://shop.example.com/x'),
          { type: 'button', title: 'Buy now', click: { actions: [{ type: 'publishText', text: 'buy' }] } },
          { type: 'button', title: 'Directions', click: { actions: [{ type: 'navigate', lo: 1, la: 2 }, { type: 'link', uri: 'https://maps.example.com' }] } },
        ] },
        { type: 'carousel', elements: [{ type: 'vertical', elements: [{ type: 'text', text: 'Card 1' }] }, { type: 'vertical', elements: [{ type: 'text', text: 'Card 2' }] }] },
      ],
    };
    const quick = { type: 'quickReplies', itemsPerRow: 8, replies: [
      { type: 'button', title: 'Yes', tooltip: 'yes', click: { actions: [{ type: 'publishText', text: 'yes' }] } },
      { type: 'button', title: 'Help page', click: { actions: [{ type: 'link', uri: 'https://help.example.com' }] } },
    ] };
    expect(normaliseRichContent(card, quick)).toEqual({
      root: { type: 'vertical', children: [
        { type: 'image', alt: 'A red running shoe', caption: 'Model X', url: 'https://cdn.example.com/shoe.jpg' },
        { type: 'text', text: 'Red runner', tooltip: 'name', style: { bold: true, italic: true, color: '#c00', size: 'large' } },
        { type: 'horizontal', children: [
          { type: 'button', title: 'Open', action: { kind: 'link', url: 'https://shop.example.com/x' } },
          { type: 'button', title: 'Buy now', action: { kind: 'consumer-only', type: 'publishText' } },
          { type: 'button', title: 'Directions', action: { kind: 'link', url: 'https://maps.example.com' } },
        ] },
        { type: 'carousel', children: [
          { type: 'vertical', children: [{ type: 'text', text: 'Card 1' }] },
          { type: 'vertical', children: [{ type: 'text', text: 'Card 2' }] },
        ] },
      ] },
      quickReplies: [
        { title: 'Yes', tooltip: 'yes', action: { kind: 'consumer-only', type: 'publishText' } },
        { title: 'Help page', action: { kind: 'link', url: 'https://help.example.com' } },
      ],
    } satisfies RichContent);
  });

  it('never offers javascript:, data:, file: or other non-http(s) links; a link element with one is blocked', () => {
    const hostile = ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd',
      'vbscript:msgbox', 'chrome://settings', 'app://lp/index.html', 'not a url', `https://x.example/${'a'.repeat(RICH_LIMITS.maxUrl)}`];
    for (const uri of hostile) {
      const out = normaliseRichContent({ type: 'vertical', elements: [link(uri), { type: 'link', title: 'L', url: uri }, { type: 'image', url: uri, tooltip: 'i' }] });
      const [button, linkEl, image] = childrenOf(out?.root);
      expect(button).toMatchObject({ type: 'button', action: { kind: 'blocked-link' } });
      expect(linkEl).toMatchObject({ type: 'button', title: 'L', action: { kind: 'blocked-link' } });
      expect(image).toEqual({ type: 'image', alt: 'i' }); // no url kept
      expect(strings(out).some((s) => s.includes(uri.trim()) && uri.length < 100)).toBe(false);
    }
    expect(linkProblem('javascript:alert(1)')).toEqual({ kind: 'blocked-link', reason: 'scheme', scheme: 'javascript:' });
    expect(linkProblem('not a url')).toEqual({ kind: 'blocked-link', reason: 'invalid' });
    expect(linkProblem('https://ok.example.com/a?b#c')).toBeUndefined();
    // http images are not kept either: only https may ever be fetched (by main, never the window)
    expect(normaliseRichContent({ type: 'image', url: 'http://x.example/a.png' })?.root).toEqual({ type: 'image', alt: '' });
  });

  it('bounds deep nesting (100 000 levels) without a stack overflow', () => {
    let deep: Record<string, unknown> = { type: 'text', text: 'bottom' };
    for (let i = 0; i < 100_000; i += 1) deep = { type: 'vertical', elements: [deep] };
    const out = normaliseRichContent(deep);
    expect(out?.truncated).toBe(true);
    const depths = walk(out?.root).map((n) => n.depth);
    expect(Math.max(...depths)).toBeLessThanOrEqual(RICH_LIMITS.maxDepth);
    expect(JSON.stringify(out).length).toBeLessThan(2_000);
  });

  it('bounds wide nesting: children per container and nodes per tree', () => {
    const wide = { type: 'vertical', elements: Array.from({ length: 100_000 }, (_, i) => ({ type: 'text', text: `t${i}` })) };
    const out = normaliseRichContent(wide);
    expect(out?.truncated).toBe(true);
    expect(childrenOf(out?.root)).toHaveLength(RICH_LIMITS.maxChildren);
    // 20 × 20 × 20 elements: the node budget stops it
    const cube = { type: 'vertical', elements: Array.from({ length: 20 }, () => ({ type: 'horizontal', elements: Array.from({ length: 20 }, () => ({ type: 'vertical', elements: Array.from({ length: 20 }, () => ({ type: 'text', text: 'x' })) })) })) };
    const c = normaliseRichContent(cube);
    expect(walk(c?.root).length).toBeLessThanOrEqual(RICH_LIMITS.maxNodes);
    expect(c?.truncated).toBe(true);
    const quick = normaliseRichContent(undefined, { replies: Array.from({ length: 1000 }, (_, i) => ({ type: 'button', title: `q${i}` })) });
    expect(quick?.quickReplies).toHaveLength(RICH_LIMITS.maxQuickReplies);
  });

  it('ignores prototype keys: __proto__, constructor, prototype are neither read nor copied, nothing is polluted', () => {
    const json = '{"type":"vertical","__proto__":{"polluted":true,"type":"button"},"constructor":{"prototype":{"polluted":true}},'
      + '"elements":[{"__proto__":{"type":"text","text":"from proto"}},{"type":"text","text":"ok","style":{"__proto__":{"bold":true},"constructor":"x"}},'
      + '{"type":"constructor","text":"c"},{"type":"__proto__","title":"p"},{"type":"toString"},{"type":"hasOwnProperty","text":"h"}]}';
    const out = normaliseRichContent(JSON.parse(json));
    expect(out?.root).toEqual({ type: 'vertical', children: [
      // an element whose only fields sit under __proto__ has no type of its own: shown as (empty) unknown text
      { type: 'unknown', originalType: 'undefined', text: '' },
      { type: 'text', text: 'ok' },
      { type: 'unknown', originalType: 'constructor', text: 'c' },
      { type: 'unknown', originalType: '__proto__', text: 'p' },
      { type: 'unknown', originalType: 'toString', text: '' },
      { type: 'unknown', originalType: 'hasOwnProperty', text: 'h' },
    ] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out?.root)).toBe(Object.prototype);
  });

  it('drops wrong types: a number text, an object title, a string style, a non-array elements, a non-object click', () => {
    const out = normaliseRichContent({ type: 'vertical', elements: [
      { type: 'text', text: 42 },
      { type: 'text', text: 'kept', style: 'bold', tooltip: ['x'] },
      { type: 'button', title: { toString: 'x' }, click: 'javascript:alert(1)' },
      { type: 'horizontal', elements: 'not an array' },
      { type: 'text', text: 'c', style: { color: 'red; background:url(https://evil.example)', size: 'huge', bold: 'yes' } },
      null, 7, 'string', [['nested array']],
    ] });
    expect(out?.root).toEqual({ type: 'vertical', children: [
      { type: 'text', text: 'kept' },
      { type: 'button', title: '' },
      { type: 'horizontal', children: [] },
      { type: 'text', text: 'c' },
    ] });
    expect(normaliseRichContent('just a string')).toBeUndefined();
    expect(normaliseRichContent(null, 5)).toBeUndefined();
  });

  it('cuts 1 MB strings to their limits and says so', () => {
    const mb = 'x'.repeat(1_000_000);
    const out = normaliseRichContent({ type: 'vertical', elements: [
      { type: 'text', text: mb, tooltip: mb }, { type: 'button', title: mb }, { type: 'image', tooltip: mb }, { type: 'unknownThing', text: mb },
    ] }, { replies: [{ type: 'button', title: mb }] });
    expect(out?.truncated).toBe(true);
    expect(Math.max(...strings(out).map((s) => s.length))).toBeLessThanOrEqual(RICH_LIMITS.maxText);
    expect(JSON.stringify(out).length).toBeLessThan(10_000);
  });

  it('an unknown element type falls back to its text (text, title, tooltip, children), never to markup', () => {
    const out = normaliseRichContent({ type: 'map', la: 1, lo: 2, tooltip: 'Our store', elements: [{ type: 'richLink', title: '<img src=x onerror=alert(1)>' }] });
    expect(out?.root).toEqual({ type: 'unknown', originalType: 'map', text: 'Our store · <img src=x onerror=alert(1)>' });
  });

  it('reaches ChatMessage.rich: a RichContentEvent, and a text ContentEvent with quick replies', () => {
    const d = describeEvent({ type: 'RichContentEvent', content: { type: 'vertical', elements: [{ type: 'text', text: 'Hi' }] }, quickReplies: { replies: [{ type: 'button', title: 'Yes' }] } });
    const m = toChatMessage({ sequence: 3, originatorId: 'cons1', serverTimestamp: 5, event: { type: 'RichContentEvent' } }, 'c1', { legacyId: 'a.1' }, 'cons1', d);
    expect(m?.rich).toEqual({ root: { type: 'vertical', children: [{ type: 'text', text: 'Hi' }] }, quickReplies: [{ title: 'Yes' }] });
    expect(m?.text).toBe('[Rich content] Hi');
    const q = describeEvent({ type: 'ContentEvent', contentType: 'text/plain', message: 'Pick one', quickReplies: { replies: [{ type: 'button', title: 'A' }, 'junk'] } });
    expect(q).toEqual({ kind: 'content', contentType: 'text/plain', text: 'Pick one', rich: { quickReplies: [{ title: 'A' }] } });
    // no usable content: no rich part, only the description
    expect(describeEvent({ type: 'RichContentEvent', content: 12 })).toEqual({ kind: 'content', contentType: 'rich-content', text: '[Rich content]' });
  });
});
