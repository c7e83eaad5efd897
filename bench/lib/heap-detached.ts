/**
 * Detached DOM nodes in a page's V8 heap snapshot, and who keeps them alive.
 * `pageHeapSnapshot` takes the snapshot through CDP (HeapProfiler.takeHeapSnapshot; the chunks
 * arrive as HeapProfiler.addHeapSnapshotChunk events). `detachedNodes` reads the snapshot format
 * (Chromium's: `snapshot.meta.node_fields` with `detachedness` 2 = detached, an embedder node named
 * e.g. "Detached HTMLDivElement"; edges in `edge_fields` order, node edges in node order) and, for
 * each detached node, the shortest retainer path from the GC roots (breadth first over strong
 * edges: weak edges do not keep a node alive), written root first. `snapshotDomNodes` sorts EVERY
 * DOM node of the snapshot (what Blink's `Nodes` counter counts, CDP Performance.getMetrics) into
 * attached, detached, Attr nodes (by owner element) and nodes without a JS wrapper (UA shadow trees).
 */
import type { CDPSession } from 'playwright-core';

/** The page's heap snapshot as text (the .heapsnapshot JSON). Forces a GC first, as DevTools does. */
export async function pageHeapSnapshot(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }): void => { chunks.push(e.chunk); };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    // Not left on for the rest of the run (it tracks objects while enabled).
    await cdp.send('HeapProfiler.disable').catch(() => undefined);
  }
  return chunks.join('');
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] }; root_index?: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface DetachedNode {
  /** The node's name in the snapshot (e.g. "Detached HTMLDivElement"). */
  name: string;
  id: number;
  /** Shortest strong path from the GC roots, root first: `name --edge--> name …`. Empty when unreachable. */
  retainers: string[];
}

/** A snapshot's layout: numbers per node (N) and per edge (E), the node count, and where each field sits. */
function snapshotFields(s: Snapshot) {
  const nf = s.snapshot.meta.node_fields;
  const ef = s.snapshot.meta.edge_fields;
  return {
    N: nf.length, E: ef.length, count: s.nodes.length / nf.length,
    fName: nf.indexOf('name'), fId: nf.indexOf('id'), fType: nf.indexOf('type'), fEdges: nf.indexOf('edge_count'), fDet: nf.indexOf('detachedness'),
    eType: ef.indexOf('type'), eName: ef.indexOf('name_or_index'), eTo: ef.indexOf('to_node'),
  };
}

/** Every detached DOM node in `json` (a .heapsnapshot text) with its shortest retainer path. */
export function detachedNodes(json: string, maxPath = 14): DetachedNode[] {
  const s = JSON.parse(json) as Snapshot;
  const { N, E, count, fName, fId, fType, fEdges, fDet, eType, eName, eTo } = snapshotFields(s);
  const nodeTypes = s.snapshot.meta.node_types[0];
  const edgeTypes = s.snapshot.meta.edge_types[0];
  const at = (a: ArrayLike<number>, i: number): number => a[i] ?? -1;
  const str = (i: number): string => s.strings[i] ?? '';
  const node = (i: number, field: number): number => at(s.nodes, i * N + field);
  const edge = (e: number, field: number): number => at(s.edges, e + field);
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) { e += node(i, fEdges) * E; firstEdge[i + 1] = e; }
  const nodeType = (i: number): string => nodeTypes[node(i, fType)] ?? '';
  const edgeType = (e: number): string => edgeTypes[edge(e, eType)] ?? '';
  const nameOf = (i: number): string => {
    const t = nodeType(i);
    const n = str(node(i, fName));
    return t === 'string' || t === 'concatenated string' ? `"${n.slice(0, 30)}"` : t === 'object' || t === 'native' || t === 'synthetic' ? n.slice(0, 80) : `(${t}) ${n.slice(0, 50)}`;
  };
  const edgeLabel = (e: number): string => {
    const t = edgeType(e);
    const v = edge(e, eName);
    return t === 'element' || t === 'hidden' ? `[${v}]` : str(v);
  };
  // Breadth first from the root over strong edges: each reached node's parent and edge.
  const parentEdge = new Int32Array(count).fill(-1);
  const parentNode = new Int32Array(count).fill(-1);
  const seen = new Uint8Array(count);
  const root = (s.snapshot.root_index ?? 0) / N;
  const queue: number[] = [root];
  seen[root] = 1;
  for (let head = 0; head < queue.length; head++) {
    const i = at(queue, head);
    for (let e = at(firstEdge, i); e < at(firstEdge, i + 1); e += E) {
      if (edgeType(e) === 'weak') continue;
      const to = edge(e, eTo) / N;
      if (seen[to]) continue;
      seen[to] = 1;
      parentEdge[to] = e;
      parentNode[to] = i;
      queue.push(to);
    }
  }
  const out: DetachedNode[] = [];
  for (let i = 0; i < count; i++) {
    const name = str(node(i, fName));
    const detached = fDet >= 0 ? node(i, fDet) === 2 : name.startsWith('Detached ');
    if (!detached || nodeType(i) !== 'native') continue;
    const path: string[] = [];
    for (let n = i; at(parentNode, n) >= 0 && path.length < maxPath; n = at(parentNode, n)) path.unshift(`--${edgeLabel(at(parentEdge, n))}--> ${nameOf(n)}`);
    out.push({ name, id: node(i, fId), retainers: seen[i] ? path : [] });
  }
  return out;
}

