/**
 * The protocol's closed value lists and the input limits every entry point enforces (the IPC
 * contract's schemas and headless mode's commands alike). Plain data, no imports: safe to use from
 * any layer.
 */

/**
 * Agent availability (lp-protocol.md §6 "Availability": the schema lists ONLINE | AWAY | BACK_SOON |
 * OFFLINE, the SDK docs add OCCUPIED — we accept the union).
 */
export const AVAILABILITIES = ['ONLINE', 'AWAY', 'BACK_SOON', 'OFFLINE', 'OCCUPIED'] as const;

/** Chat states an agent may publish (lp-protocol.md §6, ChatStateEvent; BACKGROUND is consumer-only). */
export const CHAT_STATES = ['ACTIVE', 'INACTIVE', 'GONE', 'COMPOSING', 'PAUSE'] as const;

/**
 * Upper bounds on what a caller may hand the core. The protocol documents none (lp-protocol.md §8
 * only bounds error texts); these are generous ceilings that stop absurd input before it reaches
 * the socket, the same for the window and for headless mode.
 */
export const INPUT_LIMITS = {
  /** Ring, consumer and other opaque ids. A ring id embeds a conversation id plus account and time (§7). */
  idLength: 512,
  /** Conversation (dialog) ids are UUIDs in every observed frame (§7); 256 leaves ample room. */
  conversationIdLength: 256,
  /** Skill ids are short numeric strings (§7 `skillId`). */
  skillIdLength: 64,
  /** Sequences in one read receipt (AcceptStatusEvent `sequenceList`, §6): a long unread history fits. */
  readReceiptCount: 10_000,
  /** Characters in one text message (ContentEvent `message`, §6). */
  textLength: 100_000,
} as const;
