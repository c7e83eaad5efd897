/**
 * Waiting rings: consumer, skill, waiting time, live expiry countdown; Accept / Reject; newest announced.
 * The queue takes `t` and the ring actions once and hands them to its rows (memoised): a
 * `useTranslation` per row (two with the actions) subscribed each row to i18next and copied the i18n
 * instance on mount (issue #15); a language change is a new `t`, and every row draws itself again. That `t` remembers its texts (rememberingT): a row's words are worked out once.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Ring } from '../../src-preload/api';
import { formatDuration } from '../lib/time';
import { shallowArrayEqual, useLp, useNow, useReportFailure, useSelector, useStoreApi } from '../state/hooks';
import { consumerLabel, selectRings } from '../state/selectors';
import { skillLabel } from '../state/skills';
import { rememberingT } from '../i18n';
import { focusFirst, focusIsLost, useFocusCoordinator } from './focus';

/** The window-wide shortcuts (Workspace.tsx), declared on the buttons they stand for. */
export const ACCEPT_SHORTCUT = 'Alt+A';
export const REJECT_SHORTCUT = 'Alt+R';
/** Key names on the keyboard, the same in every language. */
const ALT = 'Alt';

export function ringRowId(ringId: string): string {
  return `ring-${ringId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export interface RingActions {
  accept(ring: Ring): void;
  reject(ring: Ring): void;
}

/** Accept and reject, the same object for as long as the store, focus and language stay. */
export function useRingActions(): RingActions {
  const lp = useLp();
  const store = useStoreApi();
  const focus = useFocusCoordinator();
  const fail = useReportFailure();
  const { t } = useTranslation();
  return useMemo(() => ({
    accept(ring: Ring): void {
      focus.accepted(ring.ringId, ring.conversationId);
      store.dispatch({ type: 'select', conversationId: ring.conversationId });
      void lp.ringAccept({ ringId: ring.ringId }).catch((err: unknown) => {
        focus.acceptFailed(ring.ringId);
        fail(t('rings.acceptFailed'))(err);
      });
    },
    reject(ring: Ring): void {
      void lp.ringReject({ ringId: ring.ringId }).catch(fail(t('rings.rejectFailed')));
    },
  }), [lp, store, focus, fail, t]);
}

interface RingRowProps { ring: Ring; now: number; skillNames: Record<string, string>; onFocusLost(ringId: string): void; actions: RingActions; t: TFunction }

const RingRow = memo(function RingRow({ ring, now, skillNames, onFocusLost, actions, t }: RingRowProps) {
  const { accept, reject } = actions;
  const ref = useRef<HTMLLIElement>(null);
  const name = consumerLabel(ring);
  const left = ring.expiresAt - now;
  const ringId = ring.ringId;
  // Runs before the row leaves the document: if it held focus, the queue puts focus somewhere sensible.
  useLayoutEffect(() => {
    const el = ref.current;
    return () => {
      if (el?.contains(document.activeElement)) onFocusLost(ringId);
    };
  }, [ringId, onFocusLost]);
  return (
    <li ref={ref} className={`ring${left < 10_000 ? ' ring-urgent' : ''}`} id={ringRowId(ring.ringId)} data-ring-id={ring.ringId} aria-label={t('rings.ringFrom', { name })}>
      <div className="ring-main">
        <span className="ring-consumer">{name}</span>
        <span className="ring-skill">{skillLabel(skillNames, ring.skillId)}</span>
      </div>
      <div className="ring-times">
        <span>{t('rings.waiting')} <span className="ring-waiting">{formatDuration(now - ring.offeredAt)}</span></span>
        {/* A timer: its name may be given (and is the text it shows); not live, so the ticking is not read out. */}
        <span className="ring-expiry" role="timer" aria-label={t('rings.expiresInLabel', { time: formatDuration(left) })}>
          {t('rings.expiresIn')} <span className="ring-countdown">{formatDuration(left)}</span>
        </span>
      </div>
      <div className="ring-actions">
        <button type="button" className="btn primary accept" onClick={() => accept(ring)} aria-label={t('rings.acceptFrom', { name })} aria-keyshortcuts={ACCEPT_SHORTCUT}>{t('rings.accept')}</button>
        <button type="button" className="btn reject" onClick={() => reject(ring)} aria-label={t('rings.rejectFrom', { name })} aria-keyshortcuts={REJECT_SHORTCUT}>{t('rings.reject')}</button>
      </div>
    </li>
  );
});

function RingQueueView({ skillNames }: { skillNames: Record<string, string> }) {
  const rings = useSelector(selectRings, shallowArrayEqual);
  const lastOffered = useSelector((s) => s.lastOfferedRingId);
  const focusRequest = useSelector((s) => s.focus);
  const { t: plainT } = useTranslation();
  const t = rememberingT(plainT);
  const actions = useRingActions();
  // Countdowns tick only while rings wait: an empty queue keeps no interval alive.
  const now = useNow(rings.length > 0);
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focus = useFocusCoordinator();
  const lostFocus = useRef<string | null>(null);
  const shownIds = useRef<string[]>([]);
  const onFocusLost = useCallback((ringId: string) => {
    lostFocus.current = ringId;
  }, []);
  const newest = lastOffered ? rings.find((r) => r.ringId === lastOffered) : undefined;

  useEffect(() => {
    if (!focusRequest?.ringId) return;
    const row = listRef.current?.querySelector<HTMLElement>(`#${ringRowId(focusRequest.ringId)} button.accept`);
    row?.focus();
  }, [focusRequest]);

  // A row that held focus went (accepted, rejected, expired): an accepted ring's conversation takes it,
  // else the next ring's Accept (the one that took the row's place, or the new last one), else the heading.
  useLayoutEffect(() => {
    const lost = lostFocus.current;
    const before = shownIds.current;
    lostFocus.current = null;
    shownIds.current = rings.map((r) => r.ringId);
    if (lost === null || !focusIsLost()) return;
    if (focus.isAccepting(lost)) {
      focus.focusAccepted();
      return;
    }
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLElement>('button.accept') ?? []);
    const index = Math.max(0, before.indexOf(lost));
    focusFirst(buttons[Math.min(index, buttons.length - 1)], headingRef.current);
  }, [rings, focus]);

  return (
    <section className="pane-section rings" aria-labelledby="rings-heading">
      <h2 id="rings-heading" className="section-title" ref={headingRef} tabIndex={-1}>
        {t('rings.heading')} <span className="count">{rings.length}{' '}<span className="sr-only">{t('rings.requests', { count: rings.length })}</span></span>
      </h2>
      <div className="sr-only" aria-live="assertive" aria-atomic="true" data-testid="ring-announcer">
        {newest ? t('rings.announce', { name: consumerLabel(newest), skill: skillLabel(skillNames, newest.skillId) }) : ''}
      </div>
      {rings.length === 0 ? (
        <p className="empty">{t('rings.empty')}</p>
      ) : (
        <ul className="ring-list" ref={listRef}>
          {rings.map((r) => <RingRow key={r.ringId} ring={r} now={now} skillNames={skillNames} onFocusLost={onFocusLost} actions={actions} t={t} />)}
        </ul>
      )}
      <p className="hint"><kbd>{ALT}</kbd>+<kbd>{'A'}</kbd> {t('rings.hintAccept')} · <kbd>{ALT}</kbd>+<kbd>{'R'}</kbd> {t('rings.hintReject')}</p>
    </section>
  );
}

/** Memoised: its props are stable, it reads what it shows from the store (a flood re-rendered it with the Workspace, issue #15). */
export const RingQueue = memo(RingQueueView);
