/** Right pane: consumer profile and conversation actions (close, back to queue, transfer). Collapsible. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ConsumerProfile, Conversation } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { visibleBidi } from '../lib/text';
import { useLp, useReportFailure, useStoreApi } from '../state/hooks';
import { TransferDialog } from './TransferDialog';

function Row({ label, value, email = false }: { label: string; value?: string; email?: boolean }) {
  if (!value) return null;
  return (<><dt>{label}</dt><dd dir="auto">{email ? <EmailText value={visibleBidi(value)} /> : visibleBidi(value)}</dd></>);
}

/** An email as text with line-break opportunities before "@" and after dots, so it wraps there, not mid-word. */
export function EmailText({ value }: { value: string }) {
  const parts = value.split(/(?=@)|(?<=\.)/);
  return (<>{parts.map((p, i) => <span key={i}>{i > 0 && <wbr />}{p}</span>)}</>);
}

/** Labels for LivePerson's engagement-attribute (SDE) keys; other keys are shown as they come. */
const SDE_LABELS: Readonly<Record<string, string>> = {
  cstatus: 'Customer status', ctype: 'Customer type', balance: 'Balance', currency: 'Currency',
  socialId: 'Social id', imei: 'IMEI', userName: 'User name', companySize: 'Company size',
  companyBranch: 'Company branch', accountName: 'Account name', role: 'Role', storeZipCode: 'Store ZIP code',
  storeNumber: 'Store number', lastPaymentDate: 'Last payment', registrationDate: 'Registered',
  loginStatus: 'Login status', gender: 'Gender', age: 'Age', language: 'Language', company: 'Company',
};

export function sdeLabel(key: string): string {
  return Object.prototype.hasOwnProperty.call(SDE_LABELS, key) ? (SDE_LABELS[key] as string) : visibleBidi(key);
}

export function ProfilePanel({ consumerId }: { consumerId: string }) {
  const lp = useLp();
  const [profile, setProfile] = useState<ConsumerProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setProfile(null);
    setError(null);
    lp.consumerProfile({ consumerId }).then((p) => live && setProfile(p)).catch((err: unknown) => live && setError(describeError(err)));
    return () => {
      live = false;
    };
  }, [lp, consumerId]);
  const name = profile ? [profile.firstName, profile.lastName].filter(Boolean).join(' ') : '';
  return (
    <section className="profile" aria-labelledby="profile-heading">
      <h2 id="profile-heading" className="section-title">Consumer</h2>
      {error && <p className="error" role="alert">Profile unavailable: {error}</p>}
      {!profile && !error && <p className="muted" role="status">Loading profile…</p>}
      {profile && (
        <dl className="profile-fields">
          <Row label="Name" value={name || undefined} />
          <Row label="Email" value={profile.email} email />
          <Row label="Phone" value={profile.phone} />
          <Row label="Customer id" value={profile.customerId} />
          {Object.entries(profile.extra ?? {}).map(([k, v]) => <Row key={k} label={sdeLabel(k)} value={v} />)}
          <Row label="Consumer id" value={profile.consumerId} />
        </dl>
      )}
    </section>
  );
}

export function SidePanel({ conversation }: { conversation: Conversation }) {
  const lp = useLp();
  const store = useStoreApi();
  const [open, setOpen] = useState(true);
  const [transfer, setTransfer] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const id = conversation.conversationId;
  const canAct = conversation.state === 'OPEN' && conversation.mine;
  const fail = useReportFailure();
  const closeRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  /** Set when the confirmation is left by Cancel / Escape / Yes: focus goes back to "Close conversation". */
  const backToClose = useRef(false);
  useEffect(() => setConfirmClose(false), [id]);
  useLayoutEffect(() => {
    if (confirmClose) confirmRef.current?.focus();
    else if (backToClose.current) closeRef.current?.focus();
    backToClose.current = false;
  }, [confirmClose]);
  const leaveConfirm = (): void => {
    backToClose.current = true;
    setConfirmClose(false);
  };

  return (
    <aside className={`side${open ? '' : ' collapsed'}`} aria-label="Consumer and actions">
      <button type="button" className="btn small side-toggle" aria-expanded={open} aria-controls="side-content" onClick={() => setOpen(!open)}>
        {open ? 'Hide details' : 'Details'}
      </button>
      {open && (
        <div id="side-content" className="side-content">
          <section className="actions" aria-labelledby="actions-heading">
            <h2 id="actions-heading" className="section-title">Actions</h2>
            {!canAct && <p className="muted">{conversation.state === 'CLOSE' ? 'Closed conversation.' : 'Not your conversation.'}</p>}
            {confirmClose ? (
              <div className="confirm" role="group" aria-label="Confirm close"
                onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); leaveConfirm(); } }}>
                <span>Close this conversation?</span>
                <button ref={confirmRef} type="button" className="btn danger" onClick={() => { leaveConfirm(); store.dispatch({ type: 'closing', conversationId: id }); lp.conversationClose({ conversationId: id }).catch(fail('Close failed')); }}>Yes, close</button>
                <button type="button" className="btn" onClick={leaveConfirm}>Cancel</button>
              </div>
            ) : (
              <button ref={closeRef} type="button" className="btn danger" disabled={!canAct} onClick={() => setConfirmClose(true)}>Close conversation</button>
            )}
            <button type="button" className="btn" disabled={!canAct} onClick={() => { lp.conversationBackToQueue({ conversationId: id }).catch(fail('Back to queue failed')); }}>Back to queue</button>
            <button type="button" className="btn" disabled={!canAct} onClick={() => setTransfer(true)}>Transfer…</button>
          </section>
          <ProfilePanel consumerId={conversation.consumerId} />
        </div>
      )}
      {transfer && <TransferDialog conversationId={id} currentSkillId={conversation.skillId} onClose={() => setTransfer(false)} />}
    </aside>
  );
}
