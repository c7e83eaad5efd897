/**
 * The composer: Enter sends, Shift+Enter is a newline; typing state published debounced
 * (COMPOSING on input, PAUSE after 3 s idle or on blur, ACTIVE on send); `/` opens canned responses.
 * The draft is kept by main per conversation (use-draft.ts).
 * "Private note" switches it to writing to agents and managers only (the whole composer changes
 * look and says so while on; no typing state is published for a note: the consumer would see it).
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChatState, Conversation } from '../../src-preload/api';
import type { CannedResponse } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { useLp, useSelector, useStoreApi } from '../state/hooks';
import { CannedPopup, cannedOptionId, filterCanned } from './CannedPopup';
import { AttachButton } from './files/AttachButton';
import { useFileSend } from './files/useFileSend';
import { useDraft } from './use-draft';

export const TYPING_IDLE_MS = 3_000;
const EMPTY_CANNED: CannedResponse[] = [];

/** The `/query` right before the caret, if any. */
function slashQuery(value: string, caret: number): { start: number; query: string } | null {
  const before = value.slice(0, caret);
  const m = /(^|\s)\/([^\s/]*)$/.exec(before);
  if (!m) return null;
  return { start: before.length - m[2]!.length - 1, query: m[2] ?? '' };
}

export function composerDisabledReason(c: Conversation, t: TFunction): string | null {
  if (c.state === 'CLOSE') return t('composer.closed');
  if (!c.mine) return t('composer.readOnly');
  return null;
}

