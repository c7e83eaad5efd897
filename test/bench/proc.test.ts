/** bench/lib/proc.ts: CPU time and process trees read from /proc (Linux only, as the bench). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { censusDelta, chromiumType, cpuCensus, descendants, MACHINE, machineBusySeconds, processCpuSeconds, threadCpuSeconds } from '../../bench/lib/proc';

// The bench reads /proc: Linux only (where the bench runs); elsewhere vitest lists these as skipped.
const linux = process.platform === 'linux';

describe.runIf(linux)('bench /proc readings', () => {
  it('counts this process\'s own CPU time, and its main thread\'s, as it works', () => {
    const before = processCpuSeconds(process.pid);
    const mainBefore = threadCpuSeconds(process.pid, process.pid);
    const end = Date.now() + 150;
    while (Date.now() < end) { /* spin: CPU time to count */ }
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(before);
    expect(threadCpuSeconds(process.pid, process.pid)).toBeGreaterThan(mainBefore);
  });

  it('counts the whole machine\'s busy time, at least this process\'s own, and puts it in the census', () => {
    const machine = machineBusySeconds();
    const own = processCpuSeconds(process.pid);
    // Spin until this process has spent 0.2 s of CPU (however busy the machine is; at most 10 s of wall time).
    const giveUp = Date.now() + 10_000;
    while (processCpuSeconds(process.pid) - own < 0.2 && Date.now() < giveUp) { /* spin: CPU time to count */ }
    const ownSpent = processCpuSeconds(process.pid) - own;
    expect(ownSpent).toBeGreaterThanOrEqual(0.2);
    // /proc/stat's per-CPU counters move at the scheduler tick, a process's own time more finely: a few ticks of slack.
    expect(machineBusySeconds() - machine).toBeGreaterThanOrEqual(ownSpent - 0.05);
    expect(machine).toBeGreaterThan(0);
    const census = cpuCensus({ sim: process.pid, main: 2 ** 30 });
    expect(census[MACHINE]).toBeGreaterThanOrEqual(machine);
    expect(census.main).toBe(0);
  });

  it('answers 0 for a process that does not exist', () => {
    expect(processCpuSeconds(2 ** 30)).toBe(0);
    expect(threadCpuSeconds(2 ** 30, 2 ** 30)).toBe(0);
  });

  it('finds a child and its grandchild below this process, not itself', async () => {
    const child = spawn(process.execPath, ['-e', "require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'inherit' }); console.log('up')"], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await once(child.stdout!, 'data');
      const below = descendants(process.pid);
      const mine = below.find((p) => p.pid === child.pid);
      expect(mine?.ppid).toBe(process.pid);
      expect(below.some((p) => p.ppid === child.pid && p.cmdline.includes('setTimeout'))).toBe(true);
      expect(below.some((p) => p.pid === process.pid)).toBe(false);
    } finally {
      for (const p of descendants(child.pid!)) process.kill(p.pid, 'SIGKILL');
      child.kill('SIGKILL');
    }
  });
});

describe('chromiumType', () => {
  const p = (cmdline: string) => ({ pid: 1, ppid: 0, cmdline });
  it('tells the browser, the window renderer, Chromium\'s own UI renderer and other processes apart', () => {
    expect(chromiumType(p('/usr/lib/chromium/chromium --headless --remote-debugging-pipe'))).toBe('browser');
    expect(chromiumType(p('/usr/lib/chromium/chromium --type=renderer --renderer-client-id=6'))).toBe('renderer');
    expect(chromiumType(p('/usr/lib/chromium/chromium --type=renderer --top-chrome-webui --renderer-client-id=5'))).toBe('renderer (Chromium UI)');
    expect(chromiumType(p('/usr/lib/chromium/chromium --type=gpu-process'))).toBe('gpu-process');
    expect(chromiumType(p('/usr/bin/node child.mjs --type=renderer'))).toBe('other');
  });
});

describe('censusDelta', () => {
  it('subtracts per key (a key new at the end counts from 0), to 0.1 s', () => {
    expect(censusDelta({ main: 1, renderer: 2 }, { main: 3.26, renderer: 2, gpu: 0.5 })).toEqual({ main: 2.3, renderer: 0, gpu: 0.5 });
  });
});
