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

/** CPU seconds per thread of one process, keyed `<name>\u0000<tid>`; {} once it is gone. */
export function cpuByThread(pid: number): Record<string, number> {
  return byThread(pid, (_status, stat) => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS;
  });
}

/**
 * Context switches (voluntary + involuntary: each a wake-up or a preemption) per thread, keyed like
 * cpuByThread (summing by name alone would add the main thread to its namesakes: Node's
 * workers are all "node").
 */
export function switchesByThread(pid: number): Record<string, number> {
  return byThread(pid, (status) => Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0) + Number(/^nonvoluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0));
}

/** `value(status, stat)` of every thread of a process, keyed `<name>\u0000<tid>` (the main thread named apart). */
function byThread(pid: number, value: (status: string, stat: string) => number): Record<string, number> {
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
    out[`${name}\u0000${tid}`] = value(status, stat);
  }
  return out;
}

/**
 * Per thread NAME, what the threads alive at the second reading added since the first (a thread
 * started in between counts from 0), busiest first, those above 0 only, the top ten. With `total`
 * (the same quantity for the whole process, which /proc/<pid>/stat keeps for threads that ended
 * too), the rest is given as "(threads that ended)": e.g. an audio output thread Chromium starts for
 * a sound and ends when its output stops.
 */
export function byNameDelta(a: Record<string, number>, b: Record<string, number>, total?: number): Record<string, number> {
  const out: Record<string, number> = {};
  let live = 0;
  for (const [key, v] of Object.entries(b)) {
    const d = v - (a[key] ?? 0);
    const name = key.slice(0, key.lastIndexOf('\u0000'));
    out[name] = (out[name] ?? 0) + d;
    live += d;
  }
  // More than float noise (CPU times come in 10 ms ticks): time of threads that ended in between.
  if (total !== undefined && total - live > 0.005) out['(threads that ended)'] = total - live;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v > 0).sort((x, y) => y[1] - x[1]).slice(0, 10));
}
