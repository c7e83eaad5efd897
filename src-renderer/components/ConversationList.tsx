/**
 * Open conversations as a listbox: arrow keys move, Enter selects, click selects. While the list has
 * focus its order is frozen (a choice that marks messages read, or a new message elsewhere, must not
 * move rows under the agent's cursor); new conversations join at the end; it re-sorts on blur. Each
 * shows how long the consumer has waited for an answer (amber, then red, past the thresholds:
 * response-time.ts), and the list can be sorted by urgency (the earliest deadline first).
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { byUrgency, DEFAULT_RESPONSE_THRESHOLDS, responseTimer, type Conversation, type ResponseThresholds } from '../../src-preload/api';
import { visibleBidi } from '../lib/text';
import { formatAgo, formatDuration } from '../lib/time';
import { shallowArrayEqual, useNow, useSelector, useStoreApi, useThrottled } from '../state/hooks';
import { consumerLabel, selectConversations } from '../state/selectors';
import { skillLabel } from '../state/skills';

function optionId(c: Conversation): string {
  return `conv-${c.conversationId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The row's class names (not text: kept out of the JSX so the literal-string lint sees only text). */
function convClass(c: Conversation, selected: boolean, active: boolean): string {
  return ['conv', selected ? 'selected' : '', active ? 'active' : '', c.state === 'CLOSE' ? 'closed' : ''].filter(Boolean).join(' ');
}

/**
 * How often, at most, the list re-sorts (newest activity first) while conversations keep changing:
 * under a flood of messages in many conversations the order changed every frame, and every row
 * moved in the page is laid out and its text shaped again: most of the window's work (issue #15).
 * An order change after a quiet REORDER_MS shows at once.
 */
export const REORDER_MS = 250;
/** Joins the ids of an order into one string (a value the throttle compares by ===). */
const ORDER_SEPARATOR = '\u0000';

/** `list` in the order of `frozen` (ids), those not in it after, in their own order. */
export function keepOrder(list: readonly Conversation[], frozen: readonly string[] | null): Conversation[] {
  if (!frozen) return [...list];
  const rank = new Map(frozen.map((id, i) => [id, i]));
  return [...list].sort((a, b) => (rank.get(a.conversationId) ?? Infinity) - (rank.get(b.conversationId) ?? Infinity));
}

/** The row's fixed words, looked up once per language (not per row and render: issue #15). */
interface RowWords {
  timerTitle: string;
  overdueWaiting: string;
  waiting: string;
  sinceLast: string;
  unread: string;
  closedSuffix: string;
  notYoursSuffix: string;
}

interface RowProps {
  c: Conversation;
  skill: string;
  selected: boolean;
  active: boolean;
  unreadCount: number;
  /** The clock for its times; 0 when the row shows none (so the 1 s tick does not redraw it). */
  now: number;
  thresholds: ResponseThresholds;
  words: RowWords;
  lang: string;
  onPick(id: string): void;
}

/**
 * One conversation. Memoised (issue #15): under a flood every frame changes a few conversations of
 * the list, and only their rows draw again (the list itself re-renders to order them).
 */
const ConversationRow = memo(function ConversationRow({ c, skill, selected, active, unreadCount, now, thresholds, words, lang, onPick }: RowProps) {
  const name = consumerLabel(c);
  const timer = responseTimer(c, now, thresholds);
  return (
    <li id={optionId(c)} role="option" aria-selected={selected} className={convClass(c, selected, active)} onClick={() => onPick(c.conversationId)}>
      <div className="conv-top">
        <span className="conv-consumer">{name}</span>
        {timer && (
          <span className={`conv-timer timer-${timer.level}`} data-testid="response-timer" data-level={timer.level} title={words.timerTitle}>
            <span className="sr-only">{timer.level === 'red' ? words.overdueWaiting : words.waiting}{' '}</span>
            {formatDuration(timer.waitingMs)}
          </span>
        )}
        {c.lastConsumerMessageTs !== undefined && (
          <span className="conv-ago" title={words.sinceLast}>{formatAgo(now - c.lastConsumerMessageTs, lang)}</span>
        )}
      </div>
      <div className="conv-bottom">
        <span className="conv-preview" dir="auto">{visibleBidi(c.lastMessagePreview ?? '')}</span>
        {unreadCount > 0 && <span className="badge" data-testid="conv-unread">{unreadCount}{' '}<span className="sr-only">{words.unread}</span></span>}
      </div>
      <div className="conv-skill">{skill}{c.state === 'CLOSE' ? words.closedSuffix : c.mine ? '' : words.notYoursSuffix}</div>
    </li>
  );
});

interface RowsProps {
  skillNames: Record<string, string>;
  sorted: readonly Conversation[];
  unread: Readonly<Record<string, number>>;
}

