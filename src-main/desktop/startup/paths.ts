/**
 * Where the built app's pieces are: dist/ holds main/ (with assets/), preload/ and renderer/.
 * A dev server URL is honoured only when the app is not packaged.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPaths {
  distDir: string;
  assetsDir: string;
  indexHtml: string;
  /** The renderer page as a file:// URL (IPC trusts only it, or the dev server). */
  rendererFileUrl: string;
  preloadPath: string;
  icon: string;
  devServerUrl?: string;
}

export function resolveAppPaths(opts: { distDir: string; isPackaged: boolean; devServerUrl?: string }): AppPaths {
  const { distDir } = opts;
  const assetsDir = join(distDir, 'main', 'assets');
  const indexHtml = join(distDir, 'renderer', 'index.html');
  const paths: AppPaths = {
    distDir, assetsDir, indexHtml,
    rendererFileUrl: pathToFileURL(indexHtml).href,
    preloadPath: join(distDir, 'preload', 'preload.cjs'),
    icon: join(assetsDir, 'icon.png'),
  };
  if (!opts.isPackaged && opts.devServerUrl) paths.devServerUrl = opts.devServerUrl;
  return paths;
}
