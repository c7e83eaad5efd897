/** `globalShortcut`: registrations recorded; STANDIN_SHORTCUT_CLASH names accelerators another app holds. */
import { changed, recorded } from './record';

const env = process.env;

const shortcutCallbacks = new Map<string, () => void>();
const clashing = new Set((env.STANDIN_SHORTCUT_CLASH ?? '').split(',').map((s) => s.trim()).filter(Boolean));
export const globalShortcut = {
  register(accelerator: string, callback: () => void): boolean {
    const registered = !clashing.has(accelerator);
    recorded.shortcuts.push({ accelerator, registered });
    if (registered) shortcutCallbacks.set(accelerator, callback);
    changed();
    return registered;
  },
  registerAll(accelerators: string[], callback: () => void): void {
    for (const a of accelerators) globalShortcut.register(a, callback);
  },
  isRegistered(accelerator: string): boolean {
    return shortcutCallbacks.has(accelerator);
  },
  unregister(accelerator: string): void {
    shortcutCallbacks.delete(accelerator);
    recorded.shortcuts = recorded.shortcuts.filter((s) => s.accelerator !== accelerator);
    changed();
  },
  unregisterAll(): void {
    shortcutCallbacks.clear();
    recorded.shortcuts = [];
    changed();
  },
  isSuspended(): boolean {
    return false;
  },
  setSuspended(): void {},
} satisfies Electron.GlobalShortcut;

/** Test hook: the user pressed a registered global shortcut. */
export function pressShortcut(accelerator: string): void {
  const cb = shortcutCallbacks.get(accelerator);
  if (!cb) throw new Error(`shortcut ${accelerator} is not registered`);
  cb();
}
