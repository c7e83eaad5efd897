/**
 * Whose domain service a password may go to without asking: LivePerson's own domains and this
 * machine (the simulator). Any other host gets a main-process confirmation before the first login
 * (account-actions.ts); the URL's form (https, http only on loopback) is checked by the contract's
 * `csdsUrlProblem` before this runs.
 */
import { isLoopbackHost } from '../../src-preload/schemas';
import { t } from './i18n';

/** LivePerson's registrable domains (CSDS: adminlogin.liveperson.net, api.liveperson.net, …). */
export const LIVEPERSON_DOMAINS: readonly string[] = ['liveperson.net', 'liveperson.com'];

export function isLivePersonHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return LIVEPERSON_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

/** The host to ask the user about, or undefined when the URL needs no confirmation. */
export function csdsHostToConfirm(csdsUrl: string | undefined): string | undefined {
  if (csdsUrl === undefined) return undefined;
  const { hostname, host } = new URL(csdsUrl);
  return isLoopbackHost(hostname) || isLivePersonHost(hostname) ? undefined : host;
}

/** Two CSDS URLs name the same service (undefined = LivePerson's default). */
export function sameCsds(a: string | undefined, b: string | undefined): boolean {
  const norm = (u: string | undefined): string | undefined => (u === undefined || u.trim() === '' ? undefined : new URL(u.trim()).href.replace(/\/+$/, ''));
  try {
    return norm(a) === norm(b);
  } catch {
    return false;
  }
}

interface MessageBoxOptions {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}
export interface MessageBoxLike<W> {
  showMessageBox(window: W, options: MessageBoxOptions): Promise<{ response: number }>;
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
}

/** The confirmation a non-LivePerson domain service needs (over the window when there is one); Cancel is the default. */
export function createCsdsHostConfirm<W>(deps: { dialog: MessageBoxLike<W>; window(): W | null }): (host: string) => Promise<boolean> {
  return async (host) => {
    const options: MessageBoxOptions = {
      type: 'warning',
      title: t('dialogs.csdsTitle'),
      message: t('dialogs.csdsMessage', { host }),
      detail: t('dialogs.csdsDetail', { host }),
      buttons: [t('dialogs.csdsSignIn', { host }), t('dialogs.cancel')],
      defaultId: 1,
      cancelId: 1,
    };
    const win = deps.window();
    const { response } = win ? await deps.dialog.showMessageBox(win, options) : await deps.dialog.showMessageBox(options);
    return response === 0;
  };
}
