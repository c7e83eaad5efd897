/** Settings: notifications, window, sounds and alerts, shortcut, theme, canned responses, network; diagnostics. Every change goes to main at once. */
import { useEffect, useState } from 'react';
import type { Settings } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { useLp, useSelector, useStoreApi } from '../state/hooks';
import { CannedEditor } from './CannedEditor';
import { Diagnostics } from './Diagnostics';
import { Dialog } from './Dialog';
import { NetworkSettings } from './NetworkSettings';
import { SoundSettings } from './SoundSettings';

type BoolKey = 'notifications' | 'onlyWhenUnfocused' | 'closeToTray' | 'launchAtLogin';
const TOGGLES: Array<{ key: BoolKey; label: string }> = [
  { key: 'notifications', label: 'Show a notification for new conversation requests' },
  { key: 'onlyWhenUnfocused', label: 'Only when the window is not focused' },
  { key: 'closeToTray', label: 'Closing the window keeps the app in the tray' },
  { key: 'launchAtLogin', label: 'Launch at login' },
];

/** `section: 'diagnostics'` (the application menu's Diagnostics…) scrolls to Diagnostics. */
export function SettingsDialog({ onClose, section = 'settings' }: { onClose(): void; section?: 'settings' | 'diagnostics' }) {
  const lp = useLp();
  const store = useStoreApi();
  const settings = useSelector((s) => s.settings);
  const [error, setError] = useState<string | null>(null);
  const [shortcut, setShortcut] = useState(settings?.acceptOldestShortcut ?? '');

  useEffect(() => {
    if (section === 'diagnostics') document.getElementById('diag-heading')?.scrollIntoView?.({ block: 'start' });
  }, [section]);

  const set = (patch: Partial<Settings>): void => {
    setError(null);
    lp.settingsSet(patch).then((next) => {
      store.dispatch({ type: 'event', name: 'settings/changed', data: next, at: Date.now() });
    }).catch((err: unknown) => setError(`Could not save: ${describeError(err)}`));
  };
  const saveShortcut = (): void => {
    const v = shortcut.trim();
    const next = v === '' ? null : v;
    if (next !== (settings?.acceptOldestShortcut ?? null)) set({ acceptOldestShortcut: next });
  };

  return (
    <Dialog title="Settings" onClose={onClose} className="settings-dialog">
      {!settings ? <p>Loading…</p> : (
        <>
          {error && <p className="error" role="alert">{error}</p>}
          <fieldset>
            <legend>Notifications and window</legend>
            {TOGGLES.map((t) => (
              <label key={t.key} className="check">
                <input type="checkbox" checked={settings[t.key]} onChange={(e) => set({ [t.key]: e.target.checked })} />
                <span>{t.label}</span>
              </label>
            ))}
            <label className="field">
              <span>Closing the window with open conversations</span>
              <select value={settings.closeWithOpenConversations}
                onChange={(e) => set({ closeWithOpenConversations: e.target.value as Settings['closeWithOpenConversations'] })}>
                <option value="ask">Ask me</option>
                <option value="tray">Keep running in the tray</option>
                <option value="quit">Sign out and quit</option>
              </select>
            </label>
          </fieldset>
          <SoundSettings settings={settings} set={set} />
          <fieldset>
            <legend>Keyboard and look</legend>
            <label className="field">
              <span>Global shortcut: accept the oldest request (empty for none)</span>
              <input value={shortcut} placeholder="off (for example Alt+Shift+K)" maxLength={64}
                onChange={(e) => setShortcut(e.target.value)} onBlur={saveShortcut}
                onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); saveShortcut(); } }} />
            </label>
            <label className="field">
              <span>Theme</span>
              <select value={settings.theme} onChange={(e) => set({ theme: e.target.value as Settings['theme'] })}>
                <option value="system">Follow the system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
          </fieldset>
          <CannedEditor items={settings.cannedResponses} onChange={(next) => set({ cannedResponses: next })} />
          <NetworkSettings />
          <Diagnostics />
        </>
      )}
    </Dialog>
  );
}
