/** In-window banners: ring alerts when OS notifications are off or failed, and errors. */
import { memo, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { visibleBidi } from '../lib/text';
import { useSelector, useStoreApi } from '../state/hooks';
import { consumerLabel } from '../state/selectors';
import { focusIsLost, useFocusCoordinator } from './focus';
import { useRingActions } from './RingQueue';

function BannersView() {
  const store = useStoreApi();
  const { t } = useTranslation();
  const banners = useSelector((s) => s.banners);
  const rings = useSelector((s) => s.rings);
  const { accept } = useRingActions();
  const focus = useFocusCoordinator();
  // Accept dismisses its banner (and its button): focus follows the accepted conversation.
  const acceptedHere = useRef(false);
  useLayoutEffect(() => {
    if (!acceptedHere.current) return;
    acceptedHere.current = false;
    if (focusIsLost()) focus.focusAccepted();
  });
  if (banners.length === 0) return null;
  return (
    <div className="banners">
      {banners.map((b) => {
        const ring = b.ringId ? rings[b.ringId] : undefined;
        return (
          <div key={b.id} className={`banner banner-${b.kind}`} role={b.kind === 'error' ? 'alert' : 'status'}>
            <span className="banner-text" dir="auto">{visibleBidi(b.text)}</span>
            {ring && (
              <button type="button" className="btn primary small" aria-label={t('rings.acceptFrom', { name: consumerLabel(ring) })}
                onClick={() => { acceptedHere.current = true; accept(ring); store.dispatch({ type: 'banner/dismiss', id: b.id }); }}>
                {t('rings.acceptShort')}
              </button>
            )}
            <button type="button" className="btn small" aria-label={t('rings.dismiss')} onClick={() => store.dispatch({ type: 'banner/dismiss', id: b.id })}>×</button>
          </div>
        );
      })}
    </div>
  );
}

/** Memoised: its props are stable, it reads what it shows from the store (a flood re-rendered it with the Workspace, issue #15). */
export const Banners = memo(BannersView);
