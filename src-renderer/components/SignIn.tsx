/**
 * Sign in: account, username, password (cleared on submit, never shown or logged), remember me,
 * CSDS URL under Advanced, consent for weak secret storage, "Try the demo", resume a saved account.
 * Keys the IT policy sets (app.policy) are shown read-only "Set by your organisation"; remember and
 * demo disappear when the policy switches them off (main enforces the same: account-actions.ts).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppState } from '../../src-preload/api';
import { CSDS_URL_FORMS, normaliseCsdsUrl } from '../lib/csds-url';
import { describeError, describeLoginError, describeSsoError } from '../lib/errors';
import { useLp } from '../state/hooks';

/**
 * `onBusy` tells the root while a sign-in is under way: main switches the mode as soon as the session
 * is created, before it is known whether the login succeeds, and the root keeps this screen (and so
 * its error) up until the attempt has ended.
 */
export function SignIn({ app, onBusy }: { app: AppState | null; onBusy?: (busy: boolean) => void }) {
  const lp = useLp();
  const policy = app?.policy;
  const locked = (key: string): boolean => policy?.locked.includes(key) === true;
  const [accountId, setAccountId] = useState(policy?.accountId ?? app?.savedAccount?.accountId ?? '');
  const [username, setUsername] = useState(app?.savedAccount?.username ?? '');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [allowWeak, setAllowWeak] = useState(false);
  const [advanced, setAdvanced] = useState(false);
  const [csdsUrl, setCsdsUrl] = useState(policy?.csdsUrl ?? '');
  const [busy, setBusy] = useState(false);
  useEffect(() => onBusy?.(busy), [busy, onBusy]);
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
      fail('Account id: letters, digits, _ or - (up to 32).');
      return;
    }
    if (!username.trim() || !pw) {
      fail('Enter your username and password.');
      return;
    }
    const typedUrl = csdsUrl.trim();
    const url = typedUrl ? normaliseCsdsUrl(typedUrl) : '';
    if (url === undefined) {
      fail(`CSDS URL must look like ${CSDS_URL_FORMS}.`);
      return;
    }
    setBusy(true);
    lp.sessionLogin({
      accountId: accountId.trim(),
      username: username.trim(),
      password: pw,
      remember: remember && storage !== 'unavailable' && !rememberOff,
      ...(url ? { csdsUrl: url } : {}),
      ...(remember && storage === 'weak' ? { allowWeakStorage: allowWeak } : {}),
    }).then((r) => {
      setBusy(false);
      if (remember && !r.remembered) setNote(r.note ?? 'Signed in, but your credentials were not stored.');
    }).catch((err: unknown) => {
      setBusy(false);
      fail(describeLoginError(err));
    });
  };

  const demo = (): void => {
    setError(null);
    setBusy(true);
    lp.sessionStartDemo().then(() => setBusy(false)).catch((err: unknown) => {
      setBusy(false);
      setError(`Could not start the demo: ${describeError(err)}`);
    });
  };

  /** Single sign-on: main opens the organisation's sign-in window; the account id (and CSDS URL) come from this form or the policy. */
  const sso = (): void => {
    if (busy) return;
    setError(null);
    setNote(null);
    if (!locked('accountId') && !/^[A-Za-z0-9_-]{1,32}$/.test(accountId.trim())) {
      fail('Enter your account id first: single sign-on needs it.');
      return;
    }
    const typedUrl = csdsUrl.trim();
    const url = typedUrl ? normaliseCsdsUrl(typedUrl) : '';
    if (url === undefined) {
      fail(`CSDS URL must look like ${CSDS_URL_FORMS}.`);
      return;
    }
    setBusy(true);
    lp.sessionLoginSso({ accountId: accountId.trim(), ...(url ? { csdsUrl: url } : {}) }).then(() => {
      setBusy(false);
    }).catch((err: unknown) => {
      setBusy(false);
      fail(describeSsoError(err));
    });
  };

  const resume = (): void => {
    setError(null);
    setBusy(true);
    lp.sessionResume().then(() => setBusy(false)).catch((err: unknown) => {
      setBusy(false);
      setError(describeLoginError(err));
    });
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-describedby={error ? errorId : undefined} noValidate>
        <h1>LP Agent Desktop</h1>
        <p className="muted">Sign in with your LivePerson agent account.</p>
        {saved?.hasSecret && (
          <button type="button" className="btn wide" onClick={resume} disabled={busy}>
            Continue as {saved.username} ({saved.accountId})
          </button>
        )}
        <label className="field"><span>Account id</span>
          <input ref={accountRef} name="accountId" autoComplete="organization" value={accountId} onChange={(e) => setAccountId(e.target.value)} required
            readOnly={locked('accountId')} aria-describedby={locked('accountId') ? lockedHintId : undefined} />
        </label>
        {locked('accountId') && <p id={lockedHintId} className="muted small locked-hint">Set by your organisation</p>}
        <label className="field"><span>Username</span>
          <input ref={usernameRef} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label className="field"><span>Password</span>
          <input ref={passwordRef} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {rememberOff ? <p className="muted small locked-hint">Your organisation does not allow remembering the password: you sign in each time.</p> : (
          <label className="check">
            <input type="checkbox" checked={remember} disabled={storage === 'unavailable'} onChange={(e) => setRemember(e.target.checked)} />
            <span>Remember me on this computer</span>
          </label>
        )}
        {storage === 'unavailable' && <p className="muted">This computer offers no secure storage, so you will sign in each time.</p>}
        {remember && !rememberOff && storage === 'weak' && (
          <div className="consent" role="group" aria-labelledby="weak-title">
            <p id="weak-title"><strong>Your system has no keyring.</strong> Your password could only be stored in a form other
              programs running as you can read. Without your consent it is kept in memory only.</p>
            <label className="check">
              <input type="checkbox" checked={allowWeak} onChange={(e) => setAllowWeak(e.target.checked)} />
              <span>Store it anyway (not encrypted)</span>
            </label>
          </div>
        )}
        <details className="advanced" open={advanced} onToggle={(e) => setAdvanced(e.currentTarget.open)}>
          <summary>Advanced</summary>
          <label className="field"><span>CSDS URL (domain service)</span>
            <input name="csdsUrl" type="url" placeholder="https://adminlogin.liveperson.net" value={csdsUrl} onChange={(e) => setCsdsUrl(e.target.value)} aria-describedby={csdsHintId}
              readOnly={locked('csdsUrl')} />
          </label>
          <p id={csdsHintId} className="muted small">{locked('csdsUrl') ? 'Set by your organisation' : 'A host[:port] alone means https://.'}</p>
        </details>
        <div id={errorId} className="form-error" role="alert" aria-live="assertive">{error}</div>
        {note && <p className="note" role="status">{note}</p>}
        <button type="submit" className="btn primary wide" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        {app?.sso?.available && (
          <>
            <button type="button" className="btn wide" onClick={sso} disabled={busy}>Sign in with single sign-on</button>
            <p className="muted small">Opens your organisation&apos;s sign-in page in its own window{app.sso.locked ? ' (set by your organisation)' : ''}.</p>
          </>
        )}
        {!demoOff && (
          <>
            <div className="divider"><span>or</span></div>
            <button type="button" className="btn wide" onClick={demo} disabled={busy}>Try the demo</button>
            <p className="muted small">The demo runs a simulated LivePerson on this computer, with consumers who write to you.</p>
          </>
        )}
      </form>
    </main>
  );
}
