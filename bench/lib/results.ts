/**
 * What a bench case reports and how the run is written to bench/results/latest.json.
 * A row is one figure with one goal. A row that could not be measured says why (`notMeasured`) and
 * carries no number: never a fake figure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release, arch, loadavg } from 'node:os';
import { dirname } from 'node:path';

export type Direction = 'max' | 'min';

export interface Row {
  /** Case name (ring-latency, throughput, ...). */
  case: string;
  /** What is measured, e.g. "ring → notification decision, p99". */
  figure: string;
  /** Human-readable goal, e.g. "≤ 5 ms". */
  goal: string;
  goalValue: number;
  /** 'max': measured must be ≤ goalValue; 'min': measured must be ≥ goalValue. */
  direction: Direction;
  unit: string;
  measured?: number;
  /** measured / goalValue (or the measured ratio itself for relative goals). */
  ratio?: number;
  pass?: boolean;
  /** Set when there is no number: exactly why. */
  notMeasured?: string;
  /** Free-form extra context (sample sizes, caveats). */
  note?: string;
}

export interface CaseResult {
  rows: Row[];
  /** Raw-sample summaries and other details for the JSON. */
  raw: Record<string, unknown>;
}

export interface CaseOptions {
  quick: boolean;
  log: (line: string) => void;
}

export interface BenchCase {
  name: string;
  /** One line: what it measures. */
  title: string;
  run(opts: CaseOptions): Promise<CaseResult>;
  /**
   * A case whose figures other load does not distort (e.g. a process's own CPU time) can run in the
   * background of others: resolves once its own set-up (the part that costs CPU) is done;
   * `finished` resolves with its result later; `stop()` then ends what it started (run.ts calls it
   * between two cases, so no app shuts down in the middle of another case's measurement). run.ts uses this in a full run, `run` for --only.
   */
  background?(opts: CaseOptions): Promise<{ finished: Promise<CaseResult>; stop(): Promise<void> }>;
}

/** A row with a number: computes ratio and pass. */
export function measuredRow(r: Omit<Row, 'ratio' | 'pass' | 'notMeasured'> & { measured: number }): Row {
  const pass = Number.isFinite(r.measured) && (r.direction === 'max' ? r.measured <= r.goalValue : r.measured >= r.goalValue);
  // A goal of 0 (e.g. "no notification left over") has no meaningful ratio: the row shows "—".
  if (r.goalValue === 0) return { ...r, pass };
  const ratio = r.measured / r.goalValue;
  return { ...r, ratio: Math.round(ratio * 1000) / 1000, pass };
}

/** A row that could not be measured: the reason, no number. */
export function notMeasuredRow(r: Omit<Row, 'ratio' | 'pass' | 'measured' | 'notMeasured'>, reason: string): Row {
  return { ...r, notMeasured: reason };
}

export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]?.slice(0, 300) ?? text;
}

export interface RunReport {
  date: string;
  quick: boolean;
  only: string | null;
  durationMs: number;
  /** Wall seconds of each case (a background case: from its start to its end, other cases included). */
  secondsPerCase: Record<string, number>;
  machine: { cpus: number; cpuModel: string; totalMemMb: number; node: string; platform: string; release: string; arch: string };
  /** 1/5/15-min load averages at start and end: the machine is shared, timings need this context. */
  load: { start: number[]; end: number[] };
  rows: Row[];
  raw: Record<string, unknown>;
  /** Cases that threw: name → message (their rows say "not measured"). */
  failures: Record<string, string>;
}

export function loadAverages(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}

export function machineInfo(): RunReport['machine'] {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    totalMemMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    platform: platform(),
    release: release(),
    arch: arch(),
  };
}

export function writeReport(path: string, report: RunReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
