/** Fakes for the start-up phase tests (no Electron, no stand-in). */
import Conf from 'conf';
import type { DemoSimulator, ModeInfo, ModeManager } from '../../../src-main/desktop/modes';
import type { KeyValueStore } from '../../../src-main/desktop/settings';
import { createCore, type Core } from '../../../src-main/desktop/startup/core';
import type { AgentSession } from '../../../src-main/lp';
import { fakeSafeStorage, FakeSession } from '../fakes';

/** A hand-driven mode manager: `switchTo` plays a mode switch. */
export class FakeModes implements ModeManager {
  info: ModeInfo = { mode: 'signed-out', session: null };
  signOutCalls = 0;
  private readonly listeners = new Set<(info: ModeInfo) => void>();
  /** What signOut() returns (a test may hand in a promise it controls). */
  signOutResult: () => Promise<void> = async () => undefined;

  current(): ModeInfo {
    return this.info;
  }
  onChange(listener: (info: ModeInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  switchTo(session: AgentSession | null): void {
    this.info = { mode: session ? 'demo' : 'signed-out', session };
    for (const l of [...this.listeners]) l(this.info);
  }
  async startDemo(): Promise<void> {}
  async startLive(): Promise<void> {}
  signOut(): Promise<void> {
    this.signOutCalls += 1;
    return this.signOutResult();
  }
}

/** A defer() whose queued functions run only when the test flushes them: "one tick" made explicit. */
export function manualTicks(): { defer(fn: () => void): void; flush(): number } {
  const queue: Array<() => void> = [];
  return {
    defer: (fn) => {
      queue.push(fn);
    },
    flush() {
      const run = queue.splice(0);
      for (const fn of run) fn();
      return run.length;
    },
  };
}

/** A promise with its resolve/reject in hand. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(err: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A window that records what was done to it. */
export interface FakeWindow {
  calls: string[];
  destroyed: boolean;
  minimized: boolean;
  visible: boolean;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
}

export function fakeWindow(): FakeWindow {
  const w: FakeWindow = {
    calls: [], destroyed: false, minimized: false, visible: true,
    isDestroyed: () => w.destroyed,
    isMinimized: () => w.minimized,
    isVisible: () => w.visible,
    restore: () => { w.calls.push('restore'); w.minimized = false; },
    show: () => { w.calls.push('show'); w.visible = true; },
    hide: () => { w.calls.push('hide'); w.visible = false; },
    focus: () => { w.calls.push('focus'); },
  };
  return w;
}

/** A core on a temporary userData dir: Conf as the settings store (electron-store is Conf), fake safeStorage. */
export function testCore(dir: string, opts: { env?: Record<string, string | undefined>; simulatorCalls?: unknown[] } = {}): Core {
  const simulator: DemoSimulator = { accountId: '70071234', csdsUrl: 'http://127.0.0.1:9', agents: [{ username: 'agent1', password: 'demo-secret-pw' }], close: async () => undefined };
  return createCore({
    userData: dir, version: '9.9.9', platform: 'linux', env: opts.env ?? {}, osLanguages: () => ['en-US'],
    safeStorage: fakeSafeStorage(),
    confirmCsdsHost: async () => false,
    storeFactory: (options) => new Conf<Record<string, unknown>>({
      cwd: dir, configName: options.name, schema: options.schema, defaults: options.defaults, clearInvalidConfig: options.clearInvalidConfig,
    }) as KeyValueStore,
    createSession: (o) => new FakeSession(o),
    startSimulator: async (o) => {
      opts.simulatorCalls?.push(o);
      return simulator;
    },
    webContents: () => [],
  });
}
