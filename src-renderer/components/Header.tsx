/** Top bar: who, availability, connection, settings, sign out. */
import type { Availability } from '../../src-preload/api';
import { useLp, useReportFailure, useSelector } from '../state/hooks';
import { ConnectionIndicator } from './ConnectionIndicator';

const OPTIONS: Array<{ value: Availability; label: string }> = [
  { value: 'ONLINE', label: 'Online' },
  { value: 'AWAY', label: 'Away' },
  { value: 'BACK_SOON', label: 'Back soon' },
  { value: 'OFFLINE', label: 'Offline' },
];

export function Header({ onOpenSettings }: { onOpenSettings(): void }) {
  const lp = useLp();
  const availability = useSelector((s) => s.availability);
  const app = useSelector((s) => s.app);
  const profile = useSelector((s) => s.profile);
  const who = profile?.loginName ?? app?.account?.username ?? '';
  const fail = useReportFailure();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">LP Agent</span>
        {app?.mode === 'demo' && <span className="tag">Demo</span>}
        {who && <span className="who">{who}</span>}
      </div>
      <label className="availability">
        <span className="sr-only">Availability</span>
        <select
          value={availability === 'OCCUPIED' ? 'ONLINE' : availability}
          className={`avail-${availability.toLowerCase()}`}
          onChange={(e) => {
            lp.agentSetAvailability({ availability: e.target.value as Availability }).catch(fail('Could not change availability'));
          }}
        >
          {OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </label>
      <ConnectionIndicator />
      <div className="header-actions">
        <button type="button" className="btn" onClick={onOpenSettings}>Settings</button>
        <button type="button" className="btn" onClick={() => { lp.sessionLogout().catch(fail('Sign out failed')); }}>Sign out</button>
      </div>
    </header>
  );
}
