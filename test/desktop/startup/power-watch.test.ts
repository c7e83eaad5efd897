import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchConnectivity } from '../../../src-main/desktop/startup/power-watch';
import { FakeSession } from '../fakes';
import { FakeModes } from './fakes';

describe('watchConnectivity', () => {
  it('resume, unlock and the network coming back reconnect the current session, with the reason logged', () => {
    const powerMonitor = new EventEmitter();
    const modes = new FakeModes();
    const session = new FakeSession();
    modes.switchTo(session);
    let online = false;
    let poll: (() => void) | undefined;
    const lines: string[] = [];
    const stop = watchConnectivity({
      powerMonitor, net: { isOnline: () => online }, modes, log: (l) => lines.push(l),
      setInterval: (fn) => { poll = fn; return 1; }, clearInterval: () => { poll = undefined; },
    });
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    online = true;
    poll?.();
    expect(session.calls).toEqual([['reconnectNow', 'system resumed'], ['reconnectNow', 'screen unlocked'], ['reconnectNow', 'network back online']]);
    expect(lines).toEqual(['reconnecting: system resumed', 'reconnecting: screen unlocked', 'reconnecting: network back online']);
    stop();
    powerMonitor.emit('resume');
    expect(session.calls).toHaveLength(3);
    expect(poll).toBeUndefined();
  });

  it('signed out: a resume reconnects nothing', () => {
    const powerMonitor = new EventEmitter();
    const lines: string[] = [];
    watchConnectivity({ powerMonitor, net: { isOnline: () => true }, modes: new FakeModes(), log: (l) => lines.push(l), setInterval: () => 1, clearInterval: () => undefined });
    expect(() => powerMonitor.emit('resume')).not.toThrow();
    expect(lines).toEqual(['reconnecting: system resumed']);
  });
});
