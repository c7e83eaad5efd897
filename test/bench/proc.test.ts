/** bench/lib/proc.ts: CPU time and process trees read from /proc (Linux only, as the bench). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { censusDelta, chromiumType, descendants, processCpuSeconds, threadCpuSeconds } from '../../bench/lib/proc';

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
