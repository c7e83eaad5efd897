/**
 * Sign in: account, username, password (cleared on submit, never shown or logged), remember me,
 * CSDS URL under Advanced, consent for weak secret storage, "Try the demo", resume a saved account.
 * Keys the IT policy sets (app.policy) are shown read-only "Set by your organisation"; remember and
 * demo disappear when the policy switches them off (main enforces the same: account-actions.ts).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppState } from '../../src-preload/api';
import { CSDS_URL_FORMS, normaliseCsdsUrl } from '../lib/csds-url';
import { describeError, describeLoginError, describeSsoError } from '../lib/errors';
import { useLp } from '../state/hooks';

/** An address, the same in every language. */
const CSDS_EXAMPLE = 'https://adminlogin.liveperson.net';

/**
 * `onBusy` tells the root while a sign-in is under way: main switches the mode as soon as the session
 * is created, before it is known whether the login succeeds, and the root keeps this screen (and so
 * its error) up until the attempt has ended.
 */
export function SignIn({ app, onBusy }: { app: AppState | null; onBusy?: (busy: boolean) => void }) {
  const lp = useLp();
  const { t } = useTranslation();
  const policy = app?.policy;
  const locked = (key: string): boolean => policy?.locked.includes(key) === true;
  const accountLocked = locked('accountId');
  const csdsLocked = locked('csdsUrl');
  const [accountId, setAccountId] = useState(policy?.accountId ?? app?.savedAccount?.accountId ?? '');
  const [username, setUsername] = useState(app?.savedAccount?.username ?? '');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [allowWeak, setAllowWeak] = useState(false);
  const [advanced, setAdvanced] = useState(false);
  const [csdsUrl, setCsdsUrl] = useState(policy?.csdsUrl ?? '');
  const [busy, setBusy] = useState(false);
  // A failed attempt keeps this screen (and its error) up until main's mode is back to signed-out:
  // the attempt's rejection can reach the page before that mode change does (main went live as soon
  // as the session existed), and in between the root would show the workspace and drop this screen.
  const [failedLive, setFailedLive] = useState(false);
  const holding = busy || (failedLive && app?.mode !== 'signed-out');
  useEffect(() => onBusy?.(holding), [holding, onBusy]);
  useEffect(() => {
    if (failedLive && app?.mode === 'signed-out') setFailedLive(false); // the failure's way back is complete
  }, [failedLive, app?.mode]);
  const start = (): void => {
    setBusy(true);
    setFailedLive(false);
  };
  const failed = (): void => {
    setBusy(false);
    setFailedLive(true);
  };
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const errorId = useId();
  const csdsHintId = useId();
  const lockedHintId = useId();
  const accountRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  /** Focus on the first empty field, else the password (cleared after every attempt: a wrong one is typed again). */
  const focusFirstEmpty = (): void => {
    const fields = [accountRef.current, usernameRef.current, passwordRef.current];
    (fields.find((f) => f && f.value.trim() === '') ?? passwordRef.current)?.focus();
  };
  // On arrival (start, sign-out) and after each failed attempt, once React has rendered the error
  // and cleared the password: focus never falls to the page body.
  const [focusAsk, setFocusAsk] = useState(0);
  useEffect(focusFirstEmpty, [focusAsk]);
  const fail = (message: string): void => {
    setError(message);
    setFocusAsk((n) => n + 1);
  };
  const storage = app?.secretStorage ?? 'os-encrypted';
  const rememberOff = policy?.allowRememberPassword === false;
  const demoOff = policy?.allowDemo === false;
  const saved = app?.savedAccount;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy) return;
    const pw = password;
    setPassword(''); // never kept after submit
    setError(null);
    setNote(null);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(accountId.trim())) {
      fail(t('signIn.badAccountId'));
      return;
    }
    if (!username.trim() || !pw) {
      fail(t('signIn.needCredentials'));
      return;
    }
    const typedUrl = csdsUrl.trim();
    const url = typedUrl ? normaliseCsdsUrl(typedUrl) : '';
    if (url === undefined) {
      fail(t('signIn.badCsdsUrl', { forms: CSDS_URL_FORMS }));
      return;
    }
    start();
    lp.sessionLogin({
      accountId: accountId.trim(),
      username: username.trim(),
      password: pw,
      remember: remember && storage !== 'unavailable' && !rememberOff,
      ...(url ? { csdsUrl: url } : {}),
      ...(remember && storage === 'weak' ? { allowWeakStorage: allowWeak } : {}),
    }).then((r) => {
      setBusy(false);
      if (remember && !r.remembered) setNote(r.note ?? t('signIn.notStored'));
    }).catch((err: unknown) => {
      failed();
      fail(describeLoginError(err));
    });
  };

  const demo = (): void => {
    setError(null);
    start();
    lp.sessionStartDemo().then(() => setBusy(false)).catch((err: unknown) => {
      failed();
      setError(t('signIn.demoFailed', { error: describeError(err) }));
    });
  };

  /** Single sign-on: main opens the organisation's sign-in window; the account id (and CSDS URL) come from this form or the policy. */
  const sso = (): void => {
    if (busy) return;
    setError(null);
    setNote(null);
    if (!locked('accountId') && !/^[A-Za-z0-9_-]{1,32}$/.test(accountId.trim())) {
      fail(t('sso.needsAccount'));
      return;
    }
    const typedUrl = csdsUrl.trim();
    const url = typedUrl ? normaliseCsdsUrl(typedUrl) : '';
    if (url === undefined) {
      fail(t('signIn.badCsdsUrl', { forms: CSDS_URL_FORMS }));
      return;
    }
    start();
    lp.sessionLoginSso({ accountId: accountId.trim(), ...(url ? { csdsUrl: url } : {}) }).then(() => {
      setBusy(false);
    }).catch((err: unknown) => {
      failed();
      fail(describeSsoError(err));
    });
  };

  const resume = (): void => {
    setError(null);
    start();
    lp.sessionResume().then(() => setBusy(false)).catch((err: unknown) => {
      failed();
      setError(describeLoginError(err));
    });
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-describedby={error ? errorId : undefined} noValidate>
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        {saved?.hasSecret && (
          <button type="button" className="btn wide" onClick={resume} disabled={busy}>
            {t('signIn.continueAs', { username: saved.username, accountId: saved.accountId })}
          </button>
        )}
        <label className="field"><span>{t('signIn.accountId')}</span>
          <input ref={accountRef} name="accountId" autoComplete="organization" value={accountId} onChange={(e) => setAccountId(e.target.value)} required
            readOnly={accountLocked} aria-describedby={accountLocked ? lockedHintId : undefined} />
        </label>
        {accountLocked && <p id={lockedHintId} className="muted small locked-hint">{t('signIn.setByOrganisation')}</p>}
        <label className="field"><span>{t('signIn.username')}</span>
          <input ref={usernameRef} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label className="field"><span>{t('signIn.password')}</span>
          <input ref={passwordRef} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {rememberOff ? <p className="muted small locked-hint">{t('signIn.rememberNotAllowed')}</p> : (
          <label className="check">
            <input type="checkbox" checked={remember} disabled={storage === 'unavailable'} onChange={(e) => setRemember(e.target.checked)} />
            <span>{t('signIn.remember')}</span>
          </label>
        )}
        {storage === 'unavailable' && <p className="muted">{t('signIn.noSecureStorage')}</p>}
        {remember && !rememberOff && storage === 'weak' && (
          <div className="consent" role="group" aria-labelledby="weak-title">
            <p id="weak-title"><strong>{t('signIn.noKeyringTitle')}</strong> {t('signIn.noKeyringBody')}</p>
            <label className="check">
              <input type="checkbox" checked={allowWeak} onChange={(e) => setAllowWeak(e.target.checked)} />
              <span>{t('signIn.storeAnyway')}</span>
            </label>
          </div>
        )}
        <details className="advanced" open={advanced} onToggle={(e) => setAdvanced(e.currentTarget.open)}>
          <summary>{t('signIn.advanced')}</summary>
          <label className="field"><span>{t('signIn.csdsUrl')}</span>
            <input name="csdsUrl" type="url" placeholder={CSDS_EXAMPLE} value={csdsUrl} onChange={(e) => setCsdsUrl(e.target.value)} aria-describedby={csdsHintId}
              readOnly={csdsLocked} />
          </label>
          <p id={csdsHintId} className="muted small">{csdsLocked ? t('signIn.setByOrganisation') : t('signIn.csdsHint')}</p>
        </details>
        <div id={errorId} className="form-error" role="alert" aria-live="assertive">{error}</div>
        {note && <p className="note" role="status">{note}</p>}
        <button type="submit" className="btn primary wide" disabled={busy}>{busy ? t('signIn.signingIn') : t('signIn.signIn')}</button>
        {app?.sso?.available && (
          <>
            <button type="button" className="btn wide" onClick={sso} disabled={busy}>{t('sso.signIn')}</button>
            <p className="muted small">{app.sso.locked ? t('sso.hintLocked') : t('sso.hint')}</p>
          </>
        )}
        {!demoOff && (
          <>
            <div className="divider"><span>{t('signIn.or')}</span></div>
            <button type="button" className="btn wide" onClick={demo} disabled={busy}>{t('signIn.tryDemo')}</button>
            <p className="muted small">{t('signIn.demoHint')}</p>
          </>
        )}
      </form>
    </main>
  );
}
