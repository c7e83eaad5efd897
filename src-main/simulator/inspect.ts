/** Read-only views of the simulator's state (SimInspect in api.ts). */
import type { SimInspect } from './api';
import { view } from './conversations';
import type { SimContext } from './state';

export function createInspect(ctx: SimContext): SimInspect {
  const sumOrOne = (m: Map<string, number>, username?: string): number =>
    username ? m.get(username) ?? 0 : [...m.values()].reduce((a, b) => a + b, 0);
  return {
    conversations: () => [...ctx.conversations.values()].map(view),
    conversation: (id) => { const c = ctx.conversations.get(id); return c ? view(c) : undefined; },
    messages: (id) => [...(ctx.conversations.get(id)?.events ?? [])],
    agentState: (username) => ctx.agentStates.get(username) ?? 'OFFLINE',
    requests: (filter) => ctx.requests.filter((r) => (!filter?.username || r.username === filter.username) && (!filter?.type || r.type === filter.type)),
    sockets: () => [...ctx.sockets.values()].filter((s) => s.open).map((s) => ({
      socketId: s.id,
      username: s.agent.username,
      subscriptions: [
        ...(s.routingSubId ? [`routing:${s.routingSubId}`] : []),
        ...[...s.exConvSubs.keys()].map((k) => `exConversations:${k}`),
        ...[...s.agentsStateSubs.keys()].map((k) => `agentsState:${k}`),
      ],
    })),
    loginCount: (username) => sumOrOne(ctx.loginCounts, username),
    refreshCount: (username) => sumOrOne(ctx.refreshCounts, username),
    logoutCount: (username) => sumOrOne(ctx.logoutCounts, username),
    files: () => [...ctx.files.values()].map((f) => ({ relativePath: f.relativePath, fileType: f.fileType, bytes: f.bytes ? new Uint8Array(f.bytes) : null })),
  };
}
