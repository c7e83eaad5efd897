/**
 * The keyboard shortcuts the app offers, as the Help menu's list shows them: the menu's accelerators,
 * the global accept-oldest shortcut (from settings) and the window's own keys (src-renderer:
 * Workspace, Composer, ConversationList, dialogs). Keys are written for the platform (Ctrl / ⌘).
 */
import { t } from './i18n';
import { menuActions, type MenuNode } from './menu-model';

export interface ShortcutEntry {
  keys: string;
  what: string;
}

/** `CommandOrControl+Shift+A` → `Ctrl+Shift+A` (⌘ on macOS). */
export function displayAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  const mac = platform === 'darwin';
  return accelerator
    .split('+')
    .map((part) => {
      if (part === 'CommandOrControl' || part === 'CmdOrCtrl') return mac ? '⌘' : 'Ctrl';
      if (part === 'Command' || part === 'Cmd') return '⌘';
      if (part === 'Control') return 'Ctrl';
      if (part === 'Alt' && mac) return '⌥';
      return part;
    })
    .join('+');
}

/** The window's own keys (key names as printed on most keyboards; what they do in main's language). */
const windowKeys = (): ShortcutEntry[] => [
  { keys: 'Alt+A', what: t('shortcuts.acceptFocused') },
  { keys: 'Alt+R', what: t('shortcuts.declineFocused') },
  { keys: 'Enter', what: t('shortcuts.send') },
  { keys: 'Shift+Enter', what: t('shortcuts.newLine') },
  { keys: '/', what: t('shortcuts.canned') },
  { keys: '↑ ↓ Home End', what: t('shortcuts.moveInList') },
  { keys: 'Escape', what: t('shortcuts.closePopup') },
];

export function shortcutList(opts: { model: readonly MenuNode[]; platform: NodeJS.Platform; acceptOldestShortcut: string }): ShortcutEntry[] {
  const global: ShortcutEntry[] = opts.acceptOldestShortcut
    ? [{ keys: displayAccelerator(opts.acceptOldestShortcut, opts.platform), what: t('shortcuts.acceptOldestAnywhere') }]
    : [];
  const menu = menuActions(opts.model)
    .filter((a) => a.accelerator)
    .map((a) => ({ keys: displayAccelerator(a.accelerator ?? '', opts.platform), what: a.label.replace(/…$/, '') }));
  return [...global, ...menu, ...windowKeys()];
}

/** The list as text for a message box: one "keys — what" line each. */
export function shortcutListText(entries: readonly ShortcutEntry[]): string {
  return entries.map((e) => `${e.keys} — ${e.what}`).join('\n');
}
