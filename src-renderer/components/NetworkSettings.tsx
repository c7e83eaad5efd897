/**
 * Settings → Network: the proxy (system / manual URL + bypass list / none) and the certificates
 * trusted beside the OS store (add a PEM file through main's open dialog, list with subject, issuer
 * and expiry, remove). Main validates and applies at once with a reconnect; its refusals are shown
 * as they come. What the IT policy sets is shown locked ("Set by your organisation").
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { NetworkView, ProxyMode } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { useLp } from '../state/hooks';

const LOCKED = 'Set by your organisation';

function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

export function NetworkSettings() {
  const lp = useLp();
  const [view, setView] = useState<NetworkView | null>(null);
  const [mode, setMode] = useState<ProxyMode>('system');
  const [url, setUrl] = useState('');
  const [bypass, setBypass] = useState('');
  const [proxyError, setProxyError] = useState<string | null>(null);
  const [proxyStatus, setProxyStatus] = useState<string | null>(null);
  const [certError, setCertError] = useState<string | null>(null);
  const lockedId = useId();

  const show = useCallback((v: NetworkView) => {
    setView(v);
    setMode(v.proxy.mode);
    setUrl(v.proxy.url);
    setBypass(v.proxy.bypass);
  }, []);
  useEffect(() => {
    lp.networkGet().then(show).catch((err: unknown) => setProxyError(describeError(err)));
  }, [lp, show]);

  const applyProxy = (): void => {
    setProxyError(null);
    setProxyStatus(null);
    lp.networkSetProxy({ mode, url, bypass }).then((v) => {
      show(v);
      setProxyStatus('Proxy saved. Reconnecting through it.');
    }).catch((err: unknown) => setProxyError(describeError(err)));
  };
  const addCertificate = (): void => {
    setCertError(null);
    lp.networkAddCertificate().then((v) => { if (v) show(v); }).catch((err: unknown) => setCertError(describeError(err)));
  };
  const remove = (fingerprint: string): void => {
    setCertError(null);
    lp.networkRemoveCertificate({ fingerprint }).then(show).catch((err: unknown) => setCertError(describeError(err)));
  };

  const locked = view?.proxyLocked === true;
  return (
    <fieldset className="network-settings">
      <legend>Network</legend>
      <fieldset disabled={locked} aria-describedby={locked ? lockedId : undefined}>
        <legend>Proxy</legend>
        {locked && <p id={lockedId} className="muted small locked-hint">{LOCKED}</p>}
        {(['system', 'manual', 'none'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name="proxy-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            <span>{m === 'system' ? 'Use the system proxy settings (default)' : m === 'manual' ? 'Manual proxy' : 'No proxy'}</span>
          </label>
        ))}
        {mode === 'manual' && (
          <>
            <label className="field">
              <span>Proxy URL</span>
              <input value={url} maxLength={2048} placeholder="http://proxy.example.com:3128" spellCheck={false} onChange={(e) => setUrl(e.target.value)} />
            </label>
            <label className="field">
              <span>Bypass list (comma-separated: hosts, *.domains, IP ranges, &lt;local&gt;)</span>
              <input value={bypass} maxLength={4096} placeholder="*.corp.example, 10.0.0.0/8" spellCheck={false} onChange={(e) => setBypass(e.target.value)} />
            </label>
          </>
        )}
        {!locked && <div className="row"><button type="button" className="btn" onClick={applyProxy}>Apply proxy</button></div>}
        {proxyError && <p className="error" role="alert">{proxyError}</p>}
        {proxyStatus && <p role="status">{proxyStatus}</p>}
      </fieldset>
      <fieldset>
        <legend>Trusted certificates</legend>
        <p className="muted small">Certificates trusted in addition to this computer&apos;s, for example your company&apos;s authority when the network inspects secure traffic.</p>
        {view?.certificateErrors.map((e) => <p key={e} className="error" role="alert">{e}</p>)}
        {view && view.certificates.length === 0 && <p className="muted">None added.</p>}
        {view && view.certificates.length > 0 && (
          <ul className="certificates" aria-label="Trusted certificates">
            {view.certificates.map((c) => (
              <li key={c.fingerprint} className={c.expired ? 'expired' : undefined}>
                <span className="cert-subject">{c.subject}</span>
                <span className="muted small"> issued by {c.issuer}; </span>
                <span className={c.expired ? 'error small' : 'muted small'}>{c.expired ? `expired ${formatDay(c.validTo)}` : `expires ${formatDay(c.validTo)}`}</span>
                {c.source === 'organisation'
                  ? <span className="muted small locked-hint"> — {LOCKED}{c.file ? ` (${c.file})` : ''}</span>
                  : <button type="button" className="btn small" aria-label={`Remove ${c.subject}`} onClick={() => remove(c.fingerprint)}>Remove</button>}
              </li>
            ))}
          </ul>
        )}
        <div className="row"><button type="button" className="btn" onClick={addCertificate}>Add a certificate file…</button></div>
        {certError && <p className="error" role="alert">{certError}</p>}
      </fieldset>
    </fieldset>
  );
}
