/** Connection state in words, with the live reconnect countdown and "Retry now". */
import { useState } from 'react';
import type { ConnectionState } from '../../src-main/lp/model';
import { describeError } from '../lib/errors';
import { formatDuration } from '../lib/time';
import { useLp, useNow, useSelector } from '../state/hooks';

function label(c: ConnectionState, now: number): string {
  switch (c.phase) {
    case 'online': return 'Connected';
    case 'connecting': return 'Connecting…';
    case 'reconnecting':
      return c.nextRetryAt !== undefined && c.nextRetryAt > now
        ? `Reconnecting in ${formatDuration(c.nextRetryAt - now)}`
        : 'Reconnecting…';
    // One session per agent: another window or device took it (the core stops instead of fighting back).
    case 'offline': return /signed in elsewhere/i.test(c.lastError ?? '') ? 'Signed in elsewhere' : 'Offline';
    case 'auth-failed': return 'Sign-in refused — sign in again';
    default: return 'Not connected';
  }
}

export function ConnectionIndicator() {
  const lp = useLp();
  const conn = useSelector((s) => s.connection);
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const canRetry = conn.phase === 'reconnecting' || conn.phase === 'offline';
  return (
    <div className={`connection conn-${conn.phase}`} role="status" aria-live="polite">
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-label" title={conn.lastError ?? undefined}>{label(conn, now)}</span>
      {conn.phase === 'reconnecting' && conn.attempt ? <span className="conn-attempt">(attempt {conn.attempt})</span> : null}
      {canRetry && (
        <button type="button" className="btn small" onClick={() => {
          setError(null);
          lp.connectionRetryNow().catch((err: unknown) => setError(describeError(err)));
        }}>
          Retry now
        </button>
      )}
      {error && <span className="conn-error" role="alert">{error}</span>}
    </div>
  );
}
