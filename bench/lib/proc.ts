/**
 * CPU time and wake-ups of processes from Linux's /proc (proc(5)): figures that other load on the
 * machine does not inflate (a process's own utime + stime, not wall time), so a case can measure an
 * idle app while other cases run.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ on Linux (sysconf(_SC_CLK_TCK)); /proc times are in these ticks. */
const TICKS = 100;

/** Fields after the command name of /proc/<pid>/stat (or task/<tid>/stat): index 0 = field 3 (state). */
function statFields(path: string): string[] | null {
  try {
    const stat = readFileSync(path, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // the process or thread ended
  }
}

/** utime + stime of a whole process (every thread), seconds; 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  const f = statFields(`/proc/${pid}/stat`);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS : 0; // fields 14, 15 of proc(5)
}

/** utime + stime of one thread (the main thread of a process is tid = pid), seconds. */
export function threadCpuSeconds(pid: number, tid: number): number {
  const f = statFields(`/proc/${pid}/task/${tid}/stat`);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS : 0;
}

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** The command line, arguments joined by spaces. */
  cmdline: string;
}

/** Every process below `root` (children, grandchildren…), not `root` itself. */
export function descendants(root: number): ProcInfo[] {
  const all: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const f = statFields(`/proc/${pid}/stat`);
    if (!f) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue;
    }
    all.push({ pid, ppid: Number(f[1]), cmdline });
  }
  const below = new Set([root]);
  const out: ProcInfo[] = [];
  // Parents are not always listed before their children: repeat until nothing new joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (below.has(p.pid) || !below.has(p.ppid)) continue;
      below.add(p.pid);
      out.push(p);
      grew = true;
    }
  }
  return out;
}

/** Chromium's process type from its command line (`--type=renderer`…); the browser process has none. */
export function chromiumType(p: ProcInfo): string {
  if (!/chrom/i.test(p.cmdline.split(' ')[0] ?? '')) return 'other';
  const type = /--type=(\S+)/.exec(p.cmdline)?.[1];
  if (!type) return 'browser';
  if (type === 'renderer' && /--top-chrome-webui|--extension-process/.test(p.cmdline)) return 'renderer (Chromium UI)';
  return type;
}

/** CPU seconds spent over `wallSeconds` of wall time, as % of one core. */
export function cpuPercent(cpuSeconds: number, wallSeconds: number): number {
  return wallSeconds > 0 ? (100 * cpuSeconds) / wallSeconds : Number.NaN;
}

/**
 * The machine's CPU time so far, all CPUs, in seconds (/proc/stat `cpu` line: user nice system idle
 * iowait irq softirq steal …; guest time is inside user and nice); null where not readable.
 */
export function machineCpuSeconds(): { busy: number; steal: number } | null {
  try {
    const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
    const busy = [0, 1, 2, 5, 6, 7].reduce((a, i) => a + (ticks[i] ?? 0), 0) / TICKS;
    const steal = (ticks[7] ?? Number.NaN) / TICKS;
    return Number.isFinite(busy) && Number.isFinite(steal) ? { busy, steal } : null;
  } catch {
    return null;
  }
}

/** CPU time the whole machine has spent busy (every CPU, every process: all but idle and iowait), seconds; 0 where not readable. */
export function machineBusySeconds(): number {
  return machineCpuSeconds()?.busy ?? 0;
}

/** The census key of the whole machine's busy time (cpuCensus): what the listed processes leave to others. */
export const MACHINE = '(machine: all processes)';

/**
 * CPU seconds of a running case's processes: this bench process, the simulator's, main's (the
 * stand-in's Node process) and Chromium's below it by process type, and the whole machine's busy
 * time (MACHINE). Taken at two moments, the difference says what paces a case (the app, Chromium,
 * the simulator or the harness) and how much of the cores anything else took.
 */
export function cpuCensus(pids: { sim: number; main: number }): Record<string, number> {
  const own = process.cpuUsage();
  const out: Record<string, number> = { bench: (own.user + own.system) / 1e6, simulator: processCpuSeconds(pids.sim), main: processCpuSeconds(pids.main), [MACHINE]: machineBusySeconds() };
  for (const p of descendants(pids.main)) {
    const type = chromiumType(p);
    if (type === 'other') continue;
    const key = `chromium ${type}`;
    out[key] = (out[key] ?? 0) + processCpuSeconds(p.pid);
  }
  return out;
}

/** `b − a` per key, rounded to 0.1 s. */
export function censusDelta(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Math.round((v - (a[k] ?? 0)) * 10) / 10]));
}
