/**
 * Diagnostics in two parts: what an agent needs (connected or not, since when, the last error, in
 * words) and, folded, the technical details for support (socket state and URL, the proxy setting,
 * the route resolveProxy gave the socket and the issuer of the certificate it was shown, reconnects,
 * log lines, service domains); log export.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ConnectionPhase, Diagnostics as DiagnosticsData } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { formatClock } from '../lib/time';
import { useLp } from '../state/hooks';

const STATUS_WORDS: Record<ConnectionPhase, string> = {
  idle: 'Not connected', connecting: 'Connecting…', online: 'Connected', reconnecting: 'Reconnecting…', offline: 'Not connected',
  'auth-failed': 'Sign-in refused',
};

export function Diagnostics() {
  const lp = useLp();
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
    lp.diagnosticsExportLogs().then((r) => setExported(r ? `Saved ${r.lines} log lines to ${r.path}` : 'Export cancelled.'))
      .catch((err: unknown) => setError(`Export failed: ${describeError(err)}`));
  };

  return (
    <section className="diagnostics" aria-labelledby="diag-heading">
      <h3 id="diag-heading">Diagnostics</h3>
      {error && <p className="error" role="alert">{error}</p>}
      {data && (
        <dl className="diag-fields diag-agent" aria-label="Connection">
          <dt>Status</dt><dd>{STATUS_WORDS[data.connection.phase]}</dd>
          {data.connection.since > 0 && <><dt>Since</dt><dd>{formatClock(data.connection.since)}</dd></>}
          <dt>Last error</dt><dd>{data.lastError ?? data.connection.lastError ?? 'none'}</dd>
        </dl>
      )}
      {data && (
        <details className="diag-technical">
          <summary>Technical details</summary>
        <dl className="diag-fields">
          <dt>Socket state</dt><dd>{data.connection.phase}{data.connection.attempt ? ` (attempt ${data.connection.attempt})` : ''}</dd>
          <dt>Socket URL</dt><dd className="mono">{data.socketUrl ?? '—'}</dd>
          {data.network && <>
            <dt>Proxy setting</dt><dd>{data.network.proxy}</dd>
            <dt>Socket route</dt><dd className="mono">{data.network.socketRoute ?? '—'}</dd>
            <dt>Certificate issuer</dt><dd>{data.network.certificateIssuer ?? '—'}</dd>
          </>}
          <dt>Reconnects</dt><dd>{data.reconnects}</dd>
          <dt>Log lines</dt><dd>{data.logLines}</dd>
          <dt>Domains</dt>
          <dd>
            {Object.keys(data.domains).length === 0 ? 'none' : (
              <ul className="domains">
                {Object.entries(data.domains).map(([k, v]) => <li key={k}><span className="mono">{k}</span>: <span className="mono">{v}</span></li>)}
              </ul>
            )}
          </dd>
        </dl>
        </details>
      )}
      <div className="row">
        <button type="button" className="btn" onClick={load}>Refresh</button>
        <button type="button" className="btn" onClick={exportLogs}>Export logs…</button>
      </div>
      {exported && <p role="status">{exported}</p>}
    </section>
  );
}
