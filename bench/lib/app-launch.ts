/**
 * The launch block of the app cases (flood, soak, idle): a private copy of the built app, the
 * bench's simulator in its own process (bench/clients/sim-host.ts), the app on the Electron
 * stand-in signed in (live mode) to it, window unfocused, the ring observer installed
 * (cases/ring-app.ts launchSignedIn). `close()` ends the app, the simulator and the copy, in that
 * order, and never throws; a launch that fails cleans up what it made before rethrowing.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { StandinApp } from '../../test/electron-standin/launch';
import { appPrerequisites, launchSignedIn, privateBuild } from '../cases/ring-app';
import { spawnChild, type BenchChild, type ChildMsg } from './child';
import { projectRoot } from './core';

export interface SignedInApp {
  app: StandinApp;
  page: Page;
  /** The simulator's process (bench/clients/sim-host.ts). */
  host: BenchChild;
  /** The simulator's 'ready' message (CSDS URL, account, agent credentials). */
  ready: ChildMsg;
  close(): Promise<void>;
}

export interface AppLaunchOptions {
  quick: boolean;
  /** Extra Node flags for main (e.g. ['--expose-gc'] for mainHeap()). */
  nodeArgs?: string[];
  /** How long the simulator's rings stay WAITING (default 10 min: none expires during a case). */
  ringExpirationMs?: number;
  /** Environment for the stand-in's process (e.g. STANDIN_STATE_PUSH_GAP_MS). */
  standinEnv?: Record<string, string>;
}

export { appPrerequisites };

export async function launchAppOnSim(opts: AppLaunchOptions): Promise<SignedInApp> {
  const build = await privateBuild(opts.quick);
  const host = spawnChild(join(projectRoot, 'bench/clients/sim-host.ts'), { env: { BENCH_RING_EXPIRATION_MS: String(opts.ringExpirationMs ?? 600_000) } });
  const cleanup = async (app: StandinApp | null): Promise<void> => {
    await app?.close().catch(() => undefined);
    await host.kill().catch(() => undefined);
    rmSync(build.dir, { recursive: true, force: true });
  };
  try {
    const { launchStandin } = await import('../../test/electron-standin/launch');
    const ready = await host.next('ready', 20_000);
    const { app, page } = await launchSignedIn(() => launchStandin({ main: build.main, ...(opts.nodeArgs ? { nodeArgs: opts.nodeArgs } : {}), ...(opts.standinEnv ? { env: opts.standinEnv } : {}) }), ready);
    return { app, page, host, ready, close: () => cleanup(app) };
  } catch (err) {
    await cleanup(null);
    throw err;
  }
}
