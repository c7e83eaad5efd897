/** Top bar: who, availability, connection, settings, sign out. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability } from '../../src-preload/api';
import { useLp, useReportFailure, useSelector } from '../state/hooks';
import { ConnectionIndicator } from './ConnectionIndicator';

/** The choices, labelled from the catalogue (`availability.*`). */
const OPTIONS: readonly Exclude<Availability, 'OCCUPIED'>[] = ['ONLINE', 'AWAY', 'BACK_SOON', 'OFFLINE'];

function HeaderView({ onOpenSettings }: { onOpenSettings(): void }) {
  const lp = useLp();
  const { t } = useTranslation();
  const availability = useSelector((s) => s.availability);
  const app = useSelector((s) => s.app);
  const profile = useSelector((s) => s.profile);
  const who = profile?.loginName ?? app?.account?.username ?? '';
  const fail = useReportFailure();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('header.brand')}</span>
        {app?.mode === 'demo' && <span className="tag">{t('header.demo')}</span>}
        {who && <span className="who">{who}</span>}
      </div>
      <label className="availability">
        <span className="sr-only">{t('header.availability')}</span>
        <select
          value={availability === 'OCCUPIED' ? 'ONLINE' : availability}
          className={`avail-${availability.toLowerCase()}`}
          onChange={(e) => {
            lp.agentSetAvailability({ availability: e.target.value as Availability }).catch(fail(t('header.availabilityFailed')));
          }}
        >
          {OPTIONS.map((o) => <option key={o} value={o}>{t(`availability.${o}`)}</option>)}
        </select>
      </label>
      <ConnectionIndicator />
      <div className="header-actions">
        <button type="button" className="btn" onClick={onOpenSettings}>{t('header.settings')}</button>
        <button type="button" className="btn" onClick={() => { lp.sessionLogout().catch(fail(t('header.signOutFailed'))); }}>{t('header.signOut')}</button>
      </div>
    </header>
  );
}

/** Memoised: its props are stable, it reads what it shows from the store (a flood re-rendered it with the Workspace, issue #15). */
export const Header = memo(HeaderView);
