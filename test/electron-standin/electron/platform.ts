/**
 * The platform the stand-in plays (STANDIN_PLATFORM: darwin | win32 | linux; default: the real one).
 * The app sees it as `process.platform`; the stand-in's own platform differences (dock, tray clicks,
 * session end) follow it. Playwright and Node in the same process keep seeing the real platform:
 * `presentPlatformToApp` answers the selected one only to code in the app's bundle.
 */
export type StandinPlatform = 'darwin' | 'win32' | 'linux';

const realPlatform = process.platform;

export function standinPlatform(): StandinPlatform {
  const p = process.env.STANDIN_PLATFORM;
  if (p === 'darwin' || p === 'win32' || p === 'linux') return p;
  if (p) throw new Error(`STANDIN_PLATFORM must be darwin, win32 or linux, not "${p}"`);
  return realPlatform === 'darwin' || realPlatform === 'win32' ? realPlatform : 'linux';
}

/** Whether a stack line names a file of the app's bundle (any frame of dist/main/main.js). */
function callerIn(appFile: string): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 3;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  // [0] "Error", [1] callerIn, [2] the getter, [3] whoever read process.platform.
  return stack.split('\n')[3]?.includes(appFile) === true;
}

/** Makes `process.platform` read as the selected platform inside `appFile` (the built main bundle). */
export function presentPlatformToApp(appFile: string): void {
  const selected = standinPlatform();
  if (selected === realPlatform) return;
  Object.defineProperty(process, 'platform', {
    configurable: true,
    enumerable: true,
    get: (): NodeJS.Platform => (callerIn(appFile) ? selected : realPlatform),
  });
}
