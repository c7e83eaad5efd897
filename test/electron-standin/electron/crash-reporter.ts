/**
 * `crashReporter` (docs api/crash-reporter): `start` records its options and whether it came before
 * 'ready' (the docs ask for that: renderers created before it are not watched); the reports are the
 * `.dmp` files Crashpad keeps under `app.getPath('crashDumps')` (`<userData>/Crashpad`, completed/ or
 * pending/), listed by `getUploadedReports()` with the file's time and, as the docs say for reports
 * never uploaded, an empty `id`. Nothing is uploaded, and no process really crashes here: a test
 * writes a dump file where Crashpad would.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { changed, recorded } from './record';

let crashDir: () => string = () => '';
/** app.ts gives the crashDumps path (kept here to avoid an import cycle). */
export function setCrashDumpsDir(dir: () => string): void {
  crashDir = dir;
}

const parameters = new Map<string, string>();

function reports(): Electron.CrashReport[] {
  const dir = crashDir();
  const out: Electron.CrashReport[] = [];
  for (const sub of ['completed', 'pending']) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) if (f.endsWith('.dmp')) out.push({ date: statSync(join(d, f)).mtime, id: '' });
  }
  return out.sort((a, b) => a.date.getTime() - b.date.getTime());
}

export const crashReporter = {
  start(options: Electron.CrashReporterStartOptions): void {
    recorded.crashReporter = {
      started: true, beforeReady: !recorded.app.ready, uploadToServer: options.uploadToServer ?? true,
      ...(options.submitURL !== undefined ? { submitURL: options.submitURL } : {}),
      ...(options.productName !== undefined ? { productName: options.productName } : {}),
    };
    for (const [k, v] of Object.entries(options.extra ?? {})) parameters.set(k, v);
    changed();
  },
  getUploadedReports: (): Electron.CrashReport[] => (recorded.crashReporter?.started ? reports() : []),
  getLastCrashReport: (): Electron.CrashReport | null => (recorded.crashReporter?.started ? (reports().at(-1) ?? null) : null),
  getUploadToServer: (): boolean => recorded.crashReporter?.uploadToServer ?? false,
  /** "This has no effect if called before start is called." */
  setUploadToServer(upload: boolean): void {
    if (!recorded.crashReporter) return;
    recorded.crashReporter.uploadToServer = upload;
    changed();
  },
  addExtraParameter: (key: string, value: string): void => void parameters.set(key, value),
  removeExtraParameter: (key: string): void => void parameters.delete(key),
  getParameters: (): Record<string, string> => Object.fromEntries(parameters),
} satisfies Pick<Electron.CrashReporter, 'start' | 'getUploadedReports' | 'getLastCrashReport' | 'getUploadToServer' | 'setUploadToServer' | 'addExtraParameter' | 'removeExtraParameter' | 'getParameters'>;
