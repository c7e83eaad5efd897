/**
 * Electron main entry: wires the desktop adapters around the agent core (src-main/desktop/app.ts).
 * No logic of its own.
 */
import * as electron from 'electron';
import { runApp } from './desktop/app';

runApp(electron).catch((err: unknown) => {
  console.error(err);
  electron.app.exit(1);
});
