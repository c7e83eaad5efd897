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
  const out: Record<string, number> = {};
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // the process ended
  }
  for (const tid of tids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended
    }
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    // The main thread (tid = pid) apart: its name is the process's, which other threads may share.
    const name = `${stat.slice(open + 1, close)}${tid === String(pid) ? ' (main thread)' : ''}`;
    const f = stat.slice(close + 2).split(' ');
    out[name] = (out[name] ?? 0) + (Number(f[11]) + Number(f[12])) / TICKS;
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
