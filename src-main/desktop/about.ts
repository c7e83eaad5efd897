/**
 * The About box: name, version, Electron / Chromium / Node versions and where the licences are.
 * Shown with dialog.showMessageBox; "Licences" opens Chromium's licence file that electron-builder
 * ships next to the program (LICENSES.chromium.html, beside LICENSE.electron.txt). Words from the
 * catalogue in main's language; product names and versions as they are.
 */
import { dirname, join } from 'node:path';
import { t } from './i18n';

export interface AboutInfo {
  name: string;
  version: string;
  versions: { electron?: string; chrome?: string; node?: string };
}

export function aboutMessage(info: AboutInfo): { title: string; message: string; detail: string } {
  const v = info.versions;
  const unknown = t('about.unknown');
  return {
    title: t('about.title', { app: info.name }),
    message: `${info.name} ${info.version}`,
    detail: [
      `Electron ${v.electron ?? unknown}`,
      `Chromium ${v.chrome ?? unknown}`,
      `Node.js ${v.node ?? unknown}`,
      '',
      t('about.licences'),
    ].join('\n'),
  };
}

/** Where electron-builder puts Chromium's licences: next to the executable. */
export function licencesPath(exePath: string): string {
  return join(dirname(exePath), 'LICENSES.chromium.html');
}

/** The About box's buttons: OK, then Licences (ABOUT_LICENCES_BUTTON). */
export function aboutButtons(): string[] {
  return [t('menu.ok'), t('about.licencesButton')];
}
export const ABOUT_LICENCES_BUTTON = 1;
