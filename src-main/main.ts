/**
 * Electron main entry: wires the desktop adapters around the agent core (src-main/desktop/app.ts).
 * No logic of its own.
 */
import * as electron from 'electron';
import { runApp } from './desktop/app';
import { redact } from './lp';

runApp(electron).catch((err: unknown) => {
  // The stack starts with the message: both may carry a bearer/csrf/cookie, so only the redacted text is printed.
  console.error(redact(err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err)));
  electron.app.exit(1);
});
