// The e2e configuration decides per machine which targets run: the stand-in always, real Electron
// where its binary is installed — and where it is not, the run says so in exactly ONE line (not one
// per worker or per spec). Checked with `playwright test --list`, which loads the config like a run.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { electronBinary, projectRoot } from '../e2e/targets';

describe('e2e targets', () => {
  it('lists every spec on the stand-in, and real Electron exactly where its binary is (else one line says why)', () => {
    const r = spawnSync('npx', ['playwright', 'test', '--list'], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(r.status, r.stderr).toBe(0);
    const out = `${r.stdout}\n${r.stderr}`;
    const skipLines = out.split('\n').filter((l) => l.includes('real-Electron e2e not run'));
    const listed = (project: string): number => out.split('\n').filter((l) => l.trimStart().startsWith(`[${project}]`)).length;
    expect(listed('standin')).toBeGreaterThan(20);
    const electron = electronBinary();
    if (electron.ok) {
      expect(skipLines).toEqual([]);
      expect(listed('electron')).toBe(listed('standin'));
    } else {
      expect(skipLines).toEqual([`real-Electron e2e not run: ${electron.reason}`]);
      expect(listed('electron')).toBe(0);
    }
  }, 60_000);
});
