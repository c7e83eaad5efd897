/**
 * "Restart to update": shown once main has a downloaded, verified update (app state `update.state ===
 * 'ready'`). Main decides whether a restart is allowed now (never while a conversation is open or a
 * ring waits) and answers why not; the update otherwise installs when the app quits.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateRestartResult } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { useLp, useSelector } from '../state/hooks';

export function useRestartAnswer(): (r: UpdateRestartResult) => string {
  const { t } = useTranslation();
  return (r) => {
    if (r.restarting) return t('updates.restarting');
    if (r.reason === 'conversations-open') return t('updates.refusedConversations', { count: r.count });
    return r.reason === 'ring-waiting' ? t('updates.refusedRing') : t('updates.refusedNoUpdate');
  };
}

export function UpdateBanner() {
  const lp = useLp();
  const { t } = useTranslation();
  const words = useRestartAnswer();
  const update = useSelector((s) => s.app?.update);
  const [answer, setAnswer] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  if (update?.state !== 'ready' || hidden) return null;
  const restart = (): void => {
    setAnswer(null);
    lp.updateRestart().then((r) => setAnswer(words(r))).catch((err: unknown) => setAnswer(describeError(err)));
  };
  return (
    <div className="banner banner-info update-banner" role="status" aria-label={t('updates.bannerLabel')}>
      <span className="banner-text">{t('updates.bannerReady', { version: update.version })}</span>
      <button type="button" className="btn primary small" onClick={restart}>{t('updates.restart')}</button>
      <button type="button" className="btn small" aria-label={t('updates.hideBanner')} onClick={() => setHidden(true)}>×</button>
      {answer && <span className="update-answer" role="alert">{answer}</span>}
    </div>
  );
}
