/**
 * Diagnostics → crash reports: open the folder of local crash dumps, and export one zip for support
 * (the logs, redacted, the crash dumps and a short report). Nothing is ever uploaded by the app.
 */
import { useState } from 'react';
import { describeError } from '../lib/errors';
import { useLp } from '../state/hooks';

export function CrashReportActions() {
  const lp = useLp();
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const fail = (err: unknown): void => setSaid({ text: describeError(err), error: true });
  const openFolder = (): void => {
    setSaid(null);
    lp.diagnosticsOpenCrashFolder().then((r) => setSaid(r.error ? { text: `The crash folder (${r.path}) could not be opened: ${r.error}`, error: true } : null)).catch(fail);
  };
  const exportReport = (): void => {
    setSaid(null);
    lp.diagnosticsExportReport().then((r) => setSaid({
      text: r ? `Saved ${r.logLines} log lines and ${r.crashDumps} crash report${r.crashDumps === 1 ? '' : 's'} to ${r.path}` : 'Export cancelled.', error: false,
    })).catch(fail);
  };
  return (
    <div className="crash-actions" aria-label="Crash reports" role="group">
      <p className="hint">Crash reports stay on this computer; nothing is uploaded. A crash report is a memory snapshot of the app: share it only with your support team.</p>
      <div className="row">
        <button type="button" className="btn" onClick={openFolder}>Open crash folder</button>
        <button type="button" className="btn" onClick={exportReport}>Export logs and crash reports…</button>
      </div>
      {said && <p role={said.error ? 'alert' : 'status'} className={said.error ? 'error' : undefined}>{said.text}</p>}
    </div>
  );
}
