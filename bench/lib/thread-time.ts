/**
 * Where a measured client's round went, from inside the client: the event loop's idle time (nothing
 * to read: the round waited for the sender), and — on Linux, from /proc/self/task/<pid>/schedstat —
 * the main thread's time on a core and its time runnable but waiting for one (the machine was busy).
 * A round whose idle and run-queue wait are ~0 was bound by the client's own main-thread work:
 * its wall time is a CPU time, and a slower round means a slower core in those seconds. The
 * machine's steal time over the round (/proc/stat, all CPUs: the hypervisor running something else
 * on our virtual CPUs) says how much of such a slowdown the host admits to.
 */
import { readFileSync } from 'node:fs';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { machineCpuSeconds } from './proc';

export interface RoundClock {
  elu: EventLoopUtilization;
  /** The machine's steal time so far, ms (/proc/stat `cpu` line, proc.ts machineCpuSeconds); null where not given. */
  steal: number | null;
  /** Main-thread schedstat [on-core ns, run-queue wait ns]; null where the kernel does not give it. */
  sched: [number, number] | null;
}

function mainThreadSched(): [number, number] | null {
  try {
    const [run, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return run !== undefined && wait !== undefined && Number.isFinite(run) && Number.isFinite(wait) ? [run, wait] : null;
  } catch {
    return null;
  }
}

/** The machine's steal time so far, ms (null where /proc/stat is not readable). */
function stealMs(): number | null {
  const cpu = machineCpuSeconds();
  return cpu ? cpu.steal * 1000 : null;
}

export function startRoundClock(): RoundClock {
  return { elu: performance.eventLoopUtilization(), sched: mainThreadSched(), steal: stealMs() };
}

/** Since `start`, in ms: event-loop idle, main thread on a core, main thread waiting for a core, the machine's steal time (all CPUs, 10 ms ticks) (null: not on this system). */
export function roundClockSince(start: RoundClock): { idleMs: number; mainCpuMs: number | null; runQueueMs: number | null; stealMs: number | null } {
  const st = stealMs();
  const elu = performance.eventLoopUtilization(start.elu);
  const now = mainThreadSched();
  const d = now && start.sched ? [now[0] - start.sched[0], now[1] - start.sched[1]] : null;
  return { idleMs: elu.idle, mainCpuMs: d ? (d[0] ?? 0) / 1e6 : null, runQueueMs: d ? (d[1] ?? 0) / 1e6 : null, stealMs: st !== null && start.steal !== null ? st - start.steal : null };
}
