/**
 * 1. Ring latency.
 * (a) ring frame leaves the simulator's socket → the core emits 'ring/offered' → main's notification
 *     decision (`decideRingAlert`, src-main/desktop/notifications.ts) has returned. The simulator
 *     runs in its own process (bench/clients/sim-host.ts: like a remote server, it does not share
 *     the core's event loop), the core in this one, loopback ws, no TLS. t0 is taken just before
 *     the simulator's `ws.send` of the RoutingTaskNotification with the WAITING ring (a bench-only
 *     wrapper of ws's send in the simulator's process, see sim-host.ts; the simulator is
 *     unchanged); t1 inside the session's 'ring/offered' listener after `decideRingAlert`
 *     returns. Both are process.hrtime (CLOCK_MONOTONIC, shared by all processes).
 *     One ring at a time: a consumer opens a conversation (→ ring), the latency is
 *     recorded, the consumer closes it (→ ring ended), next. The first 20 rings (5 quick) are a
 *     warm-up: summarized apart in the JSON (raw.warmup), not in the figure.
 * (a, app) and (b) through the running app under the Electron stand-in: see ring-app.ts. Until
 *     main is wired to the core those rows say exactly what is missing (appPrerequisites()).
 */
import { join } from 'node:path';
import type { Ring, Skill, AgentSession } from '../../src-main/lp/index';
import { spawnChild } from '../lib/child';
import { loadCreateAgentSession, loadDecideRingAlert, projectRoot, waitSession } from '../lib/core';
import { appPrerequisites, measureRingsInApp } from './ring-app';
import { errorText, measuredRow, notMeasuredRow, type BenchCase, type CaseResult, type Row } from '../lib/results';
import { rounded, summarize } from '../lib/stats';

const A = { case: 'ring-latency', figure: 'ring frame sent → core ring/offered → decideRingAlert, p99', goal: '≤ 5 ms', goalValue: 5, direction: 'max', unit: 'ms' } as const;
const A2 = { case: 'ring-latency', figure: 'ring frame sent → Notification.show() in the app\'s main (stand-in), p99', goal: '≤ 5 ms', goalValue: 5, direction: 'max', unit: 'ms' } as const;
const B = { case: 'ring-latency', figure: 'ring frame sent → ring painted in renderer, p99', goal: '≤ 25 ms', goalValue: 25, direction: 'max', unit: 'ms' } as const;

