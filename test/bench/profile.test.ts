/** bench/lib/profile.ts: top self time of a V8 CPU profile, and the part of it between two instants. */
import { describe, expect, it } from 'vitest';
import { profileWindow, topSelfTime, type CpuProfile } from '../../bench/lib/profile';

const frame = (functionName: string, url = 'file:///x/app.js', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

/** A profile starting at t = 1,000 µs: `idle` 0–100, `parse` 100–400, `write` 400–500, `parse` 500–900 (each sample's delta is the time since the one before). */
function profile(): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', '') },
      { id: 2, callFrame: frame('(idle)', '') },
      { id: 3, callFrame: frame('parse', 'file:///x/core.mjs', 41) },
      { id: 4, callFrame: frame('write', '') },
    ],
    // at 1100 (idle), 1200, 1300, 1400 (parse), 1500 (write), 1600 … 1900 (parse)
    samples: [2, 3, 3, 3, 4, 3, 3, 3, 3],
    timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100, 100],
    startTime: 1_000,
    endTime: 1_900,
  };
}

describe('topSelfTime', () => {
  it('charges each sample\'s delta to its function, names the place, and ranks', () => {
    const top = topSelfTime(profile(), 2);
    expect(top).toEqual([
      { name: 'parse', where: 'core.mjs:42', selfMs: 0.7, selfPct: 77.8 },
      { name: '(idle)', where: '', selfMs: 0.1, selfPct: 11.1 },
    ]);
  });
});

describe('profileWindow', () => {
  it('keeps the samples between two instants of the profile\'s clock, deltas counted from the window\'s start', () => {
    const w = profileWindow(profile(), 1_350, 1_650);
    expect(w.samples).toEqual([3, 4, 3]); // the samples at 1400, 1500, 1600
    expect(w.timeDeltas).toEqual([50, 100, 100]);
    // parse 50 + 100 µs, write 100 µs: 60 % and 40 % of the window's 250 µs.
    expect(topSelfTime(w, 5)).toEqual([
      { name: 'parse', where: 'core.mjs:42', selfMs: 0.2, selfPct: 60 },
      { name: 'write', where: '', selfMs: 0.1, selfPct: 40 },
    ]);
  });

  it('is empty outside the profile', () => {
    expect(profileWindow(profile(), 5_000, 6_000).samples).toEqual([]);
    expect(topSelfTime(profileWindow(profile(), 5_000, 6_000), 3)).toEqual([]);
  });
});
