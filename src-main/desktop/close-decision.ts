/**
 * What closing the main window does (#13.5). Close-to-tray hides; a quit in progress closes. With
 * open conversations the agent would otherwise sign out (or, on macOS, stay online with no window)
 * without meaning to, so the app asks once — "keep running in the tray" or "sign out and quit" — and
 * remembers the answer (settings.closeWithOpenConversations, changeable in Settings).
 */
import { t } from './i18n';

export type CloseChoice = 'ask' | 'tray' | 'quit';
export type CloseAction = 'close' | 'hide' | 'quit' | 'ask';

export function decideClose(s: { quitting: boolean; closeToTray: boolean; choice: CloseChoice; openConversations: number }): CloseAction {
  if (s.quitting) return 'close';
  if (s.closeToTray) return 'hide';
  if (s.openConversations === 0) return 'close';
  if (s.choice === 'tray') return 'hide';
  if (s.choice === 'quit') return 'quit';
  return 'ask';
}

/** The question's buttons, in main's language: keep running in the tray, sign out and quit, cancel. */
export function closeButtons(): string[] {
  return [t('settings.closeTray'), t('settings.closeQuit'), t('dialogs.cancel')];
}

/** The question (Electron dialog.showMessageBox options); buttons in closeButtons() order. */
export function closeQuestion(openConversations: number): {
  type: 'question'; title: string; message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number; noLink: true;
} {
  return {
    type: 'question',
    title: t('app.name'),
    message: t('closeDialog.message', { count: openConversations }),
    detail: t('closeDialog.detail'),
    buttons: closeButtons(),
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  };
}

/** The answer to closeQuestion: the choice to remember, or null (cancelled: the window stays). */
export function closeAnswer(response: number): Exclude<CloseChoice, 'ask'> | null {
  if (response === 0) return 'tray';
  if (response === 1) return 'quit';
  return null;
}

/** Asks closeQuestion over the window with Electron's dialog; the remembered choice, or null. */
export function createCloseAsker<W>(dialog: {
  showMessageBox(window: W, options: ReturnType<typeof closeQuestion>): Promise<{ response: number }>;
}): (win: W, openConversations: number) => Promise<Exclude<CloseChoice, 'ask'> | null> {
  return async (win, openConversations) => closeAnswer((await dialog.showMessageBox(win, closeQuestion(openConversations))).response);
}

/** Open conversations of the current session (0 when signed out). */
export function openConversationCount(session: { snapshot(): { conversations: ReadonlyArray<{ state: string }> } } | null | undefined): number {
  return session ? session.snapshot().conversations.filter((c) => c.state === 'OPEN').length : 0;
}
