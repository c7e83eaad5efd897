/**
 * The global "accept the oldest ring" shortcut (settings.acceptOldestShortcut). If the OS refuses
 * it (another app owns it), it stays off and the caller reports it (in main's language); applied again
 * on settings change.
 */
import { t } from './i18n';

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export type ShortcutStatus = { accelerator: null } | { accelerator: string; registered: boolean; error?: string };

export interface ShortcutController {
  apply(accelerator: string | null): ShortcutStatus;
  status(): ShortcutStatus;
  dispose(): void;
}

export function createShortcutController(deps: { globalShortcut: GlobalShortcutLike; onAcceptOldest(): void }): ShortcutController {
  let status: ShortcutStatus = { accelerator: null };
  const release = (): void => {
    if (status.accelerator !== null && status.registered) {
      try {
        deps.globalShortcut.unregister(status.accelerator);
      } catch {
        // Nothing to release.
      }
    }
    status = { accelerator: null };
  };
  return {
    apply(accelerator) {
      if (status.accelerator === accelerator && status.accelerator !== null && status.registered) return status;
      release();
      if (accelerator === null || accelerator.trim() === '') return status;
      let registered = false;
      let error: string | undefined;
      try {
        registered = deps.globalShortcut.register(accelerator, deps.onAcceptOldest);
        if (!registered) error = t('mainErrors.shortcutTaken', { accelerator });
      } catch (err) {
        error = t('mainErrors.shortcutInvalid', { accelerator, error: err instanceof Error ? err.message : String(err) });
      }
      status = error === undefined ? { accelerator, registered } : { accelerator, registered, error };
      return status;
    },
    status: () => status,
    dispose: release,
  };
}
