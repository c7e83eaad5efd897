/**
 * The keyboard shortcuts the app offers, as the Help menu's list shows them: the menu's accelerators,
 * the global accept-oldest shortcut (from settings) and the window's own keys (src-renderer:
 * Workspace, Composer, ConversationList, dialogs). Keys are written for the platform (Ctrl / ⌘).
 */
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

const WINDOW_KEYS: readonly ShortcutEntry[] = [
  { keys: 'Alt+A', what: 'Accept the focused request (else the oldest)' },
  { keys: 'Alt+R', what: 'Decline the focused request (else the oldest)' },
  { keys: 'Enter', what: 'Send the message' },
  { keys: 'Shift+Enter', what: 'New line in the message' },
  { keys: '/', what: 'Canned responses (at the start of the message)' },
  { keys: '↑ ↓ Home End', what: 'Move in the conversation list' },
  { keys: 'Escape', what: 'Close a dialog or popup' },
];

export function shortcutList(opts: { model: readonly MenuNode[]; platform: NodeJS.Platform; acceptOldestShortcut: string }): ShortcutEntry[] {
  const global: ShortcutEntry[] = opts.acceptOldestShortcut
    ? [{ keys: displayAccelerator(opts.acceptOldestShortcut, opts.platform), what: 'Accept the oldest request (anywhere on the desktop)' }]
    : [];
  const menu = menuActions(opts.model)
    .filter((a) => a.accelerator)
    .map((a) => ({ keys: displayAccelerator(a.accelerator ?? '', opts.platform), what: a.label.replace(/…$/, '') }));
  return [...global, ...menu, ...WINDOW_KEYS];
}

/** The list as text for a message box: one "keys — what" line each. */
export function shortcutListText(entries: readonly ShortcutEntry[]): string {
  return entries.map((e) => `${e.keys} — ${e.what}`).join('\n');
}
