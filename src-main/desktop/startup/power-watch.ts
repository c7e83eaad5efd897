/**
 * Phase 7: sleep, screen unlock and the network coming back make the current session reconnect
 * (power.ts decides when; lp-protocol.md §4: nothing survives a socket, so reconnect rather than
 * trust an old one). Logged with the reason.
 */
import type { ModeManager } from '../modes';
import { watchPowerAndNetwork, type PowerMonitorLike } from '../power';

export function watchConnectivity(deps: {
  powerMonitor: PowerMonitorLike;
  net: { isOnline(): boolean };
  modes: Pick<ModeManager, 'current'>;
  log(message: string): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}): () => void {
  return watchPowerAndNetwork({
    powerMonitor: deps.powerMonitor,
    isOnline: () => deps.net.isOnline(),
    reconnect: (reason) => {
      deps.log(`reconnecting: ${reason}`);
      deps.modes.current().session?.reconnectNow(reason);
    },
    setInterval: deps.setInterval,
    clearInterval: deps.clearInterval,
  });
}
