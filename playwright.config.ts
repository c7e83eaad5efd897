import { defineConfig } from '@playwright/test';
import { electronBinary } from './test/e2e/targets';

// End-to-end: the built app (scripts/test.mjs runs `npm run build` first) on two targets —
// 'standin' (Electron stand-in over Debian's Chromium) always, 'electron' (real Electron through
// Playwright's _electron) only where the binary is installed. Where it is not, say so in ONE line.
const electron = electronBinary();
const isRunnerProcess = process.env.TEST_WORKER_INDEX === undefined;
if (!electron.ok && isRunnerProcess) console.log(`real-Electron e2e not run: ${electron.reason}`);

export default defineConfig({
  testDir: 'test/e2e',
  // Snapshots dist/ for the run (a concurrent `npm run build` cannot break a spec mid-run).
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e.json' }]],
  use: { trace: 'off' },
  projects: [
    { name: 'standin' },
    ...(electron.ok ? [{ name: 'electron' }] : []),
  ],
});
