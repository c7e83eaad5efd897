/**
 * The simulator in its own process, for cases where the measured client must not share an event
 * loop with it (as in live mode, where the server is remote). Reports every WAITING ring with the
 * time its frame was handed to the socket: `ws`'s WebSocket.prototype.send is wrapped IN THIS
 * PROCESS ONLY (bench-only, the simulator is unchanged) to take the timestamp just BEFORE the send
 * of a RoutingTaskNotification carrying a WAITING ring — never after, so a preemption of this
 * process cannot make a latency look shorter. Timestamps are `process.hrtime.bigint()`
 * (CLOCK_MONOTONIC: one clock for every process on the machine), sent as nanoseconds in a number.
 * Parent → {t:'open'} → {t:'opened', conversationId}; {t:'close', conversationId} → {t:'closed'}.
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { startSimulator } from '../../src-main/simulator/index';
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
