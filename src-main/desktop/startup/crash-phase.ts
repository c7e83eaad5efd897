/**
 * Diagnostics' crash actions: open the local crash-dump folder (created first, so the OS has a
 * folder to show), and export the zip of logs and crash reports (crash-reports.ts) where the save
 * dialog says. The reporter itself is started before 'ready' in app.ts.
 */
import { mkdirSync } from 'node:fs';
import { exportReport, type CrashReporterLike, type ReportInput, type ReportResult } from '../crash-reports';

export interface CrashActions {
  openFolder(): Promise<{ path: string; error?: string }>;
  exportReport(): Promise<ReportResult | null>;
}

export function createCrashActions(deps: {
  crashDir(): string;
  openPath(path: string): Promise<string>;
  chooseReportPath(): Promise<string | null>;
  logLines(): string[];
  crashReporter: Pick<CrashReporterLike, 'getUploadedReports'>;
  about: ReportInput['about'];
  log(message: string): void;
  now?(): Date;
}): CrashActions {
  return {
    async openFolder() {
      const path = deps.crashDir();
      mkdirSync(path, { recursive: true });
      const error = await deps.openPath(path);
      if (error) deps.log(`crash folder could not be opened: ${error}`);
      return error ? { path, error } : { path };
    },
    async exportReport() {
      const path = await deps.chooseReportPath();
      if (path === null) return null;
      const result = exportReport(path, {
        logLines: deps.logLines(), crashDir: deps.crashDir(), crashReporter: deps.crashReporter, about: deps.about, now: deps.now?.() ?? new Date(),
      });
      deps.log(`exported ${result.logLines} log lines and ${result.crashDumps} crash dumps to ${result.path}`);
      return result;
    },
  };
}
