/**
 * Keyboard focus when the control holding it unmounts (an accepted or rejected ring's row, a dismissed
 * conversation, a dialog whose opener is gone): focus goes somewhere sensible instead of <body>.
 */
import { createContext, useContext } from 'react';

export interface FocusCoordinator {
  /** A ring is being accepted from this window: its conversation's composer (or thread) takes focus once it shows. */
  accepted(ringId: string, conversationId: string): void;
  /** The accept failed: focus stays with the queue. */
  acceptFailed(ringId: string): void;
  /** Whether this ring is being accepted from this window. */
  isAccepting(ringId: string): boolean;
  /** The accepted conversation's composer (or thread); the main region while the conversation is not showing yet. */
  focusAccepted(): void;
}

const NO_COORDINATOR: FocusCoordinator = {
  accepted(): void { /* outside a workspace: nothing to coordinate */ },
  acceptFailed(): void { /* outside a workspace: nothing to coordinate */ },
  isAccepting: () => false,
  focusAccepted(): void { /* outside a workspace: nothing to coordinate */ },
};

export const FocusContext = createContext<FocusCoordinator>(NO_COORDINATOR);

export function useFocusCoordinator(): FocusCoordinator {
  return useContext(FocusContext);
}

/** True when nothing (or nothing still in the document) holds focus: it fell back to <body>. */
export function focusIsLost(): boolean {
  const a = document.activeElement;
  return !a || a === document.body || a === document.documentElement || !a.isConnected;
}

/** Focus the first candidate that is in the document and not disabled; true if one took it. */
export function focusFirst(...candidates: Array<HTMLElement | null | undefined>): boolean {
  for (const el of candidates) {
    if (!el || !el.isConnected || el.matches(':disabled')) continue;
    el.focus();
    if (document.activeElement === el) return true;
  }
  return false;
}

/** The composer of the conversation on screen, else its thread, else the main region. */
export function conversationFocusTargets(root: ParentNode = document): Array<HTMLElement | null> {
  return [
    root.querySelector<HTMLElement>('main .composer-input:not(:disabled)'),
    root.querySelector<HTMLElement>('main .thread'),
    root.querySelector<HTMLElement>('main'),
  ];
}
