/**
 * The conversation thread: virtualized messages (react-virtuoso), typing indicator, history on open, read marks.
 * The list is not live (virtualized rows re-mount on scroll and would be read again); a hidden polite region
 * announces new consumer messages instead.
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Virtuoso } from 'react-virtuoso';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChatMessage, Conversation } from '../../src-preload/api';
import { useLp, useReportFailure, useSelector, useStoreApi } from '../state/hooks';
import { consumerLabel, selectMessages } from '../state/selectors';
import { visibleBidi } from '../lib/text';
import { alertsAgent } from '../state/messages';
import { rememberingT } from '../i18n';
import { MessageItem } from './MessageItem';

/** Within this distance of the bottom the thread counts as "at the bottom" and follows new messages. */
export const FOLLOW_THRESHOLD_PX = 120;

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

/** Follows new messages while the agent is at (or near) the bottom. Instant, not 'smooth': under a flood a
 * smooth scroll was still under way when the next message came, the list no longer counted as at the
 * bottom and stopped following for good (flood bench). */
const followOutput = (atBottom: boolean): 'auto' | false => (atBottom ? 'auto' : false);
const messageKey = (index: number, m: ChatMessage): string => m.localId ?? `s${m.sequence ?? index}`;

/** How much of a new consumer message is announced. */
export const ANNOUNCE_CHARS = 100;

/** Identity of a message for "seen already" (list positions move as history merges in). */
function seenKey(m: ChatMessage): string {
  return m.localId ?? (m.sequence !== undefined ? `s${m.sequence}` : `t${m.timestamp}:${m.text.length}`);
}

/**
 * "New message from Ada: …" (the first ANNOUNCE_CHARS characters, whitespace collapsed); several at
 * once are counted. A whisper is announced as private, never as the consumer's.
 */
export function newMessagesAnnouncement(name: string, fresh: readonly ChatMessage[], t: TFunction): string {
  const last = fresh[fresh.length - 1];
  if (!last) return '';
  const chars = Array.from(visibleBidi(last.text).replace(/\s+/g, ' ').trim());
  const text = chars.length > ANNOUNCE_CHARS ? `${chars.slice(0, ANNOUNCE_CHARS).join('')}…` : chars.join('');
  if (fresh.length === 1 && last.private === true) return t('thread.newPrivate', { name, text });
  if (fresh.length === 1) return t('thread.newMessage', { name, text });
  return fresh.some((m) => m.private === true)
    ? t('thread.newMessagesIn', { count: fresh.length, name, text })
    : t('thread.newMessages', { count: fresh.length, name, text });
}

/**
 * The hidden polite region. Its own component, so an announcement re-renders only this, not the
 * thread; each change looks only at the tail past the newest message it already knew (live messages
 * arrive there; history merged in below it is not news), so an append costs O(new), not O(thread).
 * Mounted per conversation (the Thread is keyed by conversation): what is on screen when a thread
 * opens, or the history that first fills it, is not announced.
 */
function MessageAnnouncer({ messages, name, t }: { messages: readonly ChatMessage[]; name: string; t: TFunction }) {
  const known = useRef<Set<string> | null>(null);
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  useEffect(() => {
    const last = messages[messages.length - 1];
    if (!last) return;
    if (known.current === null) {
      // The first messages this thread shows (on screen, or the history that opened it) are not news.
      known.current = new Set([seenKey(last)]);
      return;
    }
    const keys = known.current;
    const fresh: ChatMessage[] = [];
    for (let i = messages.length - 1; i >= 0; i -= 1) {
      const m = messages[i]!;
      const key = seenKey(m);
      if (keys.has(key)) break;
      keys.add(key);
      if (alertsAgent(m)) fresh.unshift(m);
    }
    if (fresh.length > 0) setAnnouncement((a) => ({ text: newMessagesAnnouncement(name, fresh, t), n: a.n + 1 }));
  }, [messages, name, t]);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="message-announcer">
      {announcement.text && <span key={announcement.n}>{announcement.text}</span>}
    </div>
  );
}

/** "N earlier messages are not shown. Show earlier messages": its own component, so the count it
 * follows (it grows with every message once a long thread is past the store's window) re-renders only this. */
function EarlierNote({ id, t, showEarlier }: { id: string; t: TFunction; showEarlier(): void }) {
  const notKept = useSelector(useCallback((s) => s.messageWindows[id]?.notKept ?? 0, [id]));
  return (
    <div className="thread-earlier muted small">
      {notKept > 0 && (
        <>
          {t('thread.notKept', { count: notKept })}{' '}
          <button type="button" className="link-button" onClick={showEarlier}>{t('thread.showEarlier')}</button>
        </>
      )}
    </div>
  );
}

/** "Ada is typing…", apart for the same reason. */
function TypingNote({ id, name, t }: { id: string; name: string; t: TFunction }) {
  const typing = useSelector(useCallback((s) => s.typing[id]?.state === 'COMPOSING', [id]));
  return (
    <div className="typing" aria-live="polite">
      {typing ? <span className="typing-indicator">{t('thread.typing', { name })}</span> : null}
    </div>
  );
}

interface MessagesProps { id: string; name: string; t: TFunction; lang: string; label: string; empty: string }

