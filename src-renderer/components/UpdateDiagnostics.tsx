/**
 * Diagnostics → Updates: where updates stand (off and why, up to date, checking, downloading with
 * progress, ready), the last problem in words (feed unreachable, corrupt, checksum) — said here, not
 * in a banner — and "Check for updates".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateProblem, UpdateStatus } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { formatClock } from '../lib/time';
import { useLp, useSelector } from '../state/hooks';

type T = ReturnType<typeof useTranslation>['t'];

function statusWords(t: T, u: UpdateStatus | undefined): string {
  switch (u?.state) {
    case undefined: return t('updates.statusUnknown');
    case 'off': return u.reason === 'development' ? t('updates.offDevelopment') : u.reason === 'inactive' ? t('updates.offInactive') : t('updates.offUnavailable');
    case 'idle': return u.latest ? t('updates.upToDate', { latest: u.latest }) : t('updates.waiting');
    case 'checking': return t('updates.checking');
    case 'downloading': return t('updates.downloading', { version: u.version, percent: u.percent });
    case 'ready': return t('updates.ready', { version: u.version });
  }
}

function problemWords(t: T, p: UpdateProblem): string {
  switch (p.kind) {
    case 'checksum': return t('updates.problems.checksum');
    case 'signature': return t('updates.problems.signature');
    case 'invalid-feed': return t('updates.problems.invalidFeed');
    case 'no-file': return t('updates.problems.noFile');
    case 'no-channel': return t('updates.problems.noChannel');
    case 'unreachable': return t('updates.problems.unreachable');
    case 'http': return t('updates.problems.http', { status: p.status });
    case 'other': return t('updates.problems.other', { message: p.message });
  }
}

export function UpdateDiagnostics() {
  const lp = useLp();
  const { t, i18n } = useTranslation();
  const update = useSelector((s) => s.app?.update);
  const [error, setError] = useState<string | null>(null);
  const problem = update && update.state !== 'off' && update.state !== 'ready' ? update.problem : undefined;
  const check = (): void => {
    setError(null);
    lp.updateCheck().catch((err: unknown) => setError(describeError(err)));
  };
  return (
    <dl className="diag-fields diag-updates" aria-label={t('updates.label')}>
      <dt>{t('updates.label')}</dt><dd className="update-status">{statusWords(t, update)}</dd>
      {update?.state === 'idle' && update.lastCheckedAt !== undefined && <><dt>{t('updates.lastChecked')}</dt><dd>{formatClock(update.lastCheckedAt, Date.now(), i18n.language)}</dd></>}
      {problem && <><dt>{t('updates.problem')}</dt><dd className="update-problem">{problemWords(t, problem)}</dd></>}
      <dt />
      <dd>
        <button type="button" className="btn small" disabled={update?.state !== 'idle'} onClick={check}>{t('updates.check')}</button>
        {error && <span className="error" role="alert"> {error}</span>}
      </dd>
    </dl>
  );
}
