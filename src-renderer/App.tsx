/** The renderer root: store from window.lp, theme, and sign-in vs workspace. */
import { useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { LpApi } from '../src-preload/api';
import { SignIn } from './components/SignIn';
import { SsoBanner } from './components/SsoBanner';
import { UpdateBanner } from './components/UpdateBanner';
import { Workspace } from './components/Workspace';
import { i18n, useLanguage } from './i18n';
import { describeError } from './lib/errors';
import { StoreContext, useSelector } from './state/hooks';
import { createStore, nextFrame, type Store } from './state/store';

function Root() {
  const ready = useSelector((s) => s.ready);
  const app = useSelector((s) => s.app);
  const theme = useSelector((s) => s.settings?.theme ?? 'system');
  useLanguage(app?.language);
  const { t } = useTranslation();
  // A sign-in under way keeps the sign-in screen up (its outcome, e.g. "wrong password", shows there).
  const [signingIn, setSigningIn] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.remove('theme-system', 'theme-light', 'theme-dark');
    root.classList.add(`theme-${theme}`);
  }, [theme]);
  return (
    <div className={`app theme-${theme}`}>
      {app?.policy?.error && <p className="banner banner-error policy-banner" role="alert">{app.policy.error}</p>}
      {app && app.mode === 'live' && !signingIn && <SsoBanner app={app} />}
      <UpdateBanner />
      {!ready ? <p className="loading" role="status">{t('app.loading')}</p>
        : !app || app.mode === 'signed-out' || signingIn ? <SignIn app={app} onBusy={setSigningIn} />
        : <Workspace />}
    </div>
  );
}

export function App({ store: given, lp }: { store?: Store; lp?: LpApi } = {}) {
  // Events from main reach components once per frame (a flood of messages: one render per frame).
  const [store] = useState(() => given ?? createStore(lp ?? window.lp, Date.now, nextFrame));
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  useEffect(() => {
    let cancelled = false;
    store.start().catch((err: unknown) => !cancelled && setError(describeError(err)));
    return () => {
      cancelled = true;
      store.stop();
    };
  }, [store]);
  if (error) {
    return (
      <I18nextProvider i18n={i18n}><div className="app fatal" role="alert">
        <p>{t('app.loadFailed', { error })}</p>
        <button type="button" className="btn" onClick={() => window.location.reload()}>{t('app.reload')}</button>
      </div></I18nextProvider>
    );
  }
  return (
    <I18nextProvider i18n={i18n}>
      <StoreContext.Provider value={store}>
        <Root />
      </StoreContext.Provider>
    </I18nextProvider>
  );
}
