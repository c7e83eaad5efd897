/** Fault injection (SimFaults in api.ts). */
import type { SimFaults } from './api';
import { endSession } from './sessions';
import { closeSocket, terminateSocket } from './sockets';
import { type AgentSocket, type SimContext, freshFaults } from './state';

const always = (): boolean => true;

export function createFaults(ctx: SimContext, destroyConnections: () => void): SimFaults {
  const matching = (filter?: { username?: string }): AgentSocket[] =>
    [...ctx.sockets.values()].filter((s) => s.open && (!filter?.username || s.agent.username === filter.username));
  return {
    dropSockets(filter) {
      const list = matching(filter);
      for (const s of list) terminateSocket(ctx, s);
      ctx.log(`fault: dropped ${list.length} socket(s)`);
      return list.length;
    },
    closeSockets(code, reason = '', filter) {
      const list = matching(filter);
      for (const s of list) closeSocket(ctx, s, code, reason);
      return list.length;
    },
    refuseLogins(count, status = 401) { ctx.faults.refuseLogins = { count, status }; },
    delayLogins(ms) { ctx.faults.loginDelayMs = Math.max(0, ms); },
    failRefresh(count, status = 401) { ctx.faults.failRefresh = { count, status }; },
    expireTokens(opts = {}) {
      for (const s of ctx.sessions.values()) {
        if (!s.valid || (opts.username && s.agent.username !== opts.username)) continue;
        endSession(ctx, s, opts.closeCode ?? 4401, 'Token expired');
      }
      ctx.log('fault: tokens expired');
    },
    refuseUpgrades(count, status = 502) { ctx.faults.refuseUpgrades = { count, status }; },
    delayResponses(ms, match = always) { ctx.faults.delayResponses = ms > 0 ? { ms, match } : null; },
    dropResponses(count, match = always) { ctx.faults.dropResponses = { count, match }; },
    sendRaw(frame, filter) {
      const list = matching(filter);
      for (const s of list) s.ws.send(frame);
      return list.length;
    },
    down() {
      ctx.faults.down = true;
      for (const s of matching()) terminateSocket(ctx, s);
      destroyConnections();
      ctx.log('fault: server down');
    },
    up() {
      ctx.faults.down = false;
      ctx.log('fault: server up');
    },
    reset() {
      ctx.faults = freshFaults();
    },
  };
}
