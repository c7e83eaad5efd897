/**
 * One message row: who, when, text, and for own messages the delivery state. A private message
 * (a manager's whisper, the agent's private note) is never drawn as a line to the consumer: its own
 * style and the words "Private — not visible to the consumer". Structured content and quick replies
 * are drawn as real UI (rich/RichContentView).
 * `t` and `lang` come from the thread (one `useTranslation` per thread: a hook per row cost ~0.2 ms of
 * every append, issue #15); a new language is a new `t`, so the memoised row draws itself again.
 */
import { memo } from 'react';
import type { TFunction } from 'i18next';
import type { ChatMessage } from '../../src-preload/api';
import { formatClock } from '../lib/time';
import { MessageText } from './MessageText';
import { FileMessage } from './files/FileMessage';
import { RichContentView } from './rich/RichContentView';

function deliveryText(m: ChatMessage, t: TFunction): string | null {
  switch (m.delivery) {
    case 'queued': return t('delivery.queued');
    case 'sending': return t('delivery.sending');
    case 'sent': return t('delivery.sent');
    case 'delivered': return t('delivery.delivered');
    case 'read': return t('delivery.read');
    case 'failed': return m.error ? t('delivery.failedWith', { error: m.error }) : t('delivery.failed');
    default: return null;
  }
}

export const PRIVATE_LABEL = 'Private — not visible to the consumer';

function sender(message: ChatMessage, consumerName: string, t: TFunction): string {
  if (message.private === true) return message.own ? t('message.youPrivate') : t('message.privateFrom');
  return message.role === 'CONSUMER' ? consumerName : message.role === 'SYSTEM' ? t('message.system') : message.own ? t('message.you') : t('message.agent');
}

export interface MessageItemProps { message: ChatMessage; consumerName: string; t: TFunction; lang: string }

export const MessageItem = memo(function MessageItem({ message, consumerName, t, lang }: MessageItemProps) {
  const isPrivate = message.private === true;
  const who = sender(message, consumerName, t);
  const delivery = message.own ? deliveryText(message, t) : null;
  // A private message is never styled as the agent's line to the consumer (no msg-own bubble, no consumer bubble).
  const cls = isPrivate
    ? `msg msg-private${message.own ? ' msg-private-own' : ''}${message.delivery === 'failed' ? ' msg-failed' : ''}`
    : `msg msg-${message.role.toLowerCase()}${message.own ? ' msg-own' : ''}${message.delivery === 'failed' ? ' msg-failed' : ''}`;
  return (
    <div className={cls} data-testid="message" data-private={isPrivate ? 'true' : undefined}>
      <div className="msg-meta">
        <span className="msg-who" title={who}>{who}</span>
        {isPrivate && <span className="msg-private-label">{PRIVATE_LABEL}</span>}
        <time className="msg-time" dateTime={new Date(message.timestamp).toISOString()}>{formatClock(message.timestamp, Date.now(), lang)}</time>
      </div>
      {message.file ? <FileMessage message={message} t={t} lang={lang} /> : !(message.rich?.root) && <MessageText text={message.text} t={t} lang={lang} />}
      {/* Structured content replaces its "[Rich content] …" description; a text with quick replies keeps its text. */}
      {message.rich && <RichContentView rich={message.rich} conversationId={message.conversationId} sequence={message.sequence} t={t} lang={lang} />}
      {message.truncatedChars !== undefined && message.truncatedChars > 0 && (
        <div className="msg-note muted small">{t('message.cut', { count: message.truncatedChars })}</div>
      )}
      {delivery && (
        <div className={`msg-delivery delivery-${message.delivery ?? 'none'}`} role={message.delivery === 'failed' ? 'alert' : undefined}>
          {delivery}
        </div>
      )}
    </div>
  );
});
