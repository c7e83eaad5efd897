/**
 * Every event the contract defines, as a runtime list — kept here (checked against the contract at
 * compile time) so the renderer bundle does not pull in the contract's zod schemas.
 */
import type { EventName } from '../../src-preload/api';

export const EVENT_NAMES = [
  'app/state', 'settings/changed', 'connection/state', 'agent/profile', 'agent/availability',
  'ring/offered', 'ring/updated', 'ring/ended', 'conversation/upsert', 'conversation/removed',
  'message/upsert', 'message/history', 'conversation/typing', 'message/receipt', 'app/error',
  'ui/focus', 'ui/banner',
] as const satisfies readonly EventName[];

// Compile-time: the list names every contract event (a new event fails the build until listed).
type Missing = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const _allListed: [Missing] extends [never] ? true : never = true;
void _allListed;

/** `ring/offered` → `onRingOffered` (the preload's naming). */
export function onName(name: string): string {
  const c = name.replace(/[/-]([a-z])/g, (_m, ch: string) => ch.toUpperCase());
  return `on${c.charAt(0).toUpperCase()}${c.slice(1)}`;
}
