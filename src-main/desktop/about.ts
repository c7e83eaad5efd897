/**
 * The About box: name, version, Electron / Chromium / Node versions and where the licences are.
 * Shown with dialog.showMessageBox; "Licences" opens Chromium's licence file that electron-builder
 * ships next to the program (LICENSES.chromium.html, beside LICENSE.electron.txt).
 */
import { dirname, join } from 'node:path';

export interface AboutInfo {
  name: string;
  version: string;
  versions: { electron?: string; chrome?: string; node?: string };
}

export function aboutMessage(info: AboutInfo): { title: string; message: string; detail: string } {
  const v = info.versions;
  return {
    title: `About ${info.name}`,
    message: `${info.name} ${info.version}`,
    detail: [
      `Electron ${v.electron ?? 'unknown'}`,
      `Chromium ${v.chrome ?? 'unknown'}`,
      `Node.js ${v.node ?? 'unknown'}`,
      '',
      'Licences: Electron (MIT) and Chromium with its third-party components; their texts ship with the app ' +
        '(LICENSE.electron.txt and LICENSES.chromium.html, beside the program). "Licences" opens them.',
    ].join('\n'),
  };
}

/** Where electron-builder puts Chromium's licences: next to the executable. */
export function licencesPath(exePath: string): string {
  return join(dirname(exePath), 'LICENSES.chromium.html');
}

export const ABOUT_BUTTONS = ['OK', 'Licences'] as const;
export const ABOUT_LICENCES_BUTTON = 1;
