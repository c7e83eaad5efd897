/** The signed-in three-pane workspace, and the window-wide shortcuts (Alt+A / Alt+R). */
import { useEffect, useState } from 'react';
import { describeError } from '../lib/errors';
import { useLp, useSelector, useStoreApi } from '../state/hooks';
import { consumerLabel, selectRings, selectSelected } from '../state/selectors';
import { skillLabel, useSkillNames } from '../state/skills';
import { Banners } from './Banners';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { Header } from './Header';
import { RingQueue } from './RingQueue';
import { SettingsDialog } from './SettingsDialog';
import { SidePanel } from './SidePanel';
import { Thread } from './Thread';

/** The ring whose row holds focus, if any. */
function focusedRingId(): string | null {
  const el = document.activeElement?.closest('[data-ring-id]');
  return el?.getAttribute('data-ring-id') ?? null;
}

export function Workspace() {
  const lp = useLp();
  const store = useStoreApi();
  const selected = useSelector(selectSelected);
  const online = useSelector((s) => s.connection.phase === 'online');
  const skillNames = useSkillNames(lp, online);
  const [settingsOpen, setSettingsOpen] = useState(false);

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
      const fail = (err: unknown) => store.dispatch({ type: 'banner/show', kind: 'error', text: describeError(err) });
      if (isAccept) {
        store.dispatch({ type: 'select', conversationId: ring.conversationId });
        lp.ringAccept({ ringId: ring.ringId }).catch(fail);
      } else {
        lp.ringReject({ ringId: ring.ringId }).catch(fail);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lp, store]);

  return (
    <div className="workspace">
      <Header onOpenSettings={() => setSettingsOpen(true)} />
      <Banners />
      <div className="panes">
        <nav className="pane left" aria-label="Requests and conversations">
          <RingQueue skillNames={skillNames} />
          <ConversationList skillNames={skillNames} />
        </nav>
        <main className="pane center" aria-label="Conversation">
          {selected ? (
            <>
              <div className="thread-head">
                <h2 className="thread-title">{consumerLabel(selected)}</h2>
                <span className="muted">{skillLabel(skillNames, selected.skillId)}{selected.state === 'CLOSE' ? ' · closed' : ''}</span>
                {selected.state === 'CLOSE' && (
                  <button type="button" className="btn small" aria-label="Dismiss closed conversation" onClick={() => store.dispatch({ type: 'select', conversationId: null })}>
                    Dismiss
                  </button>
                )}
              </div>
              <Thread conversation={selected} />
              <Composer conversation={selected} />
            </>
          ) : (
            <div className="placeholder">
              <p>Select a conversation, or accept a waiting request.</p>
            </div>
          )}
        </main>
        {selected && <SidePanel conversation={selected} />}
      </div>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
