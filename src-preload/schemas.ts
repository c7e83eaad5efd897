/**
 * The contract's runtime schemas: the building blocks its request entries (api.ts) assemble their
 * argument schemas from, and the settings schema. Only main loads this file (zod is ~450 kB
 * minified): the preload and the renderer take names and types from api.ts, which imports this file
 * for types only. Values and limits come from the core's vocabulary, shared with headless mode.
 */
import { z } from 'zod';
import { AVAILABILITIES, CHAT_STATES, INPUT_LIMITS } from '../src-main/lp/index';

export const cannedResponseSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(120),
  text: z.string().min(1).max(10_000),
}).strict();
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

/** User settings (non-secret), persisted by main in electron-store. */
export const settingsSchema = z.object({
  notifications: z.boolean(),
  sound: z.boolean(),
  onlyWhenUnfocused: z.boolean(),
  closeToTray: z.boolean(),
  /** Closing the window with open conversations: ask (once), keep running in the tray, or sign out and quit. */
  closeWithOpenConversations: z.enum(['ask', 'tray', 'quit']),
  launchAtLogin: z.boolean(),
  /** Electron accelerator for "accept the oldest ring", or null for none. */
  acceptOldestShortcut: z.string().max(64).nullable(),
  theme: z.enum(['system', 'light', 'dark']),
  cannedResponses: z.array(cannedResponseSchema).max(500),
}).strict();
export type Settings = z.infer<typeof settingsSchema>;

/** What every request entry's `args` builder receives: zod itself and the shared value schemas. */
export const schemaKit = {
  z,
  /** No argument (or an empty object). */
  empty: z.object({}).strict().optional(),
  id: z.string().min(1).max(INPUT_LIMITS.idLength),
  conversationId: z.string().min(1).max(INPUT_LIMITS.conversationIdLength),
  skillId: z.string().min(1).max(INPUT_LIMITS.skillIdLength),
  text: z.string().min(1).max(INPUT_LIMITS.textLength),
  sequences: z.array(z.number().int().nonnegative()).min(1).max(INPUT_LIMITS.readReceiptCount),
  availability: z.enum(AVAILABILITIES),
  chatState: z.enum(CHAT_STATES),
  settings: settingsSchema,
};
export type SchemaKit = typeof schemaKit;
