/**
 * The `app` fixture: the built app (npm run build), launched on the TARGET of the project that runs
 * the spec — 'standin' (the typed Electron stand-in, test/electron-standin) or 'electron' (real
 * Electron through Playwright's _electron, only where its binary is installed).
 * Each test gets a fresh app and a fresh user-data dir; the app is quit after the test.
 */
import { test as base, expect, _electron, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchStandin, type StandinApp } from '../electron-standin/launch';
import { electronBinary, projectRoot, type Target } from './targets';

export interface AppUnderTest {
  target: Target;
  /** The first window. */
  page: Page;
  /** Stand-in only: recorded state and test hooks (notifications, tray, second instance …). */
  standin?: StandinApp;
  /** Real Electron only. */
  electron?: ElectronApplication;
}

export interface AppOptions {
  /** Extra environment for the app (STANDIN_* knobs apply to the stand-in only). */
  appEnv: Record<string, string>;
}

export const test = base.extend<AppOptions & { app: AppUnderTest; target: Target }>({
  appEnv: [{}, { option: true }],
  // Playwright requires an object pattern here even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  target: async ({}, use, testInfo) => {
    await use(testInfo.project.name === 'electron' ? 'electron' : 'standin');
  },
  app: async ({ target, appEnv }, use) => {
    if (target === 'electron') {
      const binary = electronBinary();
      if (!binary.ok) throw new Error(`the electron project exists but ${binary.reason}`);
      const userData = mkdtempSync(join(tmpdir(), 'lp-e2e-'));
      const electron = await _electron.launch({
        executablePath: binary.path,
        args: [projectRoot, `--user-data-dir=${userData}`],
        cwd: projectRoot,
        env: { ...process.env, ...appEnv } as Record<string, string>,
      });
      const page = await electron.firstWindow();
      await use({ target, page, electron });
      await electron.close();
      return;
    }
    const standin = await launchStandin({ env: appEnv });
    try {
      const page = await standin.firstWindow();
      await use({ target, page, standin });
    } finally {
      await standin.close();
    }
  },
});

export { expect };