function ComposerView({ conversation }: { conversation: Conversation }) {
  const lp = useLp();
  const { t } = useTranslation();
  const store = useStoreApi();
  const id = conversation.conversationId;
  const canned = useSelector((s) => s.settings?.cannedResponses ?? EMPTY_CANNED);
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [popupClosed, setPopupClosed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [privateNote, setPrivateNote] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const typingState = useRef<ChatState>('ACTIVE');
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const listId = useId();
  const hintId = useId();
  const disabledReason = composerDisabledReason(conversation, t);

  const publish = (state: ChatState): void => {
    if (typingState.current === state) return;
    // Writing a note is not typing to the consumer: in note mode only an earlier COMPOSING is ended.
    if (privateNote && (state === 'COMPOSING' || typingState.current !== 'COMPOSING')) return;
    typingState.current = state;
    void lp.conversationTyping({ conversationId: id, state }).catch(() => undefined);
  };
  const clearIdle = (): void => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = null;
  };

  // New conversation: fresh composer; leaving one with a half-typed message pauses it.
  useEffect(() => {
    setText('');
    setError(null);
    setPrivateNote(false);
    typingState.current = 'ACTIVE';
    return () => {
      if (idleTimer.current) clearTimeout(idleTimer.current);
      if (typingState.current === 'COMPOSING') void lp.conversationTyping({ conversationId: id, state: 'PAUSE' }).catch(() => undefined);
    };
  }, [lp, id]);

  // The half-typed text lives in main too: a reload of the window or a restart brings it back.
  useDraft(lp, id, text, setText, disabledReason === null);
  const textRef = useRef(text);
  useEffect(() => { textRef.current = text; }, [text]);
  const takeCaption = useCallback((): string => {
    const typed = textRef.current;
    textRef.current = ''; // several files at once: the caption goes with the first only
    setText('');
    setCaret(0);
    return typed;
  }, []);
  const files = useFileSend({ conversationId: id, disabled: disabledReason !== null, isPrivate: privateNote, takeCaption, onError: setError });

  const slash = popupClosed || disabledReason ? null : slashQuery(text, caret);
  const query = slash ? slash.query : null;
  const items = useMemo(() => (query !== null ? filterCanned(canned, query) : []), [query, canned]);
  const popupOpen = slash !== null;

  const onChange = (e: ChangeEvent<HTMLTextAreaElement>): void => {
    setText(e.target.value);
    setCaret(e.target.selectionStart ?? e.target.value.length);
    setActive(0);
    setPopupClosed(false);
    if (e.target.value.trim() === '') {
      clearIdle();
      publish('ACTIVE');
      return;
    }
    publish('COMPOSING');
    clearIdle();
    idleTimer.current = setTimeout(() => publish('PAUSE'), TYPING_IDLE_MS);
  };

  const insert = (item: CannedResponse): void => {
    if (!slash) return;
    const next = text.slice(0, slash.start) + item.text + text.slice(caret);
    const pos = slash.start + item.text.length;
    setText(next);
    setCaret(pos);
    setPopupClosed(true);
    requestAnimationFrame(() => ref.current?.setSelectionRange(pos, pos));
  };

  const send = (): void => {
    const body = text.trim();
    if (!body || disabledReason) return;
    setText('');
    setCaret(0);
    clearIdle();
    setError(null);
    lp.messageSend(privateNote ? { conversationId: id, text: body, private: true } : { conversationId: id, text: body }).then((m) => {
      store.dispatch({ type: 'event', name: 'message/upsert', data: m, at: Date.now() });
    }).catch((err: unknown) => {
      setError(t('composer.notSent', { error: describeError(err) }));
      setText((cur) => (cur === '' ? body : cur));
    });
    if (!privateNote) typingState.current = 'COMPOSING'; // ACTIVE is always sent after a message (§6 order)
    publish('ACTIVE');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (popupOpen) {
      if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(items.length - 1, a + 1)); return; }
      if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); return; }
      if (e.key === 'Escape') { e.preventDefault(); setPopupClosed(true); return; }
      if ((e.key === 'Enter' || e.key === 'Tab') && items[active]) { e.preventDefault(); insert(items[active]); return; }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <div className={`composer${privateNote ? ' composer-private' : ''}`} onDragOver={files.onDragOver} onDrop={files.onDrop}>
      {disabledReason && <p className="composer-disabled" id={hintId} role="status">{disabledReason}</p>}
      {error && <p className="composer-error" role="alert">{error}</p>}
      {!disabledReason && (
        <div className="composer-tools">
          <label className="composer-private-toggle">
            <input type="checkbox" role="switch" checked={privateNote} onChange={(e) => setPrivateNote(e.target.checked)} />
            {t('composer.privateNote')}
          </label>
          {privateNote && <span className="composer-private-hint" role="status">{t('composer.privateHint')}</span>}
          <AttachButton disabled={disabledReason !== null} onFiles={files.sendFiles} />
        </div>
      )}
      {popupOpen && <CannedPopup id={listId} items={items} active={active} onPick={insert} onHover={setActive} />}
      <div className="composer-row">
        <textarea
          ref={ref}
          className="composer-input"
          spellCheck
          aria-label={privateNote ? t('composer.privateLabel') : t('composer.message')}
          aria-describedby={disabledReason ? hintId : undefined}
          placeholder={disabledReason ? '' : privateNote ? t('composer.privatePlaceholder') : t('composer.placeholder')}
          value={text}
          disabled={disabledReason !== null}
          rows={3}
          role={popupOpen ? 'combobox' : undefined}
          aria-expanded={popupOpen ? true : undefined}
          aria-controls={popupOpen ? listId : undefined}
          aria-autocomplete={popupOpen ? 'list' : undefined}
          aria-activedescendant={popupOpen && items[active] ? cannedOptionId(listId, active) : undefined}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onPaste={files.onPaste}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onBlur={() => {
            clearIdle();
            if (typingState.current === 'COMPOSING') publish('PAUSE');
          }}
        />
        <button type="button" className="btn primary" onClick={send} disabled={disabledReason !== null || text.trim() === ''}>
          {privateNote ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </div>
  );
}

/** Memoised: it needs only the conversation's id, state and whether it is the agent's (a flood changes the rest many times a second). */
export const Composer = memo(ComposerView, (a, b) => a.conversation.conversationId === b.conversation.conversationId
  && a.conversation.state === b.conversation.state && a.conversation.mine === b.conversation.mine);
