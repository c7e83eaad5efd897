/** Compile-time fits, checked by tsc (type-only imports: nothing Electron-bound runs here). */
import type * as ElectronModule from 'electron';
import { describe, expect, it } from 'vitest';
import type { runApp } from '../../src-main/desktop/app';
import type { NotificationClass } from '../../src-main/desktop/notifications';

// main.ts: `import * as electron from 'electron'; runApp(electron)` must type-check.
type RunAppTakesTheRealModule = typeof ElectronModule extends Parameters<typeof runApp>[0] ? true : never;
const _runAppFits: RunAppTakesTheRealModule = true;
// The real Notification class fits what the ring notifier constructs.
type NotificationFits = typeof ElectronModule.Notification extends NotificationClass ? true : never;
const _notificationFits: NotificationFits = true;

describe('compile-time fits', () => {
  it('hold (checked by tsc)', () => {
    expect([_runAppFits, _notificationFits]).toEqual([true, true]);
  });
});
