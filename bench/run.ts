/**
 * `npm run bench` — the benchmark cases, a table on stdout and bench/results/latest.json.
 *   npm run bench                      full run (about 10 minutes on 2 cores; idle in the background)
 *   npm run bench -- --quick           every case small (CI: checks the bench code works, not timings)
 *   npm run bench -- --only <name>     one case: ring-latency | throughput | reconnect | renderer | memory | startup | idle | flood | soak
 * Exit code: 0 when every case either ran or said precisely why it could not (a FAIL against a goal
 * is a finding, not a crash); 1 when a case crashed or the arguments are wrong.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { flood } from './cases/flood';
import { idle } from './cases/idle';
import { memory } from './cases/memory';
import { reconnect } from './cases/reconnect';
import { renderer } from './cases/renderer';
import { soak } from './cases/soak';
import { ringLatency } from './cases/ring-latency';
import { startup } from './cases/startup';
import { throughput } from './cases/throughput';
import { projectRoot } from './lib/core';
import { errorText, loadAverages, machineInfo, notMeasuredRow, writeReport, type BenchCase, type CaseResult, type RunReport, type Row } from './lib/results';
import { renderTable } from './lib/table';

// idle first: it runs in the background (two idling apps, their own CPU time from /proc) while the cases after it run;
// it is awaited after the last case. Measured: the app ring latency does not move with the idle apps behind it (bench/README.md).
const CASES: BenchCase[] = [idle, ringLatency, throughput, reconnect, renderer, memory, startup, flood, soak];

function parseArgs(argv: string[]): { quick: boolean; only: string | null } {
  let quick = false;
  let only: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--only') only = argv[++i] ?? '';
    else if (a?.startsWith('--only=')) only = a.slice('--only='.length);
    else throw new Error(`unknown argument ${a}`);
  }
  if (only !== null && !CASES.some((c) => c.name === only)) throw new Error(`--only: unknown case "${only}" (one of ${CASES.map((c) => c.name).join(', ')})`);
  return { quick, only };
}

async function main(): Promise<number> {
  let args: { quick: boolean; only: string | null };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`bench: ${errorText(err)}`);
    return 1;
  }
  const started = performance.now();
  const loadStart = loadAverages();
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};
  const failures: Record<string, string> = {};
  const log = (line: string): void => console.log(`  ${line}`);
  const opts = { quick: args.quick, log };
  const seconds: Record<string, number> = {};
  const record = (c: BenchCase, t0: number, r: CaseResult | Error, t1 = performance.now()): void => {
    const durationMs = Math.round(t1 - t0);
    seconds[c.name] = Math.round(durationMs / 1000);
    if (r instanceof Error) {
      failures[c.name] = errorText(r);
      rows.push(notMeasuredRow({ case: c.name, figure: c.title, goal: '—', goalValue: Number.NaN, direction: 'max', unit: '' }, `the case crashed: ${errorText(r)}`));
      return;
    }
    rows.push(...r.rows);
    raw[c.name] = { ...r.raw, durationMs };
  };
  // A background case (idle) is started at its place in CASES and runs while the cases after it do;
  // its rows are added when it finishes (awaited after the last foreground case).
  const background: Array<{ c: BenchCase; t0: number; finished: Promise<CaseResult | Error>; settled: boolean; settledAt: number; stopped: boolean; stop(): Promise<void> }> = [];
  // Between two cases (never in the middle of one), a background case that has finished is stopped.
  const stopFinished = async (): Promise<void> => {
    for (const b of background) {
      if (!b.settled || b.stopped) continue;
      b.stopped = true;
      await b.stop().catch(() => undefined);
    }
  };
  for (const c of CASES) {
    if (args.only && c.name !== args.only) continue;
    const t0 = performance.now();
    const inBackground = c.background !== undefined && !args.only;
    console.log(`bench: ${c.name} — ${c.title}${args.quick ? ' (quick)' : ''}${inBackground ? ' (in the background)' : ''}`);
    try {
      if (inBackground && c.background) {
        const { finished, stop } = await c.background(opts);
        const entry = { c, t0, stop, settled: false, settledAt: 0, stopped: false, finished: finished.catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))) };
        void entry.finished.then(() => { entry.settled = true; entry.settledAt = performance.now(); });
        background.push(entry);
      } else {
        record(c, t0, await c.run(opts));
      }
    } catch (err) {
      record(c, t0, err instanceof Error ? err : new Error(String(err)));
    }
    await stopFinished();
  }
  for (const b of background) {
    console.log(`bench: waiting for ${b.c.name} (in the background) to finish`);
    const result = await b.finished;
    if (!b.stopped) await b.stop().catch(() => undefined);
    record(b.c, b.t0, result, b.settledAt || performance.now());
  }
  const report: RunReport = {
    date: new Date().toISOString(),
    quick: args.quick,
    only: args.only,
    durationMs: Math.round(performance.now() - started),
    secondsPerCase: seconds,
    machine: machineInfo(),
    load: { start: loadStart, end: loadAverages() },
    rows,
    raw,
    failures,
  };
  const file = join(projectRoot, 'bench', 'results', 'latest.json');
  writeReport(file, report);
  console.log('');
  console.log(renderTable(rows));
  console.log('');
  console.log(`seconds per case: ${Object.entries(seconds).map(([k, v]) => `${k} ${v}`).join(', ')}${background.length ? ` (${background.map((b) => b.c.name).join(', ')} in the background of the cases after it)` : ''}`);
  console.log(`bench: ${report.machine.cpus} cpus, node ${report.machine.node}, load ${report.load.start[0]}→${report.load.end[0]}, ${(report.durationMs / 1000).toFixed(1)} s${args.quick ? ', quick (timings not comparable to goals)' : ''} → ${file}`);
  return Object.keys(failures).length ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => { console.error(err); process.exit(1); });
