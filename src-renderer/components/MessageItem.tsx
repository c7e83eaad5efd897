/** One message row: who, when, text, and for own messages the delivery state. */
import { memo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../src-preload/api';
import { formatClock } from '../lib/time';
import { MessageText } from './MessageText';

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

export const MessageItem = memo(function MessageItem({ message, consumerName }: { message: ChatMessage; consumerName: string }) {
  const { t, i18n } = useTranslation();
  const who = message.role === 'CONSUMER' ? consumerName : message.role === 'SYSTEM' ? t('message.system') : message.own ? t('message.you') : t('message.agent');
  const delivery = message.own ? deliveryText(message, t) : null;
  const cls = `msg msg-${message.role.toLowerCase()}${message.own ? ' msg-own' : ''}${message.delivery === 'failed' ? ' msg-failed' : ''}`;
  return (
    <div className={cls} data-testid="message">
      <div className="msg-meta">
        <span className="msg-who">{who}</span>
        <time className="msg-time" dateTime={new Date(message.timestamp).toISOString()}>{formatClock(message.timestamp, Date.now(), i18n.language)}</time>
      </div>
      <MessageText text={message.text} />
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
