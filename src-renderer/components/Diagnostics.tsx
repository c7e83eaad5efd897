/** Connection details and log export, for support. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostics as DiagnosticsData } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { useLp } from '../state/hooks';

export function Diagnostics() {
  const lp = useLp();
  const { t } = useTranslation();
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
        <dl className="diag-fields">
          <dt>{t('diagnostics.socketState')}</dt><dd>{data.connection.phase}{data.connection.attempt ? t('diagnostics.attempt', { attempt: data.connection.attempt }) : ''}</dd>
          <dt>{t('diagnostics.socketUrl')}</dt><dd className="mono">{data.socketUrl ?? '—'}</dd>
          <dt>{t('diagnostics.reconnects')}</dt><dd>{data.reconnects}</dd>
          <dt>{t('diagnostics.lastError')}</dt><dd>{data.lastError ?? data.connection.lastError ?? t('diagnostics.none')}</dd>
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
      )}
      <div className="row">
        <button type="button" className="btn" onClick={load}>{t('diagnostics.refresh')}</button>
        <button type="button" className="btn" onClick={exportLogs}>{t('diagnostics.exportLogs')}</button>
      </div>
      {exported && <p role="status">{exported}</p>}
    </section>
  );
}
