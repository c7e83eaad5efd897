/**
 * Where an idle process's CPU goes, by thread (issue #15.3): utime + stime of every thread of a
 * process from /proc/<pid>/task/<tid>/stat (proc(5) fields 14, 15), summed by the thread's name
 * (`comm`, field 2: Chromium names its threads — "Compositor", "AudioOutputDevice", "Media",
 * "Chrome_ChildIOThread"…; Node its own — "node" for the main thread, "V8Worker", "libuv-worker"…).
 * Threads of the same name are summed; a thread that ended between two readings is missing from
 * the later one, so its time since the first reading is lost (idle apps start no threads).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ on Linux (sysconf(_SC_CLK_TCK)); /proc times are in these ticks. */
const TICKS = 100;

/** CPU seconds per thread name of one process; {} once it is gone. */
export function cpuByThreadName(pid: number): Record<string, number> {
  return byThreadName(pid, (_status, stat) => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS;
  });
}

/**
 * Context switches (voluntary + involuntary: each a wake-up or a preemption) per thread name, the
 * main thread apart (bench/lib/proc.ts switchesByThread sums it with its namesakes: Node's workers
 * are all "node").
 */
export function switchesByThreadName(pid: number): Record<string, number> {
  return byThreadName(pid, (status) => Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0) + Number(/^nonvoluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0));
}

/** `value(status, stat)` of every thread of a process, summed by name (the main thread apart). */
function byThreadName(pid: number, value: (status: string, stat: string) => number): Record<string, number> {
  const out: Record<string, number> = {};
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // the process ended
  }
  for (const tid of tids) {
    let stat: string;
    let status: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    } catch {
      continue; // the thread ended
    }
    // The main thread (tid = pid) apart: its name is the process's, which other threads may share.
    const name = `${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}${tid === String(pid) ? ' (main thread)' : ''}`;
    out[name] = (out[name] ?? 0) + value(status, stat);
  }
  return out;
}

/** The threads' CPU between two readings as % of one core, busiest first, those above 0 only. */
export function threadPercents(a: Record<string, number>, b: Record<string, number>, seconds: number): Record<string, number> {
  const r2 = (x: number): number => Math.round(x * 100) / 100;
  return Object.fromEntries(
    Object.entries(b)
      .map(([k, v]) => [k, seconds > 0 ? (100 * (v - (a[k] ?? 0))) / seconds : Number.NaN] as const)
      .filter(([, v]) => v > 0)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 10)
      .map(([k, v]) => [k, r2(v)]),
  );
}
