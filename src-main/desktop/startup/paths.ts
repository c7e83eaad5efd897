/**
 * Where the built app's pieces are: dist/ holds main/ (with assets/), preload/ and renderer/.
 * The renderer is served on app://lp/ from dist/renderer. A dev server URL is honoured only when
 * the app is not packaged.
 */
import { join } from 'node:path';
import { APP_INDEX_URL, APP_ORIGIN } from '../app-protocol';

export interface AppPaths {
  distDir: string;
  assetsDir: string;
  indexHtml: string;
  /** The built renderer folder, served on app://lp/ (app-protocol.ts). */
  rendererDir: string;
  /** The page the window loads: app://lp/index.html (or the dev server). */
  rendererUrl: string;
  /** The origin IPC trusts (besides the dev server). */
  rendererOrigin: string;
  preloadPath: string;
  icon: string;
  devServerUrl?: string;
}

export function resolveAppPaths(opts: { distDir: string; isPackaged: boolean; devServerUrl?: string }): AppPaths {
  const { distDir } = opts;
  const assetsDir = join(distDir, 'main', 'assets');
  const rendererDir = join(distDir, 'renderer');
  const indexHtml = join(rendererDir, 'index.html');
  const paths: AppPaths = {
    distDir, assetsDir, indexHtml, rendererDir,
    rendererUrl: APP_INDEX_URL,
    rendererOrigin: APP_ORIGIN,
    preloadPath: join(distDir, 'preload', 'preload.cjs'),
    icon: join(assetsDir, 'icon.png'),
  };
  if (!opts.isPackaged && opts.devServerUrl) paths.devServerUrl = opts.devServerUrl;
  return paths;
}
