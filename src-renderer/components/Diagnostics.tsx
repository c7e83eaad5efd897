/**
 * Diagnostics in two parts: what an agent needs (connected or not, since when, the last error, in
 * words) and, folded, the technical details for support (socket state and URL, the proxy setting,
 * the route resolveProxy gave the socket and the issuer of the certificate it was shown, reconnects,
 * log lines, service domains); log export.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionPhase, Diagnostics as DiagnosticsData } from '../../src-preload/api';
import { inUiLanguage } from '../lib/core-words';
import { describeError } from '../lib/errors';
import { formatClock } from '../lib/time';
import { useLp } from '../state/hooks';
import { CrashReportActions } from './CrashReportActions';
import { UpdateDiagnostics } from './UpdateDiagnostics';

/** Each phase's words: catalogue keys (`connection.*`). */
const STATUS_KEYS = {
  idle: 'connection.notConnected', connecting: 'connection.connecting', online: 'connection.online', reconnecting: 'connection.reconnecting',
  offline: 'connection.notConnected', 'auth-failed': 'connection.authRefused',
} as const satisfies Record<ConnectionPhase, string>;

export function Diagnostics() {
  const lp = useLp();
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<DiagnosticsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    lp.diagnosticsGet().then(setData).catch((err: unknown) => setError(describeError(err)));
  }, [lp]);
  useEffect(load, [load]);

  const exportLogs = (): void => {
    setExported(null);
    lp.diagnosticsExportLogs().then((r) => setExported(r ? t('diagnostics.exported', { count: r.lines, path: r.path }) : t('diagnostics.exportCancelled')))
      .catch((err: unknown) => setError(t('diagnostics.exportFailed', { error: describeError(err) })));
  };

  return (
    <section className="diagnostics" aria-labelledby="diag-heading">
      <h3 id="diag-heading">{t('diagnostics.heading')}</h3>
      {error && <p className="error" role="alert">{error}</p>}
      {data && (
        <dl className="diag-fields diag-agent" aria-label={t('diagnostics.connection')}>
          <dt>{t('diagnostics.status')}</dt><dd>{t(STATUS_KEYS[data.connection.phase])}</dd>
          {data.connection.since > 0 && <><dt>{t('diagnostics.since')}</dt><dd>{formatClock(data.connection.since, Date.now(), i18n.language)}</dd></>}
          <dt>{t('diagnostics.lastError')}</dt><dd>{inUiLanguage(data.lastError ?? data.connection.lastError ?? t('diagnostics.none'))}</dd>
        </dl>
      )}
      <UpdateDiagnostics />
      {data && (
        <details className="diag-technical">
          <summary>{t('diagnostics.technical')}</summary>
        <dl className="diag-fields">
          <dt>{t('diagnostics.socketState')}</dt><dd>{data.connection.phase}{data.connection.attempt ? t('diagnostics.attempt', { attempt: data.connection.attempt }) : ''}</dd>
          <dt>{t('diagnostics.socketUrl')}</dt><dd className="mono">{data.socketUrl ?? '—'}</dd>
          {data.network && <>
            <dt>{t('diagnostics.proxySetting')}</dt><dd>{data.network.proxy}</dd>
            <dt>{t('diagnostics.socketRoute')}</dt><dd className="mono">{data.network.socketRoute ?? '—'}</dd>
            <dt>{t('diagnostics.certificateIssuer')}</dt><dd>{data.network.certificateIssuer ?? '—'}</dd>
          </>}
          <dt>{t('diagnostics.reconnects')}</dt><dd>{data.reconnects}</dd>
          <dt>{t('diagnostics.logLines')}</dt><dd>{data.logLines}</dd>
          <dt>{t('diagnostics.domains')}</dt>
          <dd>
            {Object.keys(data.domains).length === 0 ? t('diagnostics.none') : (
              <ul className="domains">
                {Object.entries(data.domains).map(([k, v]) => <li key={k}><span className="mono">{k}</span>: <span className="mono">{v}</span></li>)}
              </ul>
            )}
          </dd>
        </dl>
        </details>
      )}
      <div className="row">
        <button type="button" className="btn" onClick={load}>{t('diagnostics.refresh')}</button>
        <button type="button" className="btn" onClick={exportLogs}>{t('diagnostics.exportLogs')}</button>
      </div>
      {exported && <p role="status">{exported}</p>}
      <CrashReportActions />
    </section>
  );
}
