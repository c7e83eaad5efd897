/**
 * The platform the stand-in plays (STANDIN_PLATFORM: darwin | win32 | linux; default: the real one).
 * The app sees it as `process.platform`; the stand-in's own platform differences (dock, tray clicks,
 * session end) follow it. Playwright and Node in the same process keep seeing the real platform:
 * `presentPlatformToApp` answers the selected one only to code in the app's bundle.
 */
import { dirname, join, sep } from 'node:path';

export type StandinPlatform = 'darwin' | 'win32' | 'linux';

const realPlatform = process.platform;

export function standinPlatform(): StandinPlatform {
  const p = process.env.STANDIN_PLATFORM;
  if (p === 'darwin' || p === 'win32' || p === 'linux') return p;
  if (p) throw new Error(`STANDIN_PLATFORM must be darwin, win32 or linux, not "${p}"`);
  return realPlatform === 'darwin' || realPlatform === 'win32' ? realPlatform : 'linux';
}

/**
 * Whether a stack line names a file of the app's bundle: dist/main/main.js or one of the chunks it
 * imports lazily (dist/main/chunks/, scripts/build.mjs).
 */
function callerIn(appFiles: readonly string[]): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 3;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  // [0] "Error", [1] callerIn, [2] the getter, [3] whoever read process.platform.
  const line = stack.split('\n')[3] ?? '';
  return appFiles.some((f) => line.includes(f));
}

/** Makes `process.platform` read as the selected platform inside `appFile` (the built main bundle) and its chunks. */
export function presentPlatformToApp(appFile: string): void {
  const appFiles = [appFile, join(dirname(appFile), 'chunks') + sep];
  const selected = standinPlatform();
  if (selected === realPlatform) return;
  Object.defineProperty(process, 'platform', {
    configurable: true,
    enumerable: true,
    get: (): NodeJS.Platform => (callerIn(appFiles) ? selected : realPlatform),
  });
}
