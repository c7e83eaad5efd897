/**
 * Structured content (lp-protocol.md §6 RichContentEvent `content`, and `quickReplies` on content
 * events) → RichContent (protocol/model.ts): a typed, bounded tree built from an ALLOW-LIST. Pure,
 * never throws, whatever the input.
 *
 * - Element types: vertical, horizontal, carousel (containers); text, image, button, and `link` (read
 *   as a button that opens its URL). Any other type becomes `unknown` with the text found in it.
 * - Properties: only the ones read below, each of the expected type (a wrong type is dropped), read as
 *   OWN properties only: `__proto__`, `constructor` and friends are never looked up or copied.
 * - Bounds: containers nest at most MAX_DEPTH deep, keep at most MAX_CHILDREN children, the whole tree
 *   at most MAX_NODES nodes; strings are cut (text MAX_TEXT, labels MAX_LABEL, URLs refused past
 *   MAX_URL). Whatever is left out sets `truncated`.
 * - Links: `click.actions[]` of type `link` with an http(s) `uri` become `{kind:'link'}`; any other
 *   scheme (javascript:, data:, file:, …) becomes `blocked-link`. The desktop still puts every link
 *   through its external-link allow-check. Actions only a consumer can perform (publishText,
 *   navigate, …) become `consumer-only`: the agent's window shows them inert.
 * - Style: bold, italic, color (`#rgb` / `#rrggbb`), size (small | medium | large); nothing else.
 */
import type { QuickReply, RichAction, RichContent, RichNode, RichStyle } from '../protocol/model';

export const RICH_LIMITS = {
  /** Containers inside containers: a real card nests two or three. */
  maxDepth: 8,
  /** Children kept per container (a carousel of 10 cards of ~6 elements is common). */
  maxChildren: 20,
  /** Nodes in one tree (containers and elements). */
  maxNodes: 200,
  /** Characters of a text element. */
  maxText: 2_000,
  /** Characters of a title, tooltip, caption, alt text. */
  maxLabel: 200,
  /** Longer URLs are refused, not cut (a cut URL is another URL). */
  maxUrl: 2_048,
  /** Quick replies kept. */
  maxQuickReplies: 24,
} as const;

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property only: never the prototype chain (`constructor`, `__proto__`, `toString`). */
function own(o: Rec, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

interface Budget {
  nodes: number;
  truncated: boolean;
}

function cut(b: Budget, v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (v.length <= max) return v;
  b.truncated = true;
  return `${v.slice(0, max - 1)}…`;
}

const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const SIZES: readonly string[] = ['small', 'medium', 'large'];

function styleOf(v: unknown): RichStyle | undefined {
  if (!isRec(v)) return undefined;
  const s: RichStyle = {};
  if (own(v, 'bold') === true) s.bold = true;
  if (own(v, 'italic') === true) s.italic = true;
  const color = own(v, 'color');
  if (typeof color === 'string' && COLOR.test(color)) s.color = color;
  const size = own(v, 'size');
  if (typeof size === 'string' && SIZES.includes(size)) s.size = size as RichStyle['size'];
  return Object.keys(s).length > 0 ? s : undefined;
}

type Blocked = Extract<RichAction, { kind: 'blocked-link' }>;

/** Why a link is not offered, or undefined when it is an http(s) URL within bounds. */
export function linkProblem(uri: string): Blocked | undefined {
  if (uri.length > RICH_LIMITS.maxUrl) return { kind: 'blocked-link', reason: 'too-long' };
  let url: URL;
  try {
    url = new URL(uri.trim());
  } catch {
    return { kind: 'blocked-link', reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'blocked-link', reason: 'scheme', scheme: url.protocol.slice(0, 32) };
  return undefined;
}

const ACTION_TYPE = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/** `click.actions[]` → one action: a link wins; else the first action, consumer-only. */
function actionOf(click: unknown): RichAction | undefined {
  if (!isRec(click)) return undefined;
  const actions = own(click, 'actions');
  if (!Array.isArray(actions)) return undefined;
  let other: RichAction | undefined;
  for (const a of actions.slice(0, 8)) {
    if (!isRec(a)) continue;
    const type = own(a, 'type');
    if (typeof type !== 'string' || !ACTION_TYPE.test(type)) continue;
    if (type === 'link') {
      const uri = own(a, 'uri') ?? own(a, 'url');
      if (typeof uri !== 'string') continue;
      return linkProblem(uri) ?? { kind: 'link', url: uri.trim() };
    }
    other ??= { kind: 'consumer-only', type };
  }
  return other;
}

/** Text found in an element outside the allow-list (its text/title/tooltip, and its children's), bounded. */
function textInside(b: Budget, v: unknown): string {
  const parts: string[] = [];
  let length = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: v, depth: 0 }];
  let visits = 50;
  while (stack.length > 0 && visits > 0 && length < RICH_LIMITS.maxText) {
    visits -= 1;
    const top = stack.pop();
    if (top === undefined || top.depth > 4) continue;
    const { node, depth } = top;
    if (Array.isArray(node)) {
      for (let i = Math.min(node.length, 10) - 1; i >= 0; i -= 1) stack.push({ node: node[i], depth: depth + 1 });
      continue;
    }
    if (!isRec(node)) continue;
    for (const key of ['text', 'title', 'tooltip']) {
      const t = cut(b, own(node, key), RICH_LIMITS.maxLabel);
      if (t !== undefined && t.trim() !== '') {
        parts.push(t);
        length += t.length;
        break;
      }
    }
    const children = own(node, 'elements');
    if (children !== undefined) stack.push({ node: children, depth: depth + 1 });
  }
  if (visits === 0 || length >= RICH_LIMITS.maxText) b.truncated = true;
  return parts.join(' · ').slice(0, RICH_LIMITS.maxText);
}

