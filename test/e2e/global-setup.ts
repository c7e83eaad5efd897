/**
 * Runs once per `npx playwright test`: snapshots the built app (dist/ + package.json) into
 * test-results/.e2e-app-<pid>/ and points the specs at it (LPAD_E2E_APP_DIR). A `npm run build` started
 * elsewhere during the run (it deletes dist/ first) then cannot pull the app from under a spec.
 * Builds only when dist/ is missing: build first (`npm run build`), as scripts/test.mjs does.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../electron-standin/ensure-built';
import { projectRoot } from './targets';

const OUTPUTS = ['dist/main/main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html'];

function removeStaleSnapshots(root: string): void {
  for (const name of readdirSync(root)) {
    const pid = Number(/^\.e2e-app-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(root, name), { recursive: true, force: true });
    }
  }
}

export default function globalSetup(): () => void {
  const results = join(projectRoot, 'test-results');
  mkdirSync(results, { recursive: true });
  removeStaleSnapshots(results);
  // Screenshots of this run only (workspace.spec.ts writes them here for reviewers).
  rmSync(join(results, 'screenshots'), { recursive: true, force: true });
  const appDir = join(results, `.e2e-app-${process.pid}`);
  for (let attempt = 1; ; attempt += 1) {
    rmSync(appDir, { recursive: true, force: true });
    ensureBuilt({ fresh: false });
    try {
      cpSync(join(projectRoot, 'dist'), join(appDir, 'dist'), { recursive: true });
      cpSync(join(projectRoot, 'package.json'), join(appDir, 'package.json'));
    } catch (err) {
      if (attempt >= 3) throw err;
      continue;
    }
    if (OUTPUTS.every((p) => existsSync(join(appDir, p)))) break;
    // dist/ was being rebuilt while we copied it: copy again.
    if (attempt >= 3) throw new Error(`the built app is incomplete in ${appDir}: run npm run build`);
  }
  process.env.LPAD_E2E_APP_DIR = appDir;
  return () => rmSync(appDir, { recursive: true, force: true });
}
