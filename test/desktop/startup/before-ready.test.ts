import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID, initializeBeforeAppReady } from '../../../src-main/desktop/startup/before-ready';
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
  it('finds renderer, preload and assets under dist/ and trusts the renderer file URL', () => {
    const p = resolveAppPaths({ distDir: '/opt/app/dist', isPackaged: false });
    expect(p.indexHtml).toBe('/opt/app/dist/renderer/index.html');
    expect(p.rendererFileUrl).toBe('file:///opt/app/dist/renderer/index.html');
    expect(p.preloadPath).toBe('/opt/app/dist/preload/preload.cjs');
    expect(p.icon).toBe('/opt/app/dist/main/assets/icon.png');
    expect(p.devServerUrl).toBeUndefined();
  });

  it('uses a dev server only when not packaged', () => {
    expect(resolveAppPaths({ distDir: '/d', isPackaged: false, devServerUrl: 'http://localhost:5173' }).devServerUrl).toBe('http://localhost:5173');
    expect(resolveAppPaths({ distDir: '/d', isPackaged: true, devServerUrl: 'http://localhost:5173' }).devServerUrl).toBeUndefined();
  });
});