function button(b: Budget, v: Rec, titleKeys: readonly string[]): { title: string; tooltip?: string; style?: RichStyle; action?: RichAction } {
  let title = '';
  for (const k of titleKeys) {
    const t = cut(b, own(v, k), RICH_LIMITS.maxLabel);
    if (t !== undefined && t.trim() !== '') { title = t; break; }
  }
  const out: { title: string; tooltip?: string; style?: RichStyle; action?: RichAction } = { title };
  const tooltip = cut(b, own(v, 'tooltip'), RICH_LIMITS.maxLabel);
  if (tooltip !== undefined && tooltip.trim() !== '') out.tooltip = tooltip;
  const style = styleOf(own(v, 'style'));
  if (style) out.style = style;
  const action = actionOf(own(v, 'click'));
  if (action) out.action = action;
  return out;
}

function element(b: Budget, v: unknown, depth: number): RichNode | undefined {
  if (b.nodes <= 0) { b.truncated = true; return undefined; }
  if (!isRec(v)) return undefined; // not an element: dropped
  b.nodes -= 1;
  const type = own(v, 'type');
  switch (type) {
    case 'vertical':
    case 'horizontal':
    case 'carousel': {
      if (depth >= RICH_LIMITS.maxDepth) { b.truncated = true; return undefined; }
      const raw = own(v, 'elements');
      const list = Array.isArray(raw) ? raw : [];
      if (list.length > RICH_LIMITS.maxChildren) b.truncated = true;
      const children: RichNode[] = [];
      for (const c of list.slice(0, RICH_LIMITS.maxChildren)) {
        const n = element(b, c, depth + 1);
        if (n) children.push(n);
      }
      return { type, children };
    }
    case 'text': {
      const text = cut(b, own(v, 'text'), RICH_LIMITS.maxText);
      if (text === undefined) return undefined;
      const node: Extract<RichNode, { type: 'text' }> = { type: 'text', text };
      const tooltip = cut(b, own(v, 'tooltip'), RICH_LIMITS.maxLabel);
      if (tooltip !== undefined && tooltip.trim() !== '') node.tooltip = tooltip;
      const style = styleOf(own(v, 'style'));
      if (style) node.style = style;
      return node;
    }
    case 'image': {
      const caption = cut(b, own(v, 'caption'), RICH_LIMITS.maxLabel);
      const tooltip = cut(b, own(v, 'tooltip'), RICH_LIMITS.maxLabel);
      const alt = [tooltip, caption].find((t) => t !== undefined && t.trim() !== '') ?? '';
      const node: Extract<RichNode, { type: 'image' }> = { type: 'image', alt };
      if (caption !== undefined && caption.trim() !== '' && caption !== alt) node.caption = caption;
      const url = own(v, 'url');
      if (typeof url === 'string' && linkProblem(url) === undefined && url.trim().startsWith('https:')) node.url = url.trim();
      return node;
    }
    case 'button':
      return { type: 'button', ...button(b, v, ['title', 'text']) };
    case 'link': {
      // Not an element of LivePerson's own catalogue, but common in bot payloads: a button that opens `url`.
      const node: Extract<RichNode, { type: 'button' }> = { type: 'button', ...button(b, v, ['title', 'text']) };
      const url = own(v, 'url') ?? own(v, 'uri');
      if (node.action === undefined && typeof url === 'string') node.action = linkProblem(url) ?? { kind: 'link', url: url.trim() };
      if (node.title === '' && node.action?.kind === 'link') node.title = node.action.url.slice(0, RICH_LIMITS.maxLabel);
      return node;
    }
    default: {
      const originalType = typeof type === 'string' ? type.slice(0, 40) : typeof type;
      return { type: 'unknown', originalType, text: textInside(b, v) };
    }
  }
}

