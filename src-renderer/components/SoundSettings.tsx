/**
 * Sounds and alerts: the mute ("Play a sound"), volume with a test button (played here, at the
 * chosen volume), how long a request waits before the app escalates, bring-to-front, and alerts for
 * consumer messages while the window is not focused.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { playSound } from '../lib/sounds';

export const ESCALATE_MIN_SECONDS = 5;
export const ESCALATE_MAX_SECONDS = 300;

export function SoundSettings({ settings, set }: { settings: Settings; set(patch: Partial<Settings>): void }) {
  const { t } = useTranslation();
  const [delay, setDelay] = useState(String(settings.escalateAfterSeconds));
  const [delayError, setDelayError] = useState<string | null>(null);
  const [testStatus, setTestStatus] = useState<string | null>(null);

  const saveDelay = (): void => {
    const n = Number(delay);
    if (!Number.isInteger(n) || n < ESCALATE_MIN_SECONDS || n > ESCALATE_MAX_SECONDS) {
      setDelayError(t('settings.escalateInvalid', { min: ESCALATE_MIN_SECONDS, max: ESCALATE_MAX_SECONDS }));
      return;
    }
    setDelayError(null);
    if (n !== settings.escalateAfterSeconds) set({ escalateAfterSeconds: n });
  };
  const test = (): void => {
    setTestStatus(null);
    playSound('ring', settings.soundVolume / 100).catch((err: unknown) => setTestStatus(t('settings.playFailed', { error: describeError(err) })));
  };

  return (
    <fieldset>
      <legend>{t('settings.soundsAndAlerts')}</legend>
      <label className="check">
        <input type="checkbox" checked={settings.sound} onChange={(e) => set({ sound: e.target.checked })} />
        <span>{t('settings.sound')}</span>
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('settings.volume')}</span>
          <input type="range" min={0} max={100} step={5} value={settings.soundVolume} disabled={!settings.sound}
            aria-valuetext={`${settings.soundVolume}%`}
            onChange={(e) => set({ soundVolume: Number(e.target.value) })} />
        </label>
        <button type="button" className="btn small" onClick={test}>{t('settings.testSound')}</button>
      </div>
      {testStatus && <p className="error" role="alert">{testStatus}</p>}
      <label className="field">
        <span>{t('settings.escalateAfter')}</span>
        <input type="number" inputMode="numeric" min={ESCALATE_MIN_SECONDS} max={ESCALATE_MAX_SECONDS} value={delay}
          aria-invalid={delayError !== null} aria-describedby={delayError ? 'escalate-error' : undefined}
          onChange={(e) => setDelay(e.target.value)} onBlur={saveDelay}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); saveDelay(); } }} />
      </label>
      {delayError && <p id="escalate-error" className="error" role="alert">{delayError}</p>}
      <label className="check">
        <input type="checkbox" checked={settings.bringToFrontOnRing} onChange={(e) => set({ bringToFrontOnRing: e.target.checked })} />
        <span>{t('settings.bringToFront')}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.messageAlerts} onChange={(e) => set({ messageAlerts: e.target.checked })} />
        <span>{t('settings.messageAlerts')}</span>
      </label>
    </fieldset>
  );
}
