/** Waiting rings: consumer, skill, waiting time, live expiry countdown; Accept / Reject; newest announced. */
import { useEffect, useRef } from 'react';
import type { Ring } from '../../src-main/lp/model';
import { describeError } from '../lib/errors';
import { formatDuration } from '../lib/time';
import { shallowArrayEqual, useLp, useNow, useSelector, useStoreApi } from '../state/hooks';
import { consumerLabel, selectRings } from '../state/selectors';
import { skillLabel } from '../state/skills';

export function ringRowId(ringId: string): string {
  return `ring-${ringId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function useRingActions() {
  const lp = useLp();
  const store = useStoreApi();
  const fail = (what: string) => (err: unknown) => store.dispatch({ type: 'banner/show', kind: 'error', text: `${what} failed: ${describeError(err)}` });
  return {
    accept(ring: Ring): void {
      store.dispatch({ type: 'select', conversationId: ring.conversationId });
      void lp.ringAccept({ ringId: ring.ringId }).catch(fail('Accept'));
    },
    reject(ring: Ring): void {
      void lp.ringReject({ ringId: ring.ringId }).catch(fail('Reject'));
    },
  };
}

function RingRow({ ring, now, skillNames }: { ring: Ring; now: number; skillNames: Record<string, string> }) {
  const { accept, reject } = useRingActions();
  const name = consumerLabel(ring);
  const left = ring.expiresAt - now;
  return (
    <li className={`ring${left < 10_000 ? ' ring-urgent' : ''}`} id={ringRowId(ring.ringId)} data-ring-id={ring.ringId} aria-label={`Ring from ${name}`}>
      <div className="ring-main">
        <span className="ring-consumer">{name}</span>
        <span className="ring-skill">{skillLabel(skillNames, ring.skillId)}</span>
      </div>
      <div className="ring-times">
        <span>Waiting <span className="ring-waiting">{formatDuration(now - ring.offeredAt)}</span></span>
        <span className="ring-expiry" aria-label={`Expires in ${formatDuration(left)}`}>
          Expires in <span className="ring-countdown">{formatDuration(left)}</span>
        </span>
      </div>
      <div className="ring-actions">
        <button type="button" className="btn primary accept" onClick={() => accept(ring)} aria-label={`Accept ring from ${name}`}>Accept</button>
        <button type="button" className="btn reject" onClick={() => reject(ring)} aria-label={`Reject ring from ${name}`}>Reject</button>
      </div>
    </li>
  );
}

export function RingQueue({ skillNames }: { skillNames: Record<string, string> }) {
  const rings = useSelector(selectRings, shallowArrayEqual);
  const lastOffered = useSelector((s) => s.lastOfferedRingId);
  const focus = useSelector((s) => s.focus);
  const now = useNow();
  const listRef = useRef<HTMLUListElement>(null);
  const newest = lastOffered ? rings.find((r) => r.ringId === lastOffered) : undefined;

  useEffect(() => {
    if (!focus?.ringId) return;
    const row = listRef.current?.querySelector<HTMLElement>(`#${ringRowId(focus.ringId)} button.accept`);
    row?.focus();
  }, [focus]);

  return (
    <section className="pane-section rings" aria-labelledby="rings-heading">
      <h2 id="rings-heading" className="section-title">
        Waiting <span className="count" aria-label={`${rings.length} waiting`}>{rings.length}</span>
      </h2>
      <div className="sr-only" aria-live="assertive" aria-atomic="true" data-testid="ring-announcer">
        {newest ? `New conversation request from ${consumerLabel(newest)}, ${skillLabel(skillNames, newest.skillId)}` : ''}
      </div>
      {rings.length === 0 ? (
        <p className="empty">No one waiting.</p>
      ) : (
        <ul className="ring-list" ref={listRef}>
          {rings.map((r) => <RingRow key={r.ringId} ring={r} now={now} skillNames={skillNames} />)}
        </ul>
      )}
      <p className="hint"><kbd>Alt</kbd>+<kbd>A</kbd> accept (focused or oldest) · <kbd>Alt</kbd>+<kbd>R</kbd> reject</p>
    </section>
  );
}
