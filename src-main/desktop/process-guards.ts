/**
 * Main's last line of defence: an uncaught exception or an unhandled promise rejection is logged
 * (through the file logger, which redacts) instead of ending the app or showing Electron's error
 * box. A rejection is always survived (nothing was interrupted half-way). An exception is survived
 * too — the event loop and every other handler are intact — unless they come in a storm
 * (more than `maxPerWindow` in `windowMs`): then main is looping on a broken state, and the app
 * quits (the log says why) rather than keep an agent "online" who is not.
 */
export const MAX_EXCEPTIONS_PER_WINDOW = 5;
export const EXCEPTION_WINDOW_MS = 60_000;

export type GuardDecision = 'survive' | 'quit';

/** Pure: given the times of earlier exceptions, what to do about one at `now`. */
export function decideOnException(earlier: readonly number[], now: number, maxPerWindow = MAX_EXCEPTIONS_PER_WINDOW, windowMs = EXCEPTION_WINDOW_MS): GuardDecision {
  const recent = earlier.filter((t) => now - t < windowMs).length + 1;
  return recent > maxPerWindow ? 'quit' : 'survive';
}

export interface ProcessLike {
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 8).join('\n')}` : ''}`;
  return String(err);
}

export function installProcessGuards(deps: {
  process: ProcessLike;
  log(level: 'error', message: string): void;
  quit(): void;
  now?(): number;
}): void {
  const times: number[] = [];
  const now = deps.now ?? Date.now;
  deps.process.on('uncaughtException', (err) => {
    const t = now();
    const decision = decideOnException(times, t);
    times.push(t);
    while (times.length > MAX_EXCEPTIONS_PER_WINDOW * 2) times.shift();
    deps.log('error', `uncaught exception in main (${decision === 'survive' ? 'carrying on' : 'too many in a minute: quitting'}): ${describe(err)}`);
    if (decision === 'quit') deps.quit();
  });
  deps.process.on('unhandledRejection', (reason) => {
    deps.log('error', `unhandled promise rejection in main (carrying on): ${describe(reason)}`);
  });
}
