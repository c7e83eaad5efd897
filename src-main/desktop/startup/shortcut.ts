/**
 * Phase 4 (continued): the global accept-oldest shortcut, (re)applied from settings. A shortcut
 * the OS refuses is reported, not fatal: logged and sent as 'app/error'; and since a renderer that
 * loads later (or reloads) missed that event, the error is kept and replayed on each page load
 * until a later apply succeeds.
 */
import type { EventsBridge } from '../events-bridge';
import { createShortcutController, type GlobalShortcutLike } from '../shortcuts';

export interface ShortcutPhase {
  apply(accelerator: string | null): void;
  /** Sends the kept error again (a page just loaded); nothing when the last apply succeeded. */
  replayError(): void;
  /** Releases every global shortcut (quit). */
  dispose(): void;
}

export function createShortcutPhase(deps: {
  globalShortcut: GlobalShortcutLike & { unregisterAll(): void };
  onAcceptOldest(): void;
  events: Pick<EventsBridge, 'emit'>;
  log(message: string): void;
}): ShortcutPhase {
  const controller = createShortcutController({ globalShortcut: deps.globalShortcut, onAcceptOldest: deps.onAcceptOldest });
  let error: string | undefined;
  const report = (message: string): void => deps.events.emit('app/error', { code: 0, location: 'Shortcut#Register', message });
  return {
    apply(accelerator) {
      const status = controller.apply(accelerator);
      error = 'error' in status ? status.error : undefined;
      if (error) {
        deps.log(error);
        report(error);
      }
    },
    replayError() {
      if (error) report(error);
    },
    dispose() {
      controller.dispose();
      deps.globalShortcut.unregisterAll();
    },
  };
}
