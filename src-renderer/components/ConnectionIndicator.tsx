/**
 * Connection state in words, with the live reconnect countdown and "Retry now"; a certificate or
 * proxy problem (lastError) in plain words beside it. The visible indicator is
 * not a live region (the countdown changes every second); a hidden polite region announces phase changes only.
 */
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../src-preload/api';
import { inUiLanguage } from '../lib/core-words';
import { describeError, networkProblem } from '../lib/errors';
import { formatDuration } from '../lib/time';
import { useLp, useNow, useSelector } from '../state/hooks';

function label(c: ConnectionState, now: number, t: TFunction, lang: string): string {
  switch (c.phase) {
    case 'online': return t('connection.online');
    case 'connecting': return t('connection.connecting');
    case 'reconnecting':
      return c.nextRetryAt !== undefined && c.nextRetryAt > now
        ? t('connection.reconnectingIn', { time: formatDuration(c.nextRetryAt - now, lang) })
        : t('connection.reconnecting');
    // One session per agent: another window or device took it (the core stops instead of fighting back).
    case 'offline': return /signed in elsewhere/i.test(c.lastError ?? '') ? t('connection.elsewhere') : t('connection.offline');
    case 'auth-failed': return t('connection.authFailed');
    default: return t('connection.notConnected');
  }
}

/** The phase in words, without the countdown: what is announced when it changes. */
function phaseText(c: ConnectionState, t: TFunction, lang: string): string {
  return c.phase === 'reconnecting' ? t('connection.reconnectingShort') : label(c, 0, t, lang);
}

export function ConnectionIndicator() {
  const lp = useLp();
  const { t, i18n } = useTranslation();
  const conn = useSelector((s) => s.connection);
  // Ticks only while a reconnect countdown is on screen: online and idle, nothing wakes up here.
  const now = useNow(conn.phase === 'reconnecting' && conn.nextRetryAt !== undefined);
  const [error, setError] = useState<string | null>(null);
  const canRetry = conn.phase === 'reconnecting' || conn.phase === 'offline';
  // A certificate or proxy problem is said in words, not only in the tooltip: retrying alone will not fix it.
  const problem = conn.phase !== 'online' ? networkProblem(conn.lastError) : null;
  const phase = phaseText(conn, t, i18n.language);
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef(phase);
  useEffect(() => {
    if (announced.current === phase) return;
    announced.current = phase;
    setAnnouncement(t('connection.announce', { phase }));
  }, [phase, t]);
  return (
    // Keeps its status role (what it is) but is not live: only the announcer below speaks.
    <div className={`connection conn-${conn.phase}`} role="status" aria-live="off">
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-label" title={conn.lastError ? inUiLanguage(conn.lastError) : undefined}>{label(conn, now, t, i18n.language)}</span>
      {conn.phase === 'reconnecting' && conn.attempt ? <span className="conn-attempt">{t('connection.attempt', { attempt: conn.attempt })}</span> : null}
      {canRetry && (
        <button type="button" className="btn small" onClick={() => {
          setError(null);
          lp.connectionRetryNow().catch((err: unknown) => setError(describeError(err)));
        }}>
          {t('connection.retryNow')}
        </button>
      )}
      {problem && <span className="conn-problem" role="alert">{problem}</span>}
      {error && <span className="conn-error" role="alert">{error}</span>}
      <span className="sr-only" aria-live="polite" aria-atomic="true" data-testid="connection-announcer">{announcement}</span>
    </div>
  );
}
