/**
 * Regression (found by shift.test.ts): a consumer message stored while the socket was down must be
 * shown after the reconnect even when a newer live message of the same conversation arrives before
 * that conversation's history re-query is sent. The re-query used to start at the newest known
 * sequence (the live one) and so skipped the gap; it now starts where history was last complete.
 */
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import { heldForTest, makeAgent } from './harness';

const held = heldForTest();

/**
 * A simulator that cuts QueryMessages answers at 20, an agent holding one conversation ('hello'),
 * and 70 consumer messages sent while the agent's socket is down (only history can bring them: 4
 * answers of ≤ 20). The socket is still down on return.
 */
async function seventyWhileAway() {
  const s = held.sim = await startSimulator({ reRingDelayMs: 50, queryMessagesCap: 20 });
  const a = held.agent = makeAgent(s, { tuning: { snapshotWindowMs: 100, retryDelayMs: 50 } });
  await a.session.start();
  await a.wait('connection', (c) => c.phase === 'online');
  const c = await s.consumers.open({ text: 'hello' });
  const ring = await a.wait('ring/offered', (r) => r.conversationId === c.conversationId);
  await a.session.acceptRing(ring.ringId);
  await a.wait('history', (h) => h.conversationId === c.conversationId && h.messages.some((m) => m.text === 'hello'));
  const consumer = s.consumers.get(c.conversationId)!;
  a.mark();
  s.faults.down();
  await a.wait('connection', (st) => st.phase === 'reconnecting');
  const away = Array.from({ length: 70 }, (_, i) => `away ${i + 1}`);
  for (const text of away) await consumer.send(text);
  const texts = (): string[] => (a.session.snapshot().messages[c.conversationId] ?? []).map((m) => m.text);
  return { s, a, consumer, texts, away };
}

describe('history re-query after a reconnect', () => {
  it('fills a gap below a live message that arrived first', async () => {
    const s = held.sim = await startSimulator({ reRingDelayMs: 50 });
    const username = s.agents[0]!.username;
    const a = held.agent = makeAgent(s, { tuning: { snapshotWindowMs: 100, retryDelayMs: 50, historyConcurrency: 1 } });
    await a.session.start();
    await a.wait('connection', (c) => c.phase === 'online');
    const open = async (text: string): Promise<string> => {
      const c = await s.consumers.open({ text });
      const ring = await a.wait('ring/offered', (r) => r.conversationId === c.conversationId);
      await a.session.acceptRing(ring.ringId);
      await a.wait('history', (h) => h.conversationId === c.conversationId && h.messages.some((m) => m.text === text));
      return c.conversationId;
    };
    const first = await open('first conversation');
    const second = await open('second conversation');
    const consumer = s.consumers.get(second)!;

    a.mark();
    s.faults.down();
    await a.wait('connection', (c) => c.phase === 'reconnecting');
    await consumer.send('sent while the agent was away'); // only history can bring this one
    // history answers are slow; while the first conversation's re-query is pending, the second gets a live line
    s.faults.delayResponses(300, (t) => t.endsWith('QueryMessages'));
    const off = s.on('request', (r) => {
      if (r.username !== username || !r.type.endsWith('QueryMessages') || (r.body as { dialogId?: string }).dialogId !== first) return;
      off();
      void consumer.send('live, after the gap');
    });
    s.faults.up();
    await a.wait('message', (m) => m.text === 'live, after the gap', 10_000);
    await a.until(() => (a.session.snapshot().messages[second] ?? []).some((m) => m.text === 'sent while the agent was away'), 5_000, 'the message stored while away');
    expect((a.session.snapshot().messages[second] ?? []).map((m) => m.text))
      .toEqual(['second conversation', 'sent while the agent was away', 'live, after the gap']);
  });

  it('pages through a server that cuts answers short: everything sent while away is shown once the consumer writes again', async () => {
    const { s, a, consumer, texts, away } = await seventyWhileAway();
    // The consumer writes again as soon as the re-sync is asked for: live, past everything missed.
    const off = s.on('request', (r) => {
      if (!r.type.endsWith('QueryMessages')) return;
      off();
      void consumer.send('still there?');
    });
    s.faults.up();
    await a.wait('message', (m) => m.text === 'still there?', 10_000);
    await a.until(() => texts().length === 72, 5_000, () => `all 72 messages (have ${texts().length})`);
    expect(texts()).toEqual(['hello', ...away, 'still there?']);
  });

  it('pages through a server that cuts answers short: everything sent while away is shown though the consumer writes nothing more', async () => {
    const { s, a, texts, away } = await seventyWhileAway();
    // Nothing live follows: only the snapshot's lastContentEventNotification (§7) says how far to page.
    s.faults.up();
    await a.wait('connection', (st) => st.phase === 'online');
    await a.until(() => texts().length === 71, 5_000, () => `all 71 messages (have ${texts().length})`);
    expect(texts()).toEqual(['hello', ...away]);
  });
});
