/**
 * The contract's names, without zod: what the sandboxed preload needs to build window.lp
 * (api.ts checks at compile time that these lists match its requests and events exactly).
 * Requests travel on `lp:req:<name>`, events on `lp:evt:<name>`.
 */
export const requestNames = [
  'app/state', 'session/snapshot', 'session/login', 'session/resume', 'session/start-demo', 'session/logout',
  'agent/set-availability', 'ring/accept', 'ring/reject', 'ring/accept-oldest', 'message/send',
  'conversation/typing', 'conversation/read', 'conversation/close', 'conversation/back-to-queue',
  'conversation/transfer', 'conversation/history', 'skills/list', 'consumer/profile', 'connection/retry-now',
  'settings/get', 'settings/set', 'diagnostics/get', 'diagnostics/export-logs', 'shell/open-external',
] as const;

export const eventNames = [
  'app/state', 'settings/changed', 'connection/state', 'agent/profile', 'agent/availability',
  'ring/offered', 'ring/updated', 'ring/ended', 'conversation/upsert', 'conversation/removed',
  'message/upsert', 'message/history', 'conversation/typing', 'message/receipt', 'app/error',
  'ui/focus', 'ui/banner',
] as const;

export const requestChannel = (name: (typeof requestNames)[number]): string => `lp:req:${name}`;
export const eventChannel = (name: (typeof eventNames)[number]): string => `lp:evt:${name}`;

/** `session/login` → `sessionLogin`, `ring/accept-oldest` → `ringAcceptOldest`. */
export function camel(name: string): string {
  return name.replace(/[/-]([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** `ring/offered` → `onRingOffered`. */
export function onName(name: string): string {
  const c = camel(name);
  return `on${c.charAt(0).toUpperCase()}${c.slice(1)}`;
}
