/** Right pane: consumer profile and conversation actions (close, back to queue, transfer). Collapsible. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { en } from '../../src-preload/i18n/en';
import type { ConsumerProfile, Conversation } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { visibleBidi } from '../lib/text';
import { useLp, useReportFailure, useStoreApi } from '../state/hooks';
import { lazyDialog } from './lazy-dialog';

/** Transfer: its own chunk, loaded when first opened. */
const TransferDialog = lazyDialog(() => import('./TransferDialog').then((m) => m.TransferDialog), (t) => t('transfer.title'));

function Row({ label, value, email = false }: { label: string; value?: string; email?: boolean }) {
  if (!value) return null;
  return (<><dt>{label}</dt><dd dir="auto">{email ? <EmailText value={visibleBidi(value)} /> : visibleBidi(value)}</dd></>);
}

/** An email as text with line-break opportunities before "@" and after dots, so it wraps there, not mid-word. */
export function EmailText({ value }: { value: string }) {
  const parts = value.split(/(?=@)|(?<=\.)/);
  return (<>{parts.map((p, i) => <span key={i}>{i > 0 && <wbr />}{p}</span>)}</>);
}

type SdeKey = keyof typeof en.sde;
function isSdeKey(key: string): key is SdeKey {
  return Object.prototype.hasOwnProperty.call(en.sde, key);
}

/** The label for a LivePerson engagement-attribute (SDE) key from the catalogue (`sde.*`); other keys are shown as they come. */
export function sdeLabel(key: string, t: TFunction): string {
  return isSdeKey(key) ? t(`sde.${key}`) : visibleBidi(key);
}

export function ProfilePanel({ consumerId }: { consumerId: string }) {
  const lp = useLp();
  const { t } = useTranslation();
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
      <h2 id="profile-heading" className="section-title">{t('profile.heading')}</h2>
      {error && <p className="error" role="alert">{t('profile.unavailable', { error })}</p>}
      {!profile && !error && <p className="muted" role="status">{t('profile.loading')}</p>}
      {profile && (
        <dl className="profile-fields">
          <Row label={t('profile.name')} value={name || undefined} />
          <Row label={t('profile.email')} value={profile.email} email />
          <Row label={t('profile.phone')} value={profile.phone} />
          <Row label={t('profile.customerId')} value={profile.customerId} />
          {Object.entries(profile.extra ?? {}).map(([k, v]) => <Row key={k} label={sdeLabel(k, t)} value={v} />)}
          <Row label={t('profile.consumerId')} value={profile.consumerId} />
        </dl>
      )}
    </section>
  );
}

export function SidePanel({ conversation }: { conversation: Conversation }) {
  const lp = useLp();
  const store = useStoreApi();
  const { t } = useTranslation();
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
    <aside className={`side${open ? '' : ' collapsed'}`} aria-label={t('side.label')}>
      <button type="button" className="btn small side-toggle" aria-expanded={open} aria-controls="side-content" onClick={() => setOpen(!open)}>
        {open ? t('side.hide') : t('side.show')}
      </button>
      {open && (
        <div id="side-content" className="side-content">
          <section className="actions" aria-labelledby="actions-heading">
            <h2 id="actions-heading" className="section-title">{t('side.actions')}</h2>
            {!canAct && <p className="muted">{conversation.state === 'CLOSE' ? t('side.closed') : t('side.notYours')}</p>}
            {confirmClose ? (
              <div className="confirm" role="group" aria-label={t('side.confirmClose')}
                onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); leaveConfirm(); } }}>
                <span>{t('side.closeQuestion')}</span>
                <button ref={confirmRef} type="button" className="btn danger" onClick={() => { leaveConfirm(); store.dispatch({ type: 'closing', conversationId: id }); lp.conversationClose({ conversationId: id }).catch(fail(t('side.closeFailed'))); }}>{t('side.yesClose')}</button>
                <button type="button" className="btn" onClick={leaveConfirm}>{t('side.cancel')}</button>
              </div>
            ) : (
              <button ref={closeRef} type="button" className="btn danger" disabled={!canAct} onClick={() => setConfirmClose(true)}>{t('side.close')}</button>
            )}
            <button type="button" className="btn" disabled={!canAct} onClick={() => { lp.conversationBackToQueue({ conversationId: id }).catch(fail(t('side.backToQueueFailed'))); }}>{t('side.backToQueue')}</button>
            <button type="button" className="btn" disabled={!canAct} onClick={() => setTransfer(true)}>{t('side.transfer')}</button>
          </section>
          <ProfilePanel consumerId={conversation.consumerId} />
        </div>
      )}
      {transfer && <TransferDialog conversationId={id} currentSkillId={conversation.skillId} onClose={() => setTransfer(false)} />}
    </aside>
  );
}
