/**
 * The simulator in its own process, for cases where the measured client must not share an event
 * loop with it (as in live mode, where the server is remote). Reports every WAITING ring with the
 * time its frame was handed to the socket: `ws`'s WebSocket.prototype.send is wrapped IN THIS
 * PROCESS ONLY (bench-only, the simulator is unchanged) to take the timestamp just BEFORE the send
 * of a RoutingTaskNotification carrying a WAITING ring — never after, so a preemption of this
 * process cannot make a latency look shorter. Timestamps are `process.hrtime.bigint()`
 * (CLOCK_MONOTONIC: one clock for every process on the machine), sent as nanoseconds in a number.
 * Parent → {t:'open'} → {t:'opened', conversationId}; {t:'close', conversationId} → {t:'closed'};
 * {t:'say', conversationId, count, tag} → the consumer sends `${tag} ${k}` for k = 0…count-1 → {t:'said'};
 * {t:'flood', conversationIds, total, durationMs, tag} → `total` consumer messages spread evenly over
 * `durationMs`, round-robin over the conversations, text `${tag} ${conversation index} ${k}` (k counts
 * per conversation, from 0) → {t:'flooded', sent, ms}.
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { startSimulator, type Simulator } from '../../src-main/simulator/index';
import { fromParent, toParent } from '../lib/child';

/** ringId → [hrtime ns, wall-clock ms (performance.timeOrigin + now(), comparable with Chromium's)]. */
const sentAt = new Map<string, [number, number]>();
type Send = (this: WebSocket, ...args: unknown[]) => void;
const proto = WebSocket.prototype as unknown as { send: Send };
const originalSend = proto.send;
proto.send = function timedSend(this: WebSocket, ...args: unknown[]): void {
  const data = args[0];
  if (typeof data !== 'string' || !data.includes('RoutingTaskNotification') || !data.includes('"WAITING"')) {
    originalSend.apply(this, args);
    return;
  }
  const at: [number, number] = [Number(process.hrtime.bigint()), performance.timeOrigin + performance.now()];
  originalSend.apply(this, args);
  try {
    const frame = JSON.parse(data) as { body?: { changes?: Array<{ result?: { ringsDetails?: Array<{ ringId?: string; ringState?: string }> } }> } };
    for (const c of frame.body?.changes ?? []) {
      for (const r of c.result?.ringsDetails ?? []) if (r.ringId && r.ringState === 'WAITING' && !sentAt.has(r.ringId)) sentAt.set(r.ringId, at);
    }
  } catch {
    // not a frame we time
  }
};

/**
 * `total` consumer messages over `durationMs`, round-robin over the conversations: every 10 ms the
 * messages due by then are sent (the simulator writes each to the agent's socket at once).
 */
async function flood(sim: Simulator, ids: string[], total: number, durationMs: number, tag: string): Promise<{ sent: number; ms: number }> {
  const consumers = ids.map((id) => {
    const c = sim.consumers.get(id);
    if (!c) throw new Error(`no conversation ${id}`);
    return c;
  });
  const perConversation = ids.map(() => 0);
  const t0 = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.ceil(((performance.now() - t0) / durationMs) * total));
    for (; sent < due; sent++) {
      const i = sent % consumers.length;
      await consumers[i]!.send(`${tag} ${i} ${perConversation[i]!++}`);
    }
    if (sent < total) await new Promise((r) => setTimeout(r, 10));
  }
  return { sent, ms: Math.round(performance.now() - t0) };
}

async function main(): Promise<void> {
  const ringExpirationMs = Number(process.env.BENCH_RING_EXPIRATION_MS) || 60_000;
  const sim = await startSimulator({ ringExpirationMs, reRingDelayMs: 600_000, idleTimeoutMs: 600_000 });
  sim.on('ring', (e) => {
    if (e.ringState !== 'WAITING') return;
    const at = sentAt.get(e.ringId);
    sentAt.delete(e.ringId);
    if (at !== undefined) void toParent({ t: 'ring', ringId: e.ringId, at: at[0], wall: at[1] });
  });
  fromParent((m) => {
    if (m.t === 'open') {
      sim.consumers.open({ skillId: sim.skills[0]?.id ?? '11', text: 'bench ring' })
        .then((c) => toParent({ t: 'opened', conversationId: c.conversationId }))
        .catch((e: unknown) => toParent({ t: 'error', message: `open: ${String(e)}` }));
    } else if (m.t === 'say') {
      const c = sim.consumers.get(String(m.conversationId));
      const count = Number(m.count);
      (async () => {
        if (!c) throw new Error(`say: no conversation ${String(m.conversationId)}`);
        for (let k = 0; k < count; k++) await c.send(`${String(m.tag)} ${k}`);
      })().then(() => toParent({ t: 'said' }), (e: unknown) => toParent({ t: 'error', message: `say: ${String(e)}` }));
    } else if (m.t === 'flood') {
      flood(sim, (m.conversationIds as unknown[]).map(String), Number(m.total), Number(m.durationMs), String(m.tag))
        .then((r) => toParent({ t: 'flooded', ...r }), (e: unknown) => toParent({ t: 'error', message: `flood: ${String(e)}` }));
    } else if (m.t === 'close') {
      const c = sim.consumers.get(String(m.conversationId));
      (c ? c.close() : Promise.resolve())
        .then(() => toParent({ t: 'closed' }))
        .catch((e: unknown) => toParent({ t: 'error', message: `close: ${String(e)}` }));
    }
  });
  process.on('SIGTERM', () => { void sim.close().finally(() => process.exit(0)); });
  const agent = sim.agents[0];
  await toParent({ t: 'ready', csdsUrl: sim.csdsUrl, accountId: sim.accountId, username: agent?.username ?? '', password: agent?.password ?? '', skills: sim.skills.map((s) => ({ id: s.id, name: s.name })) });
}

main().catch((e: unknown) => void toParent({ t: 'error', message: e instanceof Error ? e.message : String(e) }));
