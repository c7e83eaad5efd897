/**
 * The outbox survives an app restart: the desktop's file store, a session that quits with messages
 * queued (server down), and a new session on the same file that delivers each of them exactly once.
 * Also the crash case: a publish applied by the server whose response never came back.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import { fileOutboxStore, outboxFilePath } from '../../src-main/desktop/outbox-file-store';
import { type Agent, agentTexts, makeAgent, publishedTexts } from './harness';

let sim: Simulator | undefined;
const agents: Agent[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const a of agents.splice(0)) await a.session.stop({ logout: false }).catch(() => undefined);
  await sim?.close();
  sim = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(s: Simulator): string {
  const dir = mkdtempSync(join(tmpdir(), 'lpad-outbox-'));
  dirs.push(dir);
  return outboxFilePath(dir, s.accountId, s.agents[0]!.username);
}

function start(s: Simulator, path: string): Agent {
  // a fresh store object per "process": nothing shared but the file
  const a = makeAgent(s, { store: fileOutboxStore(path), timing: { backoffBaseMs: 30, backoffMaxMs: 200, requestTimeoutMs: 1_000 } });
  agents.push(a);
  return a;
}

async function online(a: Agent): Promise<void> {
  await a.session.start();
  await a.wait('connection', (c) => c.phase === 'online');
}

async function accepted(s: Simulator, a: Agent, text: string): Promise<string> {
  const consumer = await s.consumers.open({ text });
  const ring = await a.wait('ring/offered', (r) => r.conversationId === consumer.conversationId);
  await a.session.acceptRing(ring.ringId);
  await a.wait('history', (h) => h.conversationId === consumer.conversationId && h.messages.some((m) => m.text === text));
  return consumer.conversationId;
}

function fileItems(path: string): Array<{ text: string; conversationId: string; sentAfterSequence?: number }> {
  return (JSON.parse(readFileSync(path, 'utf8')) as { items: Array<{ text: string; conversationId: string; sentAfterSequence?: number }> }).items;
}

describe('outbox across an app restart (file store)', () => {
  it('messages queued while the server is down are kept in the file (no secrets) and delivered once, in order, by the next run', async () => {
    const s = sim = await startSimulator({ reRingDelayMs: 50 });
    const path = tempFile(s);
    const a = start(s, path);
    await online(a);
    const c1 = await accepted(s, a, 'first chat');
    const c2 = await accepted(s, a, 'second chat');
    a.mark();
    s.faults.down();
    await a.wait('connection', (c) => c.phase === 'reconnecting');
    const texts1 = ['q1-a', 'q1-b', 'q1-c'];
    const texts2 = ['q2-a', 'q2-b'];
    for (let i = 0; i < 3; i += 1) {
      expect(a.session.sendText(c1, texts1[i]!).delivery).toBe('queued');
      if (texts2[i]) expect(a.session.sendText(c2, texts2[i]!).delivery).toBe('queued');
    }
    await a.session.stop({ logout: false }); // the app quits
    agents.splice(agents.indexOf(a), 1);

    const raw = readFileSync(path, 'utf8');
    const items = fileItems(path);
    expect(items.filter((i) => i.conversationId === c1).map((i) => i.text)).toEqual(texts1);
    expect(items.filter((i) => i.conversationId === c2).map((i) => i.text)).toEqual(texts2);
    const seed = s.agents[0]!;
    expect(raw).not.toContain(seed.password);
    expect(raw.toLowerCase()).not.toMatch(/bearer|csrf|cookie|password|token|secret/);
    // structurally: message data only
    const parsed = JSON.parse(raw) as { items: Array<Record<string, unknown>> } & Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['items', 'version']);
    for (const item of parsed.items) expect(Object.keys(item).every((k) => ['localId', 'conversationId', 'text', 'createdAt', 'sentAfterSequence'].includes(k))).toBe(true);

    s.faults.up();
    const b = start(s, path);
    await online(b);
    await b.until(() => fileItems(path).length === 0 && agentTexts(s, c1).length === 3 && agentTexts(s, c2).length === 2, 15_000, () => `the queue to drain: ${JSON.stringify([fileItems(path), agentTexts(s, c1), agentTexts(s, c2), b.warnings, b.session.snapshot().connection])}`);
    expect(agentTexts(s, c1)).toEqual(texts1);
    expect(agentTexts(s, c2)).toEqual(texts2);
    expect(publishedTexts(s).sort()).toEqual([...texts1, ...texts2].sort());
    const own = (cid: string): string[] => (b.session.snapshot().messages[cid] ?? []).filter((m) => m.own).map((m) => `${m.text}:${m.delivery}`);
    await b.until(() => own(c1).length === 3 && own(c1).every((x) => x.endsWith(':sent')), 10_000, 'c1 sent');
    expect(own(c1)).toEqual(texts1.map((t) => `${t}:sent`));
    expect(own(c2)).toEqual(texts2.map((t) => `${t}:sent`));
    expect(fileItems(path)).toEqual([]);
  });

  it('crash with a publish in flight (applied, response lost): the next run finds it in history and never sends it twice', async () => {
    const s = sim = await startSimulator({ reRingDelayMs: 50 });
    const path = tempFile(s);
    const a = start(s, path);
    await online(a);
    const cid = await accepted(s, a, 'hi');
    const done = a.session.sendText(cid, 'before');
    await a.wait('message', (m) => m.localId === done.localId && m.delivery === 'sent');
    s.faults.dropResponses(1, (t) => t.endsWith('PublishEvent'));
    const off = s.on('request', (r) => {
      if (r.type.endsWith('PublishEvent')) { off(); s.faults.down(); } // the app "dies": no response, no echo
    });
    a.session.sendText(cid, 'in flight');
    await s.waitFor('message', (m) => m.event.message === 'in flight');
    a.session.sendText(cid, 'after'); // queued behind it
    await a.session.stop({ logout: false });
    agents.splice(agents.indexOf(a), 1);
    const items = fileItems(path);
    expect(items.map((i) => i.text)).toEqual(['in flight', 'after']);
    expect(items[0]!.sentAfterSequence).toBeTypeOf('number');
    s.faults.reset();
    s.faults.up();

    const b = start(s, path);
    await online(b);
    await b.until(() => fileItems(path).length === 0 && agentTexts(s, cid).length === 3, 15_000, () => `the queue to drain: ${JSON.stringify([fileItems(path), agentTexts(s, cid), b.warnings, b.session.snapshot().connection])}`);
    expect(agentTexts(s, cid)).toEqual(['before', 'in flight', 'after']);
    expect(publishedTexts(s)).toEqual(['before', 'in flight', 'after']);
    await b.until(() => (b.session.snapshot().messages[cid] ?? []).filter((m) => m.own && m.delivery === 'sent').length === 3, 10_000, 'all sent');
    expect((b.session.snapshot().messages[cid] ?? []).filter((m) => m.own).map((m) => m.text)).toEqual(['before', 'in flight', 'after']);
  });
});
