/**
 * The `app` fixture: the built app (npm run build; snapshotted per run by global-setup.ts), launched on
 * the TARGET of the project that runs the spec — 'standin' (the typed Electron stand-in,
 * test/electron-standin) or 'electron' (real Electron through Playwright's _electron, only where its
 * binary is installed). Each test gets a fresh app and a fresh user-data dir; the app is quit and the
 * dir removed after the test.
 *
 * Options (test.use): `appEnv` (extra environment; STANDIN_* knobs apply to the stand-in only) and
 * `demoSim: true` — the demo simulator on a free port chosen here, without automatic consumers, its
 * HTTP API on behind a token chosen here (LPAD_DEMO_PORT, LPAD_DEMO_CONSUMERS=off, LPAD_DEMO_SIM_TOKEN;
 * see src-main/desktop/modes.ts), driven through `app.demo` (its HTTP consumer API,
 * src-main/simulator/consumers.ts).
 */
import { test as base, expect, _electron, type ElectronApplication, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimConversationView } from '../../src-main/simulator/api';
import { launchStandin, type PowerEvent, type StandinApp } from '../electron-standin/launch';
import { electronBinary, projectRoot, type Target } from './targets';

/** The demo simulator of the app under test, driven over its HTTP consumer API. */
export interface DemoSim {
  readonly baseUrl: string;
  /** A raw call to its HTTP API with this run's token (and, with a body, as JSON). */
  fetch(path: string, init?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<Response>;
  /** A consumer opens a conversation (and sends its first message): the agent gets a ring. */
  open(opts: { firstName: string; lastName: string; skillId?: string; text?: string } | { consumerId: string; skillId?: string; text?: string }): Promise<{ conversationId: string; consumerId: string }>;
  conversation(conversationId: string): Promise<SimConversationView>;
  /** The consumer closes the conversation (a waiting ring for it ends). */
  close(conversationId: string): Promise<void>;
}

export interface AppUnderTest {
  target: Target;
  /** The first window. */
  page: Page;
  /** The app's userData dir (fresh per test). */
  userDataDir: string;
  /** Lines main wrote to stdout/stderr so far. */
  output(): string[];
  /** powerMonitor emits `event` in main. */
  power(event: PowerEvent): Promise<void>;
  /** Another instance was started: 'second-instance' in main. */
  secondInstance(argv?: string[]): Promise<void>;
  /** With `demoSim: true`. */
  demo?: DemoSim;
  /** Stand-in only: recorded state and test hooks (notifications, tray, second instance …). */
  standin?: StandinApp;
  /** Real Electron only. */
  electron?: ElectronApplication;
}

export interface AppOptions {
  /** Extra environment for the app (STANDIN_* knobs apply to the stand-in only). */
  appEnv: Record<string, string>;
  /** Demo simulator on a known port, no automatic consumers; `app.demo` drives it. */
  demoSim: boolean;
}

/** A free loopback port (nothing listens on it when asked; the app's simulator binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof addr !== 'object' || addr === null) throw new Error('no port');
  return addr.port;
}

function demoSim(baseUrl: string, token: string): DemoSim {
  const simFetch: DemoSim['fetch'] = (path, init = {}) => fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await simFetch(path, { method, body });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    baseUrl,
    fetch: simFetch,
    open: (opts) => call('POST', '/sim/consumer/conversations', opts),
    conversation: (id) => call('GET', `/sim/consumer/conversations/${encodeURIComponent(id)}`),
    close: async (id) => {
      await call('POST', `/sim/consumer/conversations/${encodeURIComponent(id)}/close`, {});
    },
  };
}

/** The snapshot of the built app for this run (global-setup.ts), else the project itself. */
function appDir(): string {
  return process.env.LPAD_E2E_APP_DIR ?? projectRoot;
}

/** The main bundle of the built app under test (for specs that launch a stand-in of their own). */
export function builtMain(): string {
  return join(appDir(), 'dist', 'main', 'main.js');
}

export const test = base.extend<AppOptions & { app: AppUnderTest; target: Target }>({
  appEnv: [{}, { option: true }],
  demoSim: [false, { option: true }],
  // Playwright requires an object pattern here even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  target: async ({}, use, testInfo) => {
    await use(testInfo.project.name === 'electron' ? 'electron' : 'standin');
  },
  app: async ({ target, appEnv, demoSim: withDemoSim }, use) => {
    const env: Record<string, string> = { ...appEnv };
    let demo: DemoSim | undefined;
    if (withDemoSim) {
      const port = await freePort();
      env.LPAD_DEMO_PORT = String(port);
      env.LPAD_DEMO_CONSUMERS = 'off';
      const token = randomBytes(24).toString('base64url');
      env.LPAD_DEMO_SIM_TOKEN = token;
      demo = demoSim(`http://127.0.0.1:${port}`, token);
    }
    const userDataDir = mkdtempSync(join(tmpdir(), 'lp-e2e-'));
    const lines: string[] = [];
    try {
      if (target === 'electron') {
        const binary = electronBinary();
        if (!binary.ok) throw new Error(`the electron project exists but ${binary.reason}`);
        const electron = await _electron.launch({
          executablePath: binary.path,
          args: [appDir(), `--user-data-dir=${userDataDir}`],
          cwd: projectRoot,
          env: { ...process.env, ...env } as Record<string, string>,
        });
        const collect = (chunk: Buffer): void => {
          lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
        };
        electron.process().stdout?.on('data', collect);
        electron.process().stderr?.on('data', collect);
        try {
          const page = await electron.firstWindow();
          await use({
            target, page, electron, userDataDir, output: () => [...lines],
            ...(demo ? { demo } : {}),
            power: async (event) => {
              await electron.evaluate(({ powerMonitor }, e) => {
                powerMonitor.emit(e);
              }, event);
            },
            secondInstance: async (argv = []) => {
              await electron.evaluate(({ app }, a) => {
                app.emit('second-instance', { preventDefault: () => undefined }, a, process.cwd(), {});
              }, argv);
            },
          });
        } finally {
          await electron.close();
        }
        return;
      }
      const standin = await launchStandin({ env, userDataDir, main: builtMain() });
      try {
        const page = await standin.firstWindow();
        await use({
          target, page, standin, userDataDir, output: () => [...standin.logs],
          ...(demo ? { demo } : {}),
          power: async (event) => {
            await standin.power(event);
          },
          secondInstance: async (argv = []) => {
            if (!(await standin.secondInstance(argv))) throw new Error('the app does not hold the single-instance lock');
          },
        });
      } finally {
        await standin.close();
      }
    } finally {
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
});

/**
 * A temp dir for a spec file that needs its path when the file loads (test.use, file-level constants):
 * the path is chosen at once, the dir made in beforeAll and removed in afterAll. Playwright's runner
 * process also loads every spec file, only to list its tests, so a mkdtempSync at the top level would
 * leave one dir behind per load. Call it at the top of the file (or of a describe) before other hooks.
 */
export function specTempDir(prefix: string): string {
  const dir = join(tmpdir(), `${prefix}${process.pid}-${randomBytes(6).toString('hex')}`);
  test.beforeAll(() => {
    mkdirSync(dir, { mode: 0o700 });
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export { expect };