function ConversationRows({ skillNames, sorted, unread }: RowsProps) {
  const store = useStoreApi();
  const { t, i18n } = useTranslation();
  const [frozen, setFrozen] = useState<string[] | null>(null);
  // The order re-sorts at most once per REORDER_MS (a flood moved rows every frame); rows join,
  // leave and change what they show at once.
  const order = useThrottled(useMemo(() => sorted.map((c) => c.conversationId).join(ORDER_SEPARATOR), [sorted]), REORDER_MS);
  const all = useMemo(() => keepOrder(sorted, frozen ?? order.split(ORDER_SEPARATOR)), [sorted, frozen, order]);
  const amber = useSelector((s) => s.settings?.responseAmberSeconds ?? DEFAULT_RESPONSE_THRESHOLDS.amberSeconds);
  const red = useSelector((s) => s.settings?.responseRedSeconds ?? DEFAULT_RESPONSE_THRESHOLDS.redSeconds);
  const thresholds = useMemo<ResponseThresholds>(() => ({ amberSeconds: amber, redSeconds: red }), [amber, red]);
  const [urgentFirst, setUrgentFirst] = useState(false);
  const selected = useSelector((s) => s.selectedConversationId);
  const focus = useSelector((s) => s.focus);
  // Ticks only while some row shows a time (since the consumer's last message, or a response timer).
  const now = useNow(all.some((c) => c.lastConsumerMessageTs !== undefined || c.awaitingReplySince !== undefined));
  const list = useMemo(() => (urgentFirst ? byUrgency(all, now, thresholds) : all), [urgentFirst, all, now, thresholds]);
  const [active, setActive] = useState<string | null>(null);
  const ref = useRef<HTMLUListElement>(null);

  const activeId = active && list.some((c) => c.conversationId === active) ? active : selected ?? list[0]?.conversationId ?? null;
  const select = (id: string): void => store.dispatch({ type: 'select', conversationId: id });
  // Stable, so a memoised row redraws only when what it shows changed.
  const pick = useCallback((id: string): void => {
    setActive(id);
    store.dispatch({ type: 'select', conversationId: id });
  }, [store]);
  const words = useMemo<RowWords>(() => ({
    timerTitle: t('conversations.timerTitle'),
    overdueWaiting: t('conversations.overdueWaiting'),
    waiting: t('conversations.waiting'),
    sinceLast: t('conversations.sinceLast'),
    unread: t('conversations.unread'),
    closedSuffix: t('workspace.closedSuffix'),
    notYoursSuffix: t('workspace.notYoursSuffix'),
  }), [t]);

  useEffect(() => {
    if (focus?.conversationId) {
      setActive(focus.conversationId);
      ref.current?.focus();
    }
  }, [focus]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    const i = list.findIndex((c) => c.conversationId === activeId);
    let next: number;
    if (e.key === 'ArrowDown') next = Math.min(list.length - 1, i + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    else if ((e.key === 'Enter' || e.key === ' ') && activeId) {
      e.preventDefault();
      select(activeId);
      return;
    } else return;
    e.preventDefault();
    const c = list[next];
    if (c) setActive(c.conversationId);
  };

  const activeConv = list.find((c) => c.conversationId === activeId);
  return (
    <section className="pane-section conversations" aria-labelledby="conv-heading">
      <h2 id="conv-heading" className="section-title">
        {t('conversations.heading')} <span className="count">{list.length}</span>
        <button type="button" className="link-button conv-sort" aria-pressed={urgentFirst} onClick={() => setUrgentFirst((u) => !u)}
          title={t('conversations.sortTitle')}>
          {urgentFirst ? t('conversations.mostUrgentFirst') : t('conversations.sortByUrgency')}
        </button>
      </h2>
      {list.length === 0 ? (
        <p className="empty">{t('conversations.empty')}</p>
      ) : (
        <ul
          ref={ref}
          role="listbox"
          tabIndex={0}
          aria-labelledby="conv-heading"
          aria-activedescendant={activeConv ? optionId(activeConv) : undefined}
          className="conv-list"
          onKeyDown={onKeyDown}
          // Frozen as shown (the throttled order), so the row under a click does not move between its
          // mousedown (which focuses the list) and its mouseup.
          onFocus={() => setFrozen((f) => f ?? order.split(ORDER_SEPARATOR))}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFrozen(null);
          }}
        >
          {list.map((c) => (
            <ConversationRow key={c.conversationId} c={c} skill={skillLabel(skillNames, c.skillId)} selected={c.conversationId === selected}
              active={c.conversationId === activeId} unreadCount={Math.max(unread[c.conversationId] ?? 0, c.unread)}
              now={c.lastConsumerMessageTs !== undefined || c.awaitingReplySince !== undefined ? now : 0}
              thresholds={thresholds} words={words} lang={i18n.language} onPick={pick} />
          ))}
        </ul>
      )}
    </section>
  );
}

const ConversationRowsMemo = memo(ConversationRows);

/**
 * The conversations and unread counts as deferred values (React's useDeferredValue): a new message
 * re-renders only this at once; the rows redraw in a non-urgent render that a key press interrupts
 * (issue #15: the agent's typing is painted before the flood's list updates).
 * Memoised: its props are stable, it reads what it shows from the store (a flood re-rendered it with the Workspace, issue #15).
 */
export const ConversationList = memo(function ConversationList({ skillNames }: { skillNames: Record<string, string> }) {
  const sorted = useDeferredValue(useSelector(selectConversations, shallowArrayEqual));
  const unread = useDeferredValue(useSelector((s) => s.unread.counts));
  return <ConversationRowsMemo skillNames={skillNames} sorted={sorted} unread={unread} />;
});