/**
 * Every DOM node in a page's heap snapshot, sorted. Chromium's snapshots hold Blink's C++ (Oilpan)
 * objects too: an element is a native node named by its start tag (`<li id="…" class="…">`), other
 * nodes by class (`Text`, `Comment`, `ShadowRoot`, `Attr`, `DocumentType`, `HTMLDocument`…);
 * `detachedness` is 1 (attached) or 2 (detached) for a node with a JS wrapper, 0 (unknown) for one
 * without (UA shadow trees: a <textarea>'s or <select>'s inner nodes). Blink's `Nodes` counter counts
 * all of them while alive, Attr nodes included: an attribute becomes an Attr node the first time
 * script reads it as a node (`element.attributes[i]`, `getAttributeNode`), and stays one as long as
 * its element lives (the element's attribute-node list holds it). So `total` matches `Nodes` read at
 * the same moment, and `attr` says which of them are attributes, of which elements.
 */
export interface SnapshotDomNodes {
  /** DOM nodes in the snapshot: what Blink's `Nodes` counter counts. */
  total: number;
  /** Nodes whose JS wrapper reports them attached to a document (detachedness 1; Attr nodes apart). */
  attached: number;
  /** Nodes whose JS wrapper reports them detached (detachedness 2): DOM kept alive outside any document. */
  detached: number;
  /** Attr nodes, by their owner element (its start tag, 80 characters; "(no owner)" if none), `detached ` prefixed when the owner is. */
  attr: Record<string, number>;
  attrTotal: number;
  /** Nodes without a JS wrapper (detachedness unknown), by name: UA shadow trees and their ShadowRoots. */
  unwrapped: Record<string, number>;
}

const NODE_CLASSES = new Set(['Text', 'Comment', 'CDATASection', 'ProcessingInstruction', 'ShadowRoot', 'Attr', 'DocumentType', 'DocumentFragment', 'HTMLDocument', 'XMLDocument', 'Document']);

/** Sorts every DOM node of `json` (a .heapsnapshot text); see SnapshotDomNodes. */
/** How an Attr node's owner is labelled by its detachedness: only attached owners start with '<'. */
const OWNER_STATE: Readonly<Record<number, string>> = { 0: 'unknown ', 1: '', 2: 'detached ' };

export function snapshotDomNodes(json: string): SnapshotDomNodes {
  const s = JSON.parse(json) as Snapshot;
  const { N, E, count, fName, fType, fEdges, fDet, eTo } = snapshotFields(s);
  const nodeTypes = s.snapshot.meta.node_types[0];
  const at = (a: ArrayLike<number>, i: number): number => a[i] ?? -1;
  const nameOf = (i: number): string => {
    const n = s.strings[at(s.nodes, i * N + fName)] ?? '';
    return n.startsWith('Detached ') ? n.slice('Detached '.length) : n;
  };
  const isNative = (i: number): boolean => nodeTypes[at(s.nodes, i * N + fType)] === 'native';
  const isElement = (i: number): boolean => isNative(i) && nameOf(i).startsWith('<');
  const detachedness = (i: number): number => (fDet >= 0 ? at(s.nodes, i * N + fDet) : 0);
  const out: SnapshotDomNodes = { total: 0, attached: 0, detached: 0, attr: {}, attrTotal: 0, unwrapped: {} };
  const add = (r: Record<string, number>, k: string): void => { r[k] = (r[k] ?? 0) + 1; };
  for (let i = 0, edge = 0; i < count; edge += at(s.nodes, i * N + fEdges) * E, i++) {
    const name = nameOf(i);
    if (!isNative(i) || !(name.startsWith('<') || NODE_CLASSES.has(name))) continue;
    out.total += 1;
    if (name === 'Attr') {
      // Its owner element is the element it points to (Attr::element_); an Attr also points to its document.
      let owner = -1;
      for (let e = edge; e < edge + at(s.nodes, i * N + fEdges) * E && owner < 0; e += E) {
        const to = at(s.edges, e + eTo) / N;
        if (isElement(to)) owner = to;
      }
      // Only an owner its wrapper reports attached (1) reads as in the document: detached (2) and
      // unknown (0, no wrapper, so possibly a detached element this Attr keeps alive) say so.
      add(out.attr, owner < 0 ? '(no owner)' : `${OWNER_STATE[detachedness(owner)] ?? 'unknown '}${nameOf(owner).slice(0, 80)}`);
      out.attrTotal += 1;
    } else if (detachedness(i) === 1) out.attached += 1;
    else if (detachedness(i) === 2) out.detached += 1;
    else add(out.unwrapped, name.startsWith('<') ? name.slice(0, 80) : name);
  }
  return out;
}
