/** Settings: notifications, window, sounds and alerts, shortcut, theme, canned responses, network; diagnostics. Every change goes to main at once. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES } from '../../src-preload/i18n/index';
import type { Settings } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { useLp, useSelector, useStoreApi } from '../state/hooks';
import { CannedEditor } from './CannedEditor';
import { Diagnostics } from './Diagnostics';
import { Dialog } from './Dialog';
import { NetworkSettings } from './NetworkSettings';
import { SoundSettings } from './SoundSettings';

type BoolKey = 'notifications' | 'onlyWhenUnfocused' | 'closeToTray' | 'launchAtLogin';
/** Each toggle is labelled by `settings.<key>` in the catalogue. */
const TOGGLES: readonly BoolKey[] = ['notifications', 'onlyWhenUnfocused', 'closeToTray', 'launchAtLogin'];

/** `section: 'diagnostics'` (the application menu's Diagnostics…) scrolls to Diagnostics. */
export function SettingsDialog({ onClose, section = 'settings' }: { onClose(): void; section?: 'settings' | 'diagnostics' }) {
  const lp = useLp();
  const { t } = useTranslation();
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
    }).catch((err: unknown) => setError(t('settings.saveFailed', { error: describeError(err) })));
  };
  const saveShortcut = (): void => {
    const v = shortcut.trim();
    const next = v === '' ? null : v;
    if (next !== (settings?.acceptOldestShortcut ?? null)) set({ acceptOldestShortcut: next });
  };

  return (
    <Dialog title={t('settings.title')} onClose={onClose} className="settings-dialog">
      {!settings ? <p>{t('settings.loading')}</p> : (
        <>
          {error && <p className="error" role="alert">{error}</p>}
          <fieldset>
            <legend>{t('settings.notificationsAndWindow')}</legend>
            {TOGGLES.map((key) => (
              <label key={key} className="check">
                <input type="checkbox" checked={settings[key]} onChange={(e) => set({ [key]: e.target.checked })} />
                <span>{t(`settings.${key}`)}</span>
              </label>
            ))}
            <label className="field">
              <span>{t('settings.closeWithOpen')}</span>
              <select value={settings.closeWithOpenConversations}
                onChange={(e) => set({ closeWithOpenConversations: e.target.value as Settings['closeWithOpenConversations'] })}>
                <option value="ask">{t('settings.closeAsk')}</option>
                <option value="tray">{t('settings.closeTray')}</option>
                <option value="quit">{t('settings.closeQuit')}</option>
              </select>
            </label>
          </fieldset>
          <SoundSettings settings={settings} set={set} />
          <fieldset>
            <legend>{t('settings.keyboardAndLook')}</legend>
            <label className="field">
              <span>{t('settings.shortcut')}</span>
              <input value={shortcut} placeholder={t('settings.shortcutPlaceholder')} maxLength={64}
                onChange={(e) => setShortcut(e.target.value)} onBlur={saveShortcut}
                onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); saveShortcut(); } }} />
            </label>
            <label className="field">
              <span>{t('settings.theme')}</span>
              <select value={settings.theme} onChange={(e) => set({ theme: e.target.value as Settings['theme'] })}>
                <option value="system">{t('settings.themeSystem')}</option>
                <option value="light">{t('settings.themeLight')}</option>
                <option value="dark">{t('settings.themeDark')}</option>
              </select>
            </label>
            <label className="field">
              <span>{t('settings.language')}</span>
              <select value={settings.language} onChange={(e) => set({ language: e.target.value as Settings['language'] })}>
                <option value="system">{t('settings.languageSystem')}</option>
                {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
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