/**
 * The thread's messages as a deferred value (React's useDeferredValue): a new message re-renders
 * only this at once (nothing to draw: MessageList below is memoised and still has the old list);
 * the list itself draws in a non-urgent render that React interrupts for a key press, so typing
 * is painted first and the flood after it (issue #15: under a flood, each frame's list render
 * ran before the frame that showed the agent's key).
 */
function ThreadMessages(props: MessagesProps) {
  const { id } = props;
  const selectList = useCallback((s: Parameters<typeof selectMessages>[0]) => selectMessages(s, id), [id]);
  const messages = useDeferredValue(useSelector(selectList));
  return <MessageList {...props} messages={messages} />;
}

/**
 * The messages (virtualized), the announcer and read marks: the part that renders on every new
 * message. It takes `t`, `lang` and its words from the thread (no `useTranslation` of its own: on a
 * re-render that hook alone cost more than the row it adds) and hands `t` to its rows.
 */
const MessageList = memo(function MessageList({ id, name, t, lang, label, empty, messages }: MessagesProps & { messages: readonly ChatMessage[] }) {
  const lp = useLp();
  const readUpTo = useRef(new Map<string, number>());
  // Re-checked when the window becomes visible again (messages that arrived while hidden get marked then).
  const [visibleTick, setVisibleTick] = useState(0);
  useEffect(() => {
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') setVisibleTick((n) => n + 1);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  // The same function unless the rows must draw again (a new name or language).
  const itemContent = useCallback((_index: number, m: ChatMessage) => <MessageItem message={m} consumerName={name} t={t} lang={lang} />, [name, t, lang]);

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
    <>
      {messages.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <Virtuoso
          className="thread-list"
          role="log"
          aria-live="off"
          aria-label={label}
          data={messages}
          initialItemCount={Math.min(messages.length, INITIAL_ROWS)}
          initialTopMostItemIndex={Math.max(0, messages.length - 1)}
          followOutput={followOutput}
          atBottomThreshold={FOLLOW_THRESHOLD_PX}
          computeItemKey={messageKey}
          itemContent={itemContent}
          increaseViewportBy={400}
        />
      )}
      <MessageAnnouncer messages={messages} name={name} t={t} />
    </>
  );
});

/**
 * One conversation's thread. Mount it keyed by the conversation id (Workspace does): the list, its
 * scroll position and the announcer belong to one conversation. (The list and the announcer used to
 * be keyed by the same id as siblings: duplicate keys, and React left the previous conversation's
 * list in the page beside the new one.)
 * The thread takes `t` once and hands it down to its rows (MessageItem and all below it): a
 * `useTranslation` per row subscribed each one to i18next and copied the i18n instance on mount
 * (issue #15); a language change gives a new `t`, and every memoised row draws itself again. That `t`
 * remembers its texts (rememberingT: "You", "Read"… are worked out once, not per row). This
 * part renders on a new language or name, not on a new message (ThreadMessages does).
 */
function ThreadView({ conversation }: { conversation: Conversation }) {
  const lp = useLp();
  const store = useStoreApi();
  const report = useReportFailure();
  const { t: plainT, i18n } = useTranslation();
  const t = rememberingT(plainT);
  const lang = i18n.language;
  const id = conversation.conversationId;
  const name = consumerLabel(conversation);
  const words = useMemo(() => ({ with: t('thread.with', { name }), messages: t('thread.messages'), empty: t('thread.empty') }), [t, name]);
  const [earlierRequests, setEarlierRequests] = useState(0);

  // History on open, and again when the agent asks for earlier messages (the store keeps only the
  // newest ones of a long conversation; main answers the whole history, asking LivePerson for what it let go).
  useEffect(() => {
    let live = true;
    lp.conversationHistory({ conversationId: id }).then((list) => {
      if (live) store.dispatch({ type: 'event', name: 'message/history', data: { conversationId: id, messages: list }, at: Date.now() });
    }).catch((err: unknown) => {
      if (live) report(t('thread.historyFailed'))(err);
    });
    return () => {
      live = false;
    };
  }, [lp, store, report, id, earlierRequests, t]);
  const showEarlier = useCallback((): void => {
    store.dispatch({ type: 'messages/show-earlier', conversationId: id });
    setEarlierRequests((n) => n + 1);
  }, [store, id]);

  return (
    <section className="thread" aria-label={words.with} tabIndex={-1}>
      <EarlierNote id={id} t={t} showEarlier={showEarlier} />
      <ThreadMessages id={id} name={name} t={t} lang={lang} label={words.messages} empty={words.empty} />
      <TypingNote id={id} name={name} t={t} />
    </section>
  );
}

/**
 * Memoised: the Workspace still re-renders when what it draws of the conversation on screen changes
 * (sameShownConversation), and a thread needs only its id and the consumer's name; its
 * messages come from its own selectors (issue #15: a flood re-rendered the whole thread each frame).
 */
export const Thread = memo(ThreadView, (a, b) => a.conversation.conversationId === b.conversation.conversationId
  && a.conversation.consumerName === b.conversation.consumerName && a.conversation.consumerId === b.conversation.consumerId);
