import { describe, expect, it } from 'vitest';
import { coalesceRenders } from '../../../src-main/desktop/startup/render-coalescer';
import { manualTicks } from './fakes';

describe('coalesceRenders', () => {
  it('N requests in one tick make one render; the next tick renders again', () => {
    const ticks = manualTicks();
    let renders = 0;
    const request = coalesceRenders(() => { renders += 1; }, { defer: ticks.defer, log: () => undefined, what: 'tray' });
    for (let i = 0; i < 7; i += 1) request();
    expect(renders).toBe(0);
    expect(ticks.flush()).toBe(1);
    expect(renders).toBe(1);
    request();
    request();
    ticks.flush();
    expect(renders).toBe(2);
  });

  it('a render that throws is logged and does not block later renders', () => {
    const ticks = manualTicks();
    const lines: string[] = [];
    let fail = true;
    let renders = 0;
    const request = coalesceRenders(() => {
      renders += 1;
      if (fail) throw new Error('menu broke');
    }, { defer: ticks.defer, log: (l) => lines.push(l), what: 'tray' });
    request();
    ticks.flush();
    expect(lines).toEqual(['tray render failed: menu broke']);
    fail = false;
    request();
    ticks.flush();
    expect(renders).toBe(2);
  });
});
