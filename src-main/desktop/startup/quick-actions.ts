/**
 * Phase 4: actions taken outside the window — tray menu items and the global accept-oldest
 * shortcut. After a quick accept the agent's next step is to chat, so the window comes up on that
 * ring ('ui/focus'). A failed action is logged (there is no caller to tell).
 */
import { acceptOldest } from '../accept-oldest';
import type { EventsBridge } from '../events-bridge';
import type { ModeManager } from '../modes';
import type { TrayAction } from '../tray-model';

export interface QuickActionDeps {
  modes: Pick<ModeManager, 'current'>;
  events: Pick<EventsBridge, 'emit'>;
  window: { show(): void; toggle(): void };
  quit(): void;
  log(message: string): void;
}

export interface QuickActions {
  onTrayAction(action: TrayAction): void;
  /** The global shortcut's action. */
  acceptOldestFromShortcut(): void;
}

const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function createQuickActions(deps: QuickActionDeps): QuickActions {
  const showAccepted = (ringId: string): void => {
    deps.window.show();
    deps.events.emit('ui/focus', { ringId });
  };
  const acceptOldestThenShow = (failed: (err: unknown) => void): void => {
    acceptOldest(deps.modes).then((r) => r && showAccepted(r.ringId), failed);
  };
  return {
    onTrayAction(action) {
      const session = deps.modes.current().session;
      const report = (err: unknown): void => deps.log(`tray action ${action.kind} failed: ${reason(err)}`);
      switch (action.kind) {
        case 'accept':
          session?.acceptRing(action.ringId).then(() => showAccepted(action.ringId), report);
          break;
        case 'accept-oldest':
          acceptOldestThenShow(report);
          break;
        case 'availability':
          session?.setAvailability(action.availability).catch(report);
          break;
        case 'toggle-window':
          deps.window.toggle();
          break;
        case 'show-window':
          // A click on the tray icon (Windows/Linux) or "+N more": the window, on the oldest ring if any.
          deps.window.show();
          if (action.ringId) deps.events.emit('ui/focus', { ringId: action.ringId });
          break;
        case 'quit':
          deps.quit();
          break;
      }
    },
    acceptOldestFromShortcut() {
      acceptOldestThenShow((err) => deps.log(`shortcut accept failed: ${reason(err)}`));
    },
  };
}