export const ringLatency: BenchCase = {
  name: 'ring-latency',
  title: 'ring frame → notification decision (a) and → painted ring (b)',
  async run({ quick, log }): Promise<CaseResult> {
    const rings = quick ? 30 : 1000;
    const warmup = quick ? 5 : 20;
    const rows: Row[] = [];
    const raw: Record<string, unknown> = {};

    const create = await loadCreateAgentSession();
    const decide = await loadDecideRingAlert();
    if (!create.ok) rows.push(notMeasuredRow(A, create.reason));
    else if (!decide.ok) rows.push(notMeasuredRow(A, `main's notification decision not available: ${decide.reason}`));
    else {
      const host = spawnChild(join(projectRoot, 'bench/clients/sim-host.ts'));
      let session: AgentSession | null = null;
      try {
        const ready = await host.next('ready', 20_000);
        const skills = Array.isArray(ready.skills) ? (ready.skills as Skill[]) : [];
        const s = create.value({
          account: { accountId: String(ready.accountId), csdsUrl: String(ready.csdsUrl) },
          credentials: { kind: 'password', username: String(ready.username), password: String(ready.password) },
        });
        session = s;
        const sentAt = new Map<string, number>();
        const decidedAt = new Map<string, { offered: number; decided: number }>();
        const toOffered: number[] = [];
        const toDecision: number[] = [];
        let shown = 0;
        const record = (ringId: string): void => {
          const t0 = sentAt.get(ringId);
          const t = decidedAt.get(ringId);
          if (t0 === undefined || t === undefined) return;
          sentAt.delete(ringId);
          decidedAt.delete(ringId);
          toOffered.push((t.offered - t0) / 1e6);
          toDecision.push((t.decided - t0) / 1e6);
        };
        host.on('ring', (m) => {
          const id = String(m.ringId);
          if (!sentAt.has(id)) sentAt.set(id, Number(m.at));
          record(id);
        });
        s.on('ring/offered', (ring: Ring) => {
          const offered = Number(process.hrtime.bigint());
          const alert = decide.value(ring, { notifications: true, sound: true, onlyWhenUnfocused: false }, false, process.platform, { skills, now: Date.now() });
          const decided = Number(process.hrtime.bigint());
          if (alert.show) shown++;
          decidedAt.set(ring.ringId, { offered, decided });
          record(ring.ringId);
        });
        const online = waitSession(s, 'connection', (c) => c.phase === 'online', 15_000, 'session online');
        await s.start();
        if (s.snapshot().connection.phase !== 'online') await online;
        else void online.catch(() => undefined);
        // Let the post-connect work (subscriptions, snapshot window) settle before the first ring.
        await new Promise((r) => setTimeout(r, 300));
        for (let i = 0; i < warmup + rings; i++) {
          if (i === warmup) {
            // The first rings JIT-compile the path: kept apart in the JSON, not in the figure.
            raw.warmup = rounded(summarize(toDecision));
            toDecision.length = 0;
            toOffered.length = 0;
          }
          const offered = waitSession(s, 'ring/offered', () => true, 5000, `ring ${i + 1} offered`);
          host.send({ t: 'open' });
          const ring = await offered;
          await host.next('opened', 5000);
          const ended = waitSession(s, 'ring/ended', (e) => e.ring.ringId === ring.ringId, 5000, `ring ${i + 1} ended`);
          host.send({ t: 'close', conversationId: ring.conversationId });
          await host.next('closed', 5000);
          await ended;
        }
        // The last ring's send timestamp may still be on its way over IPC.
        await new Promise((r) => setTimeout(r, 50));
        const sum = summarize(toDecision);
        raw.decision = rounded(sum);
        raw.offered = rounded(summarize(toOffered));
        raw.notificationsShown = shown;
        raw.unmatched = sentAt.size + decidedAt.size;
        log(`ring-latency (a): ${sum.n} rings, p50 ${sum.p50.toFixed(2)} ms, p99 ${sum.p99.toFixed(2)} ms`);
        rows.push(measuredRow({ ...A, measured: sum.p99, note: `n=${sum.n}, p50 ${sum.p50.toFixed(2)} ms; simulator in its own process, loopback ws` }));
      } catch (err) {
        rows.push(notMeasuredRow(A, `core run failed: ${errorText(err)}`));
      } finally {
        await session?.stop({ logout: false }).catch(() => undefined);
        await host.kill();
      }
    }

    const missing = appPrerequisites();
    if (missing) {
      rows.push(notMeasuredRow(A2, missing), notMeasuredRow(B, missing));
    } else {
      try {
        const r = await measureRingsInApp({ rings: quick ? 5 : 1000, quick, budgetMs: quick ? 20_000 : 180_000, log });
        raw.app = r;
        const n = `n=${r.rings}${r.stoppedEarly ? ` (${r.stoppedEarly})` : ''}`;
        rows.push(r.notification
          ? measuredRow({ ...A2, measured: r.notification.p99, note: `${n}, p50 ${r.notification.p50} ms; ${r.missingNotifications} rings without a notification` })
          : notMeasuredRow(A2, `the app showed no notification for any of ${r.rings} rings (window unfocused, default settings)`));
        rows.push(r.painted
          ? measuredRow({ ...B, measured: r.painted.p99, note: `${n}, p50 ${r.painted.p50} ms; event in the page p50/p99 ${r.arrived?.p50 ?? '—'}/${r.arrived?.p99 ?? '—'} ms, row inserted ${r.inserted?.p50 ?? '—'}/${r.inserted?.p99 ?? '—'} ms` })
          : notMeasuredRow(B, `no ring row ([data-ring-id]) was painted for any of ${r.rings} rings`));
      } catch (err) {
        const why = `the app run failed: ${errorText(err)}`;
        rows.push(notMeasuredRow(A2, why), notMeasuredRow(B, why));
      }
    }
    return { rows, raw };
  },
};
