/**
 * "Restart to update": shown once main has a downloaded, verified update (app state `update.state ===
 * 'ready'`). Main decides whether a restart is allowed now (never while a conversation is open or a
 * ring waits) and answers why not; the update otherwise installs when the app quits.
 */
import { useState } from 'react';
import { describeError } from '../lib/errors';
import { useLp, useSelector } from '../state/hooks';

export function UpdateBanner() {
  const lp = useLp();
  const update = useSelector((s) => s.app?.update);
  const [answer, setAnswer] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  if (update?.state !== 'ready' || hidden) return null;
  const restart = (): void => {
    setAnswer(null);
    lp.updateRestart().then((r) => setAnswer(r.restarting ? 'Restarting…' : r.text)).catch((err: unknown) => setAnswer(describeError(err)));
  };
  return (
    <div className="banner banner-info update-banner" role="status" aria-label="Update ready">
      <span className="banner-text">Version {update.version} is ready. It installs when you quit, or now:</span>
      <button type="button" className="btn primary small" onClick={restart}>Restart to update</button>
      <button type="button" className="btn small" aria-label="Hide until the next start" onClick={() => setHidden(true)}>×</button>
      {answer && <span className="update-answer" role="alert">{answer}</span>}
    </div>
  );
}
