/**
 * Settings → Network: the proxy (system / manual URL + bypass list / none) and the certificates
 * trusted beside the OS store (add a PEM file through main's open dialog, list with subject, issuer
 * and expiry, remove). Main validates and applies at once with a reconnect; its refusals are shown
 * as they come. What the IT policy sets is shown locked ("Set by your organisation").
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkView, ProxyMode } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { useLp } from '../state/hooks';

/** The proxy modes, in the order shown. */
const MODES: readonly ProxyMode[] = ['system', 'manual', 'none'];

function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

export function NetworkSettings() {
  const lp = useLp();
  const { t } = useTranslation();
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
      setProxyStatus(t('network.saved'));
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
      <legend>{t('network.legend')}</legend>
      <fieldset disabled={locked} aria-describedby={locked ? lockedId : undefined}>
        <legend>{t('network.proxy')}</legend>
        {locked && <p id={lockedId} className="muted small locked-hint">{t('network.locked')}</p>}
        {MODES.map((m) => (
          <label key={m} className="check">
            <input type="radio" name="proxy-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            <span>{t(m === 'system' ? 'network.modeSystem' : m === 'manual' ? 'network.modeManual' : 'network.modeNone')}</span>
          </label>
        ))}
        {mode === 'manual' && (
          <>
            <label className="field">
              <span>{t('network.url')}</span>
              <input value={url} maxLength={2048} placeholder={t('network.urlExample')} spellCheck={false} onChange={(e) => setUrl(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('network.bypass')}</span>
              <input value={bypass} maxLength={4096} placeholder={t('network.bypassExample')} spellCheck={false} onChange={(e) => setBypass(e.target.value)} />
            </label>
          </>
        )}
        {!locked && <div className="row"><button type="button" className="btn" onClick={applyProxy}>{t('network.apply')}</button></div>}
        {proxyError && <p className="error" role="alert">{proxyError}</p>}
        {proxyStatus && <p role="status">{proxyStatus}</p>}
      </fieldset>
      <fieldset>
        <legend>{t('network.certificates')}</legend>
        <p className="muted small">{t('network.certificatesHint')}</p>
        {view?.certificateErrors.map((e) => <p key={e} className="error" role="alert">{e}</p>)}
        {view && view.certificates.length === 0 && <p className="muted">{t('network.noCertificates')}</p>}
        {view && view.certificates.length > 0 && (
          <ul className="certificates" aria-label={t('network.certificates')}>
            {view.certificates.map((c) => (
              <li key={c.fingerprint} className={c.expired ? 'expired' : undefined}>
                <span className="cert-subject">{c.subject}</span>
                <span className="muted small">{t('network.issuedBy', { issuer: c.issuer })}</span>
                <span className={c.expired ? 'error small' : 'muted small'}>{t(c.expired ? 'network.expired' : 'network.expires', { date: formatDay(c.validTo) })}</span>
                {c.source === 'organisation'
                  ? <span className="muted small locked-hint">{c.file ? t('network.lockedFile', { file: c.file }) : t('network.lockedCertificate')}</span>
                  : <button type="button" className="btn small" aria-label={t('network.removeLabel', { subject: c.subject })} onClick={() => remove(c.fingerprint)}>{t('network.remove')}</button>}
              </li>
            ))}
          </ul>
        )}
        <div className="row"><button type="button" className="btn" onClick={addCertificate}>{t('network.add')}</button></div>
        {certError && <p className="error" role="alert">{certError}</p>}
      </fieldset>
    </fieldset>
  );
}
