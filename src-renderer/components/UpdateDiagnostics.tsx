/**
 * Diagnostics → Updates: where updates stand (off and why, up to date, checking, downloading with
 * progress, ready), the last problem in words (feed unreachable, corrupt, checksum) — said here, not
 * in a banner — and "Check for updates".
 */
import { useState } from 'react';
import type { UpdateStatus } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { formatClock } from '../lib/time';
import { useLp, useSelector } from '../state/hooks';

function statusWords(u: UpdateStatus | undefined): string {
  switch (u?.state) {
    case undefined: return 'Unknown';
    case 'off': return `Off: ${u.reason}`;
    case 'idle': return u.latest ? `Up to date (the latest published version is ${u.latest})` : 'Waiting for the next check';
    case 'checking': return 'Checking…';
    case 'downloading': return `Downloading version ${u.version}: ${u.percent}%`;
    case 'ready': return `Version ${u.version} is downloaded and verified: it installs when you quit, or with "Restart to update"`;
  }
}

export function UpdateDiagnostics() {
  const lp = useLp();
  const update = useSelector((s) => s.app?.update);
  const [error, setError] = useState<string | null>(null);
  const problem = update && update.state !== 'off' && update.state !== 'ready' ? update.problem : undefined;
  const check = (): void => {
    setError(null);
    lp.updateCheck().catch((err: unknown) => setError(describeError(err)));
  };
  return (
    <dl className="diag-fields diag-updates" aria-label="Updates">
      <dt>Updates</dt><dd className="update-status">{statusWords(update)}</dd>
      {update?.state === 'idle' && update.lastCheckedAt !== undefined && <><dt>Last checked</dt><dd>{formatClock(update.lastCheckedAt)}</dd></>}
      {problem && <><dt>Update problem</dt><dd className="update-problem">{problem}</dd></>}
      <dt />
      <dd>
        <button type="button" className="btn small" disabled={update?.state !== 'idle'} onClick={check}>Check for updates</button>
        {error && <span className="error" role="alert"> {error}</span>}
      </dd>
    </dl>
  );
}
