/**
 * Memory cap on one message's text (issue 17 item 4): a hostile or broken peer can send a message
 * of megabytes, and every copy (the session's list, events, the window's store, the DOM) would pay
 * for it. The core keeps the first MESSAGE_TEXT_KEPT characters and says how many it dropped; the
 * window shows a part of what is kept and "Show more" for the rest of it.
 */
import type { ChatMessage } from '../protocol/model';

/** Characters of one message's text kept in memory (64 Ki UTF-16 units; the agent's own input is bounded by INPUT_LIMITS.textLength). */
export const MESSAGE_TEXT_KEPT = 64 * 1024;

/** The text as kept, and how many characters were dropped (0 when it fits). Never splits a surrogate pair. */
export function capText(text: string, max = MESSAGE_TEXT_KEPT): { text: string; dropped: number } {
  if (text.length <= max) return { text, dropped: 0 };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate whose pair would be cut off
  return { text: text.slice(0, end), dropped: text.length - end };
}

/**
 * A message as kept: itself when its text fits (no copy: this runs once per message), else a copy
 * with the text capped (capText) and `truncatedChars` saying how many characters were dropped.
 */
export function capMessageText(msg: ChatMessage, max = MESSAGE_TEXT_KEPT): ChatMessage {
  if (msg.text.length <= max) return msg;
  const capped = capText(msg.text, max);
  return { ...msg, text: capped.text, truncatedChars: capped.dropped };
}
