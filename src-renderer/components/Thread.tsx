/** The conversation thread: virtualized messages (react-virtuoso), typing indicator, history on open, read marks. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Virtuoso } from 'react-virtuoso';
import type { ChatMessage, Conversation } from '../../src-main/lp/model';
import { useLp, useSelector, useStoreApi } from '../state/hooks';
import { consumerLabel, selectMessages } from '../state/selectors';
import { describeError } from '../lib/errors';
import { MessageItem } from './MessageItem';

/** How many rows are rendered before sizes are known (also what jsdom gets). */
export const INITIAL_ROWS = 30;

function unreadConsumerSequences(messages: readonly ChatMessage[], after: number): number[] {
  const out: number[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as ChatMessage;
    if (m.sequence === undefined) continue;
    if (m.sequence <= after) break;
    if (m.role === 'CONSUMER') out.push(m.sequence);
  }
  return out.reverse().slice(-10_000);
}

export function Thread({ conversation }: { conversation: Conversation }) {
  const lp = useLp();
  const store = useStoreApi();
  const id = conversation.conversationId;
  const selectList = useCallback((s: Parameters<typeof selectMessages>[0]) => selectMessages(s, id), [id]);
  const messages = useSelector(selectList);
  const typing = useSelector(useCallback((s) => s.typing[id]?.state === 'COMPOSING', [id]));
  const readUpTo = useRef(new Map<string, number>());
  // Re-checked when the window becomes visible again (messages that arrived while hidden get marked then).
  const [visibleTick, setVisibleTick] = useState(0);
  useEffect(() => {
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') setVisibleTick((t) => t + 1);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  const name = consumerLabel(conversation);

  // History on open.
  useEffect(() => {
    let live = true;
    lp.conversationHistory({ conversationId: id }).then((list) => {
      if (live) store.dispatch({ type: 'event', name: 'message/history', data: { conversationId: id, messages: list }, at: Date.now() });
    }).catch((err: unknown) => {
      if (live) store.dispatch({ type: 'banner/show', kind: 'error', text: `Could not load history: ${describeError(err)}` });
    });
    return () => {
      live = false;
    };
  }, [lp, store, id]);

  // Mark consumer messages read while the thread is visible.
  useEffect(() => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    const after = readUpTo.current.get(id) ?? -1;
    const seqs = unreadConsumerSequences(messages, after);
    if (seqs.length === 0) return;
    readUpTo.current.set(id, seqs[seqs.length - 1] as number);
    void lp.conversationRead({ conversationId: id, sequences: seqs }).catch(() => {
      readUpTo.current.set(id, after);
    });
  }, [lp, id, messages, visibleTick]);

  return (
    <section className="thread" aria-label={`Conversation with ${name}`}>
      {messages.length === 0 ? (
        <p className="empty">No messages yet.</p>
      ) : (
        <Virtuoso
          key={id}
          className="thread-list"
          role="log"
          aria-label="Messages"
          data={messages}
          initialItemCount={Math.min(messages.length, INITIAL_ROWS)}
          initialTopMostItemIndex={Math.max(0, messages.length - 1)}
          followOutput={(atBottom) => (atBottom ? 'smooth' : false)}
          computeItemKey={(index, m) => m.localId ?? `s${m.sequence ?? index}`}
          itemContent={(_index, m) => <MessageItem message={m} consumerName={name} />}
          increaseViewportBy={400}
        />
      )}
      <div className="typing" aria-live="polite">
        {typing ? <span className="typing-indicator">{name} is typing…</span> : null}
      </div>
    </section>
  );
}
