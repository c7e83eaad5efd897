/**
 * Diagnostics → crash reports: open the folder of local crash dumps, and export one zip for support
 * (the logs, redacted, the crash dumps and a short report). Nothing is ever uploaded by the app.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/errors';
import { useLp } from '../state/hooks';

export function CrashReportActions() {
  const lp = useLp();
  const { t } = useTranslation();
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const fail = (err: unknown): void => setSaid({ text: describeError(err), error: true });
  const openFolder = (): void => {
    setSaid(null);
    lp.diagnosticsOpenCrashFolder().then((r) => setSaid(r.error ? { text: t('crash.openFailed', { path: r.path, error: r.error }), error: true } : null)).catch(fail);
  };
  const exportReport = (): void => {
    setSaid(null);
    lp.diagnosticsExportReport().then((r) => setSaid({
      text: r ? t('crash.exported', { lines: r.logLines, count: r.crashDumps, path: r.path }) : t('crash.cancelled'), error: false,
    })).catch(fail);
  };
  return (
    <div className="crash-actions" aria-label={t('crash.groupLabel')} role="group">
      <p className="hint">{t('crash.hint')}</p>
      <div className="row">
        <button type="button" className="btn" onClick={openFolder}>{t('crash.openFolder')}</button>
        <button type="button" className="btn" onClick={exportReport}>{t('crash.export')}</button>
      </div>
      {said && <p role={said.error ? 'alert' : 'status'} className={said.error ? 'error' : undefined}>{said.text}</p>}
    </div>
  );
}
