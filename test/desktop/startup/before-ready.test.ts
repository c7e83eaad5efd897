import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import {
  APP_USER_MODEL_ID, guardAllWebContents, initializeBeforeAppReady, refusedDebugSwitch, type GuardedWebContents,
} from '../../../src-main/desktop/startup/before-ready';
import { resolveAppPaths } from '../../../src-main/desktop/startup/paths';

function fakeApp(lock: boolean) {
  const calls: string[] = [];
  const handlers = new Map<string, () => void>();
  return {
    calls, handlers,
    app: {
      enableSandbox: () => calls.push('sandbox'),
      requestSingleInstanceLock: () => lock,
      setAppUserModelId: (id: string) => calls.push(`id:${id}`),
      quit: () => calls.push('quit'),
      on: (event: 'second-instance', listener: () => void) => handlers.set(event, listener),
    },
  };
}

describe('initializeBeforeAppReady', () => {
  it('the first instance sandboxes, names itself for toasts and shows its window when a second one starts', () => {
    const f = fakeApp(true);
    let shown = 0;
    expect(initializeBeforeAppReady(f.app, () => { shown += 1; })).toBe(true);
    expect(f.calls).toEqual(['sandbox', `id:${APP_USER_MODEL_ID}`]);
    f.handlers.get('second-instance')?.();
    expect(shown).toBe(1);
  });

  it('a second instance quits and wires nothing', () => {
    const f = fakeApp(false);
    expect(initializeBeforeAppReady(f.app, () => undefined)).toBe(false);
    expect(f.calls).toEqual(['sandbox', 'quit']);
    expect(f.handlers.size).toBe(0);
  });
});

describe('resolveAppPaths', () => {
  it('finds renderer, preload and assets under dist/; the renderer is served on app://lp/', () => {
    const p = resolveAppPaths({ distDir: '/opt/app/dist', isPackaged: false });
    expect(p.indexHtml).toBe('/opt/app/dist/renderer/index.html');
    expect(p.rendererDir).toBe('/opt/app/dist/renderer');
    expect(p.rendererUrl).toBe('app://lp/index.html');
    expect(p.rendererOrigin).toBe('app://lp');
    expect(p.preloadPath).toBe('/opt/app/dist/preload/preload.cjs');
    expect(p.icon).toBe('/opt/app/dist/main/assets/icon.png');
    expect(p.devServerUrl).toBeUndefined();
  });

  it('uses a dev server only when not packaged', () => {
    expect(resolveAppPaths({ distDir: '/d', isPackaged: false, devServerUrl: 'http://localhost:5173' }).devServerUrl).toBe('http://localhost:5173');
    expect(resolveAppPaths({ distDir: '/d', isPackaged: true, devServerUrl: 'http://localhost:5173' }).devServerUrl).toBeUndefined();
  });
});

describe('refusedDebugSwitch (issue 17.5)', () => {
  const none = (): boolean => false;
  it.each([
    [['/opt/lp/lp-agent-desktop', '--remote-debugging-port=9222'], 'remote-debugging-port'],
    [['/opt/lp/lp-agent-desktop', '--inspect'], 'inspect'],
    [['/opt/lp/lp-agent-desktop', '--inspect-brk=0.0.0.0:9229'], 'inspect-brk'],
    [['/opt/lp/lp-agent-desktop', '--REMOTE-DEBUGGING-PIPE'], 'remote-debugging-pipe'],
  ])('a packaged build refuses %j', (argv, name) => {
    expect(refusedDebugSwitch({ isPackaged: true, argv, hasSwitch: none })).toBe(name);
    expect(refusedDebugSwitch({ isPackaged: false, argv, hasSwitch: none })).toBeUndefined();
  });

  it('also a switch only Chromium\'s command line has; ordinary arguments pass', () => {
    expect(refusedDebugSwitch({ isPackaged: true, argv: [], hasSwitch: (s) => s === 'remote-debugging-port' })).toBe('remote-debugging-port');
    expect(refusedDebugSwitch({ isPackaged: true, argv: ['/opt/lp/x', '--hidden', 'lp-agent://ring/1', '--inspector-theme'], hasSwitch: none })).toBeUndefined();
  });
});

describe('guardAllWebContents (issue 17.5)', () => {
  class FakeContents extends EventEmitter {
    openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void {
      this.openHandler = h;
    }
  }
  const event = (): { prevented: boolean; preventDefault(): void } => ({
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  });

  it('every webContents created later: navigation, <webview> and new windows are refused', () => {
    const app = new EventEmitter();
    const logs: string[] = [];
    guardAllWebContents(app as unknown as Parameters<typeof guardAllWebContents>[0], (m) => logs.push(m));
    for (let i = 0; i < 2; i += 1) {
      const contents = new FakeContents();
      app.emit('web-contents-created', {}, contents as unknown as GuardedWebContents);
      const nav = event();
      contents.emit('will-navigate', nav, 'https://evil.example/');
      const webview = event();
      contents.emit('will-attach-webview', webview);
      expect(nav.prevented).toBe(true);
      expect(webview.prevented).toBe(true);
      expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    }
    expect(logs.filter((l) => l.includes('navigation blocked'))).toHaveLength(2);
  });
});
