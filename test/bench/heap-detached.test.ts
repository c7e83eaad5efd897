/**
 * bench/lib/heap-detached.ts read against a small snapshot in Chromium's .heapsnapshot format (the
 * same meta fields as the renderer's snapshots: node_fields with `detachedness`, Blink's DOM nodes as
 * native nodes named by start tag or class).
 */
import { describe, expect, it } from 'vitest';
import { detachedNodes, snapshotDomNodes } from '../../bench/lib/heap-detached';

const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic'];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

interface N { type: string; name: string; det?: number; edges?: Array<[type: string, name: string | number, to: number]> }

/** A .heapsnapshot text of `nodes` (node 0 is the root). */
function snapshot(nodes: N[]): string {
  const strings: string[] = [];
  const str = (s: string): number => { const i = strings.indexOf(s); return i >= 0 ? i : strings.push(s) - 1; };
  const flatNodes: number[] = [];
  const flatEdges: number[] = [];
  nodes.forEach((n, id) => {
    flatNodes.push(NODE_TYPES.indexOf(n.type), str(n.name), id * 2 + 1, 10, n.edges?.length ?? 0, n.det ?? 0);
    for (const [type, name, to] of n.edges ?? []) flatEdges.push(EDGE_TYPES.indexOf(type), typeof name === 'number' ? name : str(name), to * 6);
  });
  return JSON.stringify({
    snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'], node_types: [NODE_TYPES], edge_fields: ['type', 'name_or_index', 'to_node'], edge_types: [EDGE_TYPES] }, root_index: 0 },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  });
}

// A document with <html> (one attribute read as an Attr node) and a text node; a detached <div>
// held from a JS Map, with an Attr of its own; a UA shadow root with a <slot>; an Attr made with
// document.createAttribute (no owner); a JS wrapper object and a Blink helper that are not nodes.
const page = snapshot([
  /* 0 */ { type: 'synthetic', name: '(GC roots)', edges: [['element', 1, 1], ['property', 'cache', 9]] },
  /* 1 */ { type: 'native', name: 'HTMLDocument', det: 1, edges: [['element', 1, 2]] },
  /* 2 */ { type: 'native', name: '<html lang="en">', det: 1, edges: [['element', 1, 8], ['element', 2, 10]] },
  /* 3 */ { type: 'native', name: 'Attr', edges: [['element', 1, 2], ['element', 2, 1]] },
  /* 4 */ { type: 'native', name: '<div class="gone">', det: 2, edges: [['element', 1, 5]] },
  /* 5 */ { type: 'native', name: 'Attr', edges: [['element', 1, 4], ['element', 2, 1]] },
  /* 6 */ { type: 'native', name: 'ShadowRoot', edges: [['element', 1, 7]] },
  /* 7 */ { type: 'native', name: '<slot pseudo="x">' },
  /* 8 */ { type: 'native', name: 'Text', det: 1 },
  /* 9 */ { type: 'object', name: 'Map', edges: [['internal', 'table', 4], ['weak', 'w', 11]] },
  /* 10 */ { type: 'native', name: 'blink::NodeRareData', edges: [['element', 1, 3]] },
  /* 11 */ { type: 'native', name: 'Attr', edges: [['element', 1, 1]] },
]);

describe('snapshotDomNodes', () => {
  it('counts every DOM node Blink counts and sorts them: attached, detached, Attr nodes by owner, nodes without a JS wrapper', () => {
    expect(snapshotDomNodes(page)).toEqual({
      total: 9,
      attached: 3,
      detached: 1,
      attr: { '<html lang="en">': 1, 'detached <div class="gone">': 1, '(no owner)': 1 },
      attrTotal: 3,
      unwrapped: { ShadowRoot: 1, '<slot pseudo="x">': 1 },
    });
  });

  it('names an element by its start tag whether or not the snapshot prefixes it with "Detached "', () => {
    const old = snapshot([
      { type: 'synthetic', name: '(GC roots)' },
      { type: 'native', name: 'Detached <p>', det: 2 },
      { type: 'native', name: 'Attr', edges: [['element', 1, 1]] },
    ]);
    expect(snapshotDomNodes(old)).toMatchObject({ total: 2, detached: 1, attr: { 'detached <p>': 1 } });
  });

  it('an Attr whose owner has no JS wrapper (detachedness unknown) is not read as one of an element in the document', () => {
    const unwrapped = snapshot([
      { type: 'synthetic', name: '(GC roots)' },
      { type: 'native', name: '<span class="kept">' },
      { type: 'native', name: 'Attr', edges: [['element', 1, 1]] },
    ]);
    expect(snapshotDomNodes(unwrapped).attr).toEqual({ 'unknown <span class="kept">': 1 });
  });
});

describe('detachedNodes', () => {
  it('lists each detached node with its shortest strong retainer path from the root', () => {
    expect(detachedNodes(page).map((n) => ({ name: n.name, retainers: n.retainers }))).toEqual([
      { name: '<div class="gone">', retainers: ['--cache--> Map', '--table--> <div class="gone">'] },
    ]);
  });
});
