/**
 * Sleep, lock and network changes → session.reconnectNow(reason): after them a socket may look open
 * and be dead, so reconnect rather than trust readyState. Electron's main process has no "online"
 * event: net.isOnline() is polled and a change to online triggers a reconnect.
 */
export interface PowerMonitorLike {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

export function watchPowerAndNetwork(deps: {
  powerMonitor: PowerMonitorLike;
  isOnline(): boolean;
  reconnect(reason: string): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  pollMs?: number;
}): () => void {
  const onResume = (): void => deps.reconnect('system resumed');
  const onUnlock = (): void => deps.reconnect('screen unlocked');
  deps.powerMonitor.on('resume', onResume);
  deps.powerMonitor.on('unlock-screen', onUnlock);
  let online = deps.isOnline();
  const poll = deps.setInterval(() => {
    const now = deps.isOnline();
    if (now && !online) deps.reconnect('network back online');
    online = now;
  }, deps.pollMs ?? 3000);
  return () => {
    deps.powerMonitor.removeListener('resume', onResume);
    deps.powerMonitor.removeListener('unlock-screen', onUnlock);
    deps.clearInterval(poll);
  };
}
