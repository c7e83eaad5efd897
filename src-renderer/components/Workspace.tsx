/** The signed-in three-pane workspace, and the window-wide shortcuts (Alt+A / Alt+R). */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLp, useReportFailure, useSelector, useStoreApi } from '../state/hooks';
import { consumerLabel, sameShownConversation, selectRings, selectSelected } from '../state/selectors';
import { skillLabel, useSkillNames } from '../state/skills';
import { Banners } from './Banners';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { conversationFocusTargets, focusFirst, focusIsLost, FocusContext, type FocusCoordinator } from './focus';
import { Header } from './Header';
import { lazyDialog } from './lazy-dialog';
import { RingQueue } from './RingQueue';
import { SidePanel } from './SidePanel';
import { SoundPlayer } from './SoundPlayer';
import { Thread } from './Thread';

/** Settings (with Diagnostics, canned responses, network, sounds): its own chunk, loaded when first opened. */
const SettingsDialog = lazyDialog(() => import('./SettingsDialog').then((m) => m.SettingsDialog), (t) => t('settings.title'));

/** The ring whose row holds focus, if any. */
function focusedRingId(): string | null {
  const el = document.activeElement?.closest('[data-ring-id]');
  return el?.getAttribute('data-ring-id') ?? null;
}

export function Workspace() {
  const lp = useLp();
  const { t } = useTranslation();
  const store = useStoreApi();
  // Only what the workspace draws of it (sameShownConversation): a new message in it does not re-render the workspace.
  const selected = useSelector(selectSelected, sameShownConversation);
  const online = useSelector((s) => s.connection.phase === 'online');
  const skillNames = useSkillNames(online);
  const report = useReportFailure();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsSection, setSettingsSection] = useState<'settings' | 'diagnostics'>('settings');
  // Stable, so the memoised Header is not re-rendered by every change of the conversation on screen.
  const openSettings = useCallback(() => setSettingsOpen(true), []);
  const openPanel = useSelector((s) => s.openPanel);
  const selectedId = useSelector((s) => s.selectedConversationId);
  const shownId = selected?.conversationId ?? null;
  const mainRef = useRef<HTMLElement>(null);
  /** A ring accepted from this window whose conversation should take focus once it shows. */
  const pendingAccept = useRef<{ ringId: string; conversationId: string } | null>(null);
  const shownBefore = useRef<string | null>(null);

  const focus = useMemo<FocusCoordinator>(() => ({
    accepted(ringId, conversationId) {
      pendingAccept.current = { ringId, conversationId };
    },
    acceptFailed(ringId) {
      if (pendingAccept.current?.ringId === ringId) pendingAccept.current = null;
    },
    isAccepting: (ringId) => pendingAccept.current?.ringId === ringId,
    focusAccepted() {
      const p = pendingAccept.current;
      const showing = p !== null && selectSelected(store.getState())?.conversationId === p.conversationId;
      if (showing) pendingAccept.current = null;
      // Not showing yet: the main region holds focus until it does (then the effect below moves it on).
      focusFirst(...(showing ? conversationFocusTargets() : [mainRef.current]));
    },
  }), [store]);

  // The accepted conversation showed: its composer takes focus, unless the agent has put focus elsewhere.
  useLayoutEffect(() => {
    const p = pendingAccept.current;
    if (!p) return;
    if (selectedId !== p.conversationId) {
      pendingAccept.current = null; // the agent moved on
      return;
    }
    if (shownId !== p.conversationId) return;
    pendingAccept.current = null;
    const a = document.activeElement;
    const free = focusIsLost() || a === mainRef.current || a?.closest('[data-ring-id]')?.getAttribute('data-ring-id') === p.ringId;
    if (free) focusFirst(...conversationFocusTargets());
  }, [selectedId, shownId]);

  // The conversation on screen went (dismissed, closed, transferred) and took focus with it.
  useLayoutEffect(() => {
    const before = shownBefore.current;
    shownBefore.current = shownId;
    if (before === null || shownId !== null || !focusIsLost()) return;
    // While an accepted conversation is on its way the main region holds focus for it; else the list.
    if (pendingAccept.current) focusFirst(mainRef.current);
    else focusFirst(document.querySelector<HTMLElement>('.conv-list[role="listbox"]'), mainRef.current);
  }, [shownId]);

  // The application menu's Settings… / Diagnostics… (ui/open).
  useEffect(() => {
    if (!openPanel) return;
    setSettingsSection(openPanel.panel);
    setSettingsOpen(true);
  }, [openPanel]);
  // Main counts unread messages; it clears the conversation on screen while the window is focused.
  useEffect(() => {
    let current = true;
    lp.attentionViewing({ conversationId: shownId })
      .then((unread) => current && store.dispatch({ type: 'unread', unread }))
      .catch(report('Unread counts'));
    return () => {
      current = false;
    };
  }, [lp, store, shownId, report]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'a' && key !== 'r' && e.code !== 'KeyA' && e.code !== 'KeyR') return;
      const isAccept = key === 'a' || e.code === 'KeyA';
      const rings = selectRings(store.getState());
      const ring = rings.find((r) => r.ringId === focusedRingId()) ?? rings[0];
      if (!ring) return;
      e.preventDefault();
      const fail = report();
      if (isAccept) {
        focus.accepted(ring.ringId, ring.conversationId);
        store.dispatch({ type: 'select', conversationId: ring.conversationId });
        lp.ringAccept({ ringId: ring.ringId }).catch((err: unknown) => {
          focus.acceptFailed(ring.ringId);
          fail(err);
        });
      } else {
        lp.ringReject({ ringId: ring.ringId }).catch(fail);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lp, store, focus, report]);

  return (
    <FocusContext.Provider value={focus}>
      <div className="workspace">
        <SoundPlayer />
        <Header onOpenSettings={openSettings} />
        <Banners />
        <div className="panes">
          <nav className="pane left" aria-label={t('workspace.leftPane')}>
            <RingQueue skillNames={skillNames} />
            <ConversationList skillNames={skillNames} />
          </nav>
          <main ref={mainRef} className="pane center" aria-label={t('workspace.conversation')} tabIndex={-1}>
            {selected ? (
              <>
                <div className="thread-head">
                  <h2 className="thread-title" title={consumerLabel(selected)}>{consumerLabel(selected)}</h2>
                  <span className="muted">{skillLabel(skillNames, selected.skillId)}{selected.state === 'CLOSE' ? t('workspace.closedSuffix') : ''}</span>
                  {selected.state === 'CLOSE' && (
                    <button type="button" className="btn small" aria-label={t('workspace.dismissLabel')} onClick={() => store.dispatch({ type: 'select', conversationId: null })}>
                      {t('workspace.dismiss')}
                    </button>
                  )}
                </div>
                {/* Keyed: a thread (list, scroll position, announcer) belongs to one conversation. */}
                <Thread key={selected.conversationId} conversation={selected} />
                <Composer conversation={selected} />
              </>
            ) : (
              <div className="placeholder">
                <p>{t('workspace.placeholder')}</p>
              </div>
            )}
          </main>
          {selected && <SidePanel conversation={selected} />}
        </div>
        {settingsOpen && <SettingsDialog section={settingsSection} onClose={() => { setSettingsOpen(false); setSettingsSection('settings'); }} />}
      </div>
    </FocusContext.Provider>
  );
}