function quickRepliesOf(b: Budget, v: unknown): QuickReply[] | undefined {
  // `{type:'quickReplies', itemsPerRow, replies:[button…]}`; a bare array of buttons is read too.
  const replies = isRec(v) ? own(v, 'replies') : v;
  if (!Array.isArray(replies)) return undefined;
  if (replies.length > RICH_LIMITS.maxQuickReplies) b.truncated = true;
  const out: QuickReply[] = [];
  for (const r of replies.slice(0, RICH_LIMITS.maxQuickReplies)) {
    if (!isRec(r)) continue;
    const q = button(b, r, ['title', 'text']);
    if (q.title.trim() === '') continue;
    const reply: QuickReply = { title: q.title };
    if (q.tooltip !== undefined) reply.tooltip = q.tooltip;
    if (q.action !== undefined) reply.action = q.action;
    out.push(reply);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Normalises a RichContentEvent's `content` and/or an event's `quickReplies`. Returns undefined when
 * neither yields anything to show.
 */
export function normaliseRichContent(content: unknown, quickReplies?: unknown): RichContent | undefined {
  const b: Budget = { nodes: RICH_LIMITS.maxNodes, truncated: false };
  const out: RichContent = {};
  if (content !== undefined) {
    const root = element(b, content, 0);
    if (root) out.root = root;
  }
  if (quickReplies !== undefined) {
    const q = quickRepliesOf(b, quickReplies);
    if (q) out.quickReplies = q;
  }
  if (b.truncated) out.truncated = true;
  return out.root !== undefined || out.quickReplies !== undefined ? out : undefined;
}

/**
 * The image elements of a normalised card in document order (depth first, children in order): an
 * image is named by its index here (the window asks for "image 2 of message 14", never for a URL).
 */
export function richImages(root: RichNode | undefined): Array<Extract<RichNode, { type: 'image' }>> {
  const out: Array<Extract<RichNode, { type: 'image' }>> = [];
  const walk = (n: RichNode): void => {
    if (n.type === 'image') out.push(n);
    else if (n.type === 'vertical' || n.type === 'horizontal' || n.type === 'carousel') n.children.forEach(walk);
  };
  if (root) walk(root);
  return out;
}
