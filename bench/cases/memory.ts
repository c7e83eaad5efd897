/**
 * 5. Memory: core heap holding 50 open conversations × 2,000 messages each. Runs
 * bench/clients/memory-client.ts in `node --expose-gc`: heapUsed after gc() before the session
 * exists vs after all conversations and messages were applied (session still referenced).
 * The session layer is driven through its notification handling on a bench AgentConnection (the
 * documented seam, connection-api.ts) — the connection layer holds no per-message state.
 */
import { join } from 'node:path';
import { spawnChild } from '../lib/child';
import { projectRoot } from '../lib/core';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult } from '../lib/results';

const ROW = { case: 'memory', figure: 'core heap, 50 conversations × 2,000 messages', goal: '≤ 60 MB', goalValue: 60, direction: 'max', unit: 'MB' } as const;

export const memory: BenchCase = {
  name: 'memory',
  title: 'core heap with 50 open conversations × 2,000 messages',
  async run({ quick, log }): Promise<CaseResult> {
    const convs = quick ? 5 : 50;
    const per = quick ? 200 : 2000;
    const child = spawnChild(join(projectRoot, 'bench/clients/memory-client.ts'), { nodeArgs: ['--expose-gc'], env: { BENCH_CONVS: String(convs), BENCH_PER_CONV: String(per) } });
    try {
      const done = await child.next('done', 120_000);
      const mb = Number(done.deltaBytes) / 2 ** 20;
      const stored = Number(done.stored);
      const { t: _t, ...reported } = done;
      const raw = { conversations: convs, messagesPerConversation: per, ...reported };
      if (stored < convs * per) {
        return { rows: [notMeasuredRow(ROW, `the session kept only ${stored} of ${convs * per} messages (its state did not take the stream), so a heap figure would not mean anything`)], raw };
      }
      log(`memory: ${mb.toFixed(1)} MB for ${convs} × ${per} messages`);
      const note = quick ? `quick: ${convs} × ${per} only — not comparable to the goal` : `heapUsed delta after gc; ${stored} messages held`;
      return { rows: [measuredRow({ ...ROW, ...(quick ? { figure: `core heap, ${convs} conversations × ${per} messages (quick)` } : {}), measured: Math.round(mb * 10) / 10, note })], raw };
    } catch (err) {
      return { rows: [notMeasuredRow(ROW, errorText(err))], raw: {} };
    } finally {
      await child.kill();
    }
  },
};
