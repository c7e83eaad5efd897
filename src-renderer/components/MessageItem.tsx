/**
 * One message row: who, when, text, and for own messages the delivery state. A private message
 * (a manager's whisper, the agent's private note) is never drawn as a line to the consumer: its own
 * style and the words "Private — not visible to the consumer".
 */
import { memo } from 'react';
import type { ChatMessage } from '../../src-preload/api';
import { formatClock } from '../lib/time';
import { MessageText } from './MessageText';
import { FileMessage } from './files/FileMessage';

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

export const PRIVATE_LABEL = 'Private — not visible to the consumer';

function sender(message: ChatMessage, consumerName: string): string {
  if (message.private === true) return message.own ? 'You (private note)' : 'Private message from a manager or agent';
  return message.role === 'CONSUMER' ? consumerName : message.role === 'SYSTEM' ? 'System' : message.own ? 'You' : 'Agent';
}

export const MessageItem = memo(function MessageItem({ message, consumerName }: { message: ChatMessage; consumerName: string }) {
  const isPrivate = message.private === true;
  const who = sender(message, consumerName);
  const delivery = message.own ? deliveryText(message) : null;
  // A private message is never styled as the agent's line to the consumer (no msg-own bubble, no consumer bubble).
  const cls = isPrivate
    ? `msg msg-private${message.own ? ' msg-private-own' : ''}${message.delivery === 'failed' ? ' msg-failed' : ''}`
    : `msg msg-${message.role.toLowerCase()}${message.own ? ' msg-own' : ''}${message.delivery === 'failed' ? ' msg-failed' : ''}`;
  return (
    <div className={cls} data-testid="message" data-private={isPrivate ? 'true' : undefined}>
      <div className="msg-meta">
        <span className="msg-who" title={who}>{who}</span>
        {isPrivate && <span className="msg-private-label">{PRIVATE_LABEL}</span>}
        <time className="msg-time" dateTime={new Date(message.timestamp).toISOString()}>{formatClock(message.timestamp)}</time>
      </div>
      {message.file ? <FileMessage message={message} /> : <MessageText text={message.text} />}
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
