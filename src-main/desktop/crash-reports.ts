/**
 * Crash reports, local only (issue 13.2): Electron's crashReporter started before 'ready' (its docs:
 * "as early as possible in app startup, preferably before app.on('ready')", so every renderer is
 * watched) with `uploadToServer: false` — dumps stay in `app.getPath('crashDumps')`, nothing is
 * sent anywhere. Diagnostics opens that folder, and exports one zip (fflate) for support holding the
 * logs (redacted again on the way out), the crash dumps and a short `report.json` (version,
 * platform, runtime versions, the crash reports Electron lists). A dump is a memory snapshot of the
 * crashed process: it is copied as is (it cannot be redacted), and README says so.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** What of Electron's crashReporter the app uses. */
export interface CrashReporterLike {
  start(options: { uploadToServer: boolean; productName?: string; compress?: boolean; rateLimit?: boolean; ignoreSystemCrashHandler?: boolean; submitURL?: string }): void;
  getUploadedReports(): Array<{ date: Date; id: string }>;
}

/** Dumps bigger than this are listed in report.json but not copied (a zip for support, not a disk image). */
export const MAX_DUMP_BYTES = 64 * 1024 * 1024;

export function startCrashReporter(crashReporter: Pick<CrashReporterLike, 'start'>, productName: string): void {
  crashReporter.start({ uploadToServer: false, productName, compress: true, rateLimit: false, ignoreSystemCrashHandler: false });
}

/** Every file under `dir` (crashpad keeps dumps in completed/, pending/, new/ …), relative paths. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

export interface ReportInput {
  /** The kept logs, oldest first, each line redacted again (logging.ts `redactedLines`). */
  logLines: string[];
  crashDir: string;
  crashReporter: Pick<CrashReporterLike, 'getUploadedReports'>;
  about: { name: string; version: string; platform: string; versions: Record<string, string | undefined> };
  now: Date;
}

export interface ReportResult {
  path: string;
  logLines: number;
  /** Dumps copied into the zip. */
  crashDumps: number;
}

/** The zip's entries (exported for the test, which reads them back without a zip on disk too). */
export function reportEntries(input: ReportInput): { entries: Zippable; logLines: number; crashDumps: number } {
  const dumps = filesUnder(input.crashDir).filter((f) => f.endsWith('.dmp'));
  const copied: string[] = [];
  const skipped: string[] = [];
  const entries: Zippable = {};
  for (const f of dumps) {
    const size = statSync(join(input.crashDir, f)).size;
    if (size > MAX_DUMP_BYTES) { skipped.push(f); continue; }
    entries[`crash-dumps/${basename(f)}`] = [readFileSync(join(input.crashDir, f)), { level: 6 }];
    copied.push(f);
  }
  const report = {
    app: input.about.name, version: input.about.version, platform: input.about.platform,
    electron: input.about.versions.electron, chrome: input.about.versions.chrome, node: input.about.versions.node,
    exportedAt: input.now.toISOString(),
    crashReports: input.crashReporter.getUploadedReports().map((r) => ({ date: r.date.toISOString(), uploaded: r.id !== '' })),
    crashDumps: copied.map((f) => basename(f)),
    ...(skipped.length > 0 ? { crashDumpsTooBigToInclude: skipped.map((f) => basename(f)) } : {}),
    logLines: input.logLines.length,
  };
  entries['report.json'] = new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`);
  entries['logs/main.log'] = new TextEncoder().encode(input.logLines.length > 0 ? `${input.logLines.join('\n')}\n` : '');
  return { entries, logLines: input.logLines.length, crashDumps: copied.length };
}

export function exportReport(path: string, input: ReportInput): ReportResult {
  const { entries, logLines, crashDumps } = reportEntries(input);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, zipSync(entries, { mtime: input.now }), { mode: 0o600 });
  return { path, logLines, crashDumps };
}
