/** One message row: who, when, text, and for own messages the delivery state. */
import { memo } from 'react';
import type { ChatMessage } from '../../src-preload/api';
import { formatClock } from '../lib/time';
import { MessageText } from './MessageText';

function deliveryText(m: ChatMessage): string | null {
  switch (m.delivery) {
    case 'queued': return 'Queued — sends when back online';
    case 'sending': return 'Sending…';
    case 'sent': return 'Sent';
    case 'delivered': return 'Delivered';
    case 'read': return 'Read';
    case 'failed': return `Failed${m.error ? `: ${m.error}` : ''}`;
    default: return null;
  }
}

export const MessageItem = memo(function MessageItem({ message, consumerName }: { message: ChatMessage; consumerName: string }) {
  const who = message.role === 'CONSUMER' ? consumerName : message.role === 'SYSTEM' ? 'System' : message.own ? 'You' : 'Agent';
  const delivery = message.own ? deliveryText(message) : null;
  const cls = `msg msg-${message.role.toLowerCase()}${message.own ? ' msg-own' : ''}${message.delivery === 'failed' ? ' msg-failed' : ''}`;
  return (
    <div className={cls} data-testid="message">
      <div className="msg-meta">
        <span className="msg-who">{who}</span>
        <time className="msg-time" dateTime={new Date(message.timestamp).toISOString()}>{formatClock(message.timestamp)}</time>
      </div>
      <MessageText text={message.text} />
      {message.truncatedChars !== undefined && message.truncatedChars > 0 && (
        <div className="msg-note muted small">Message cut: its last {message.truncatedChars.toLocaleString()} characters were too long to keep.</div>
      )}
      {delivery && (
        <div className={`msg-delivery delivery-${message.delivery ?? 'none'}`} role={message.delivery === 'failed' ? 'alert' : undefined}>
          {delivery}
        </div>
      )}
    </div>
  );
});
