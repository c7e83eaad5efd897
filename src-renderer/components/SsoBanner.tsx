/**
 * The single sign-on session ended and cannot be renewed without the agent (main sets
 * `app.sso.signInAgain` once, beside one OS notification): a banner with "Sign in again", which
 * opens the organisation's sign-in window for the same account. Errors (window closed, refused) show here.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppState } from '../../src-preload/api';
import { describeSsoError } from '../lib/errors';
import { useLp } from '../state/hooks';

export function SsoBanner({ app }: { app: AppState }) {
  const lp = useLp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (app.sso?.signInAgain !== true) return null;
  const again = (): void => {
    setBusy(true);
    setError(null);
    lp.sessionLoginSso().then(() => setBusy(false)).catch((err: unknown) => {
      setBusy(false);
      setError(describeSsoError(err));
    });
  };
  return (
    <div className="banner banner-error sso-banner" role="alert">
      <span className="banner-text">{t('sso.ended')}</span>
      <button type="button" className="btn primary small" onClick={again} disabled={busy}>{busy ? t('signIn.signingIn') : t('sso.signInAgain')}</button>
      {error && <span className="banner-text sso-banner-error">{error}</span>}
    </div>
  );
}
