/**
 * The allow-check for links the renderer asks main to open in the OS browser.
 *
 * `decideExternalLink` (pure) returns `{status, reason}`:
 * - 'refuse': not http(s) (javascript:, data:, file:, custom schemes), credentials in the URL, too
 *   long, an IP literal in any notation (the WHATWG parser turns decimal `2130706433`, hex
 *   `0x7f000001`, octal `0177.0.0.1` and short `127.1` into dotted form, so one check covers them;
 *   IPv6 including IPv4-mapped is bracketed), localhost and private-use names (`.local`,
 *   `.localhost`, `.internal`, `.lan`, `.home.arpa`) and single-label hosts: a link from a consumer must
 *   not reach a debugger port or a device on the agent's network (`http://127.0.0.1:9222/json`).
 * - 'ask': the host has non-ASCII (IDN) labels, so it may imitate another (`https://аpple.com`
 *   with a Cyrillic а): the caller asks the user, showing the punycode host (`xn--pple-43d.com`).
 * - 'open': everything else.
 * `openExternalLink` applies it with an injected confirmation and opener; `confirmLinkDialog`
 * words the main-process question (its first button, the default, does not open).
 */
import { domainToUnicode } from 'node:url';
import { t } from './i18n';

export const MAX_EXTERNAL_URL_LENGTH = 2048;

export type ExternalLinkDecision =
  | { status: 'open'; url: string; reason: 'allowed' }
  | { status: 'ask'; url: string; host: string; unicodeHost: string; reason: string }
  | { status: 'refuse'; reason: string };

/** Private-use and local-only name suffixes (RFC 6761, RFC 6762, RFC 8375, common corporate ones). */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'lan', 'intranet', 'home.arpa', 'localdomain'];

function refuse(reason: string): ExternalLinkDecision {
  return { status: 'refuse', reason };
}

export function decideExternalLink(raw: string): ExternalLinkDecision {
  if (raw.length > MAX_EXTERNAL_URL_LENGTH) return refuse('link too long');
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse('not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse(`scheme ${url.protocol} is not allowed`);
  if (url.username !== '' || url.password !== '') return refuse('links with credentials are not opened');
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return refuse('no host');
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return refuse('links to an IP address are not opened');
  if (LOCAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return refuse('links to local or private hosts are not opened');
  if (!host.includes('.')) return refuse('links to single-label hosts are not opened');
  if (host.split('.').some((label) => label.startsWith('xn--'))) {
    return {
      status: 'ask', url: url.href, host, unicodeHost: domainToUnicode(host) || host,
      reason: `the address has non-Latin or look-alike characters: ${host}`,
    };
  }
  return { status: 'open', url: url.href, reason: 'allowed' };
}

/** Options for the main-process question (Electron MessageBoxOptions); button 0 = don't open. */
export function confirmLinkDialog(d: Extract<ExternalLinkDecision, { status: 'ask' }>): {
  type: 'warning'; title: string; message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number; noLink: true;
} {
  return {
    type: 'warning',
    title: t('dialogs.linkTitle'),
    message: t('dialogs.linkMessage', { host: d.host }),
    detail: `${t('dialogs.linkDetail')}\n\n${d.url}`,
    buttons: [t('dialogs.linkDontOpen'), t('dialogs.linkOpen')],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

export interface OpenExternalDeps {
  /** Asks the user (e.g. dialog.showMessageBox with confirmLinkDialog); true = open. */
  confirm(decision: Extract<ExternalLinkDecision, { status: 'ask' }>): Promise<boolean>;
  openExternal(url: string): Promise<void>;
}

/** Decides, asks when needed, opens; the result for `shell/open-external`. */
export async function openExternalLink(raw: string, deps: OpenExternalDeps): Promise<{ opened: true } | { opened: false; reason: string }> {
  const d = decideExternalLink(raw);
  if (d.status === 'refuse') return { opened: false, reason: d.reason };
  if (d.status === 'ask' && !(await deps.confirm(d))) return { opened: false, reason: `not confirmed: ${d.reason}` };
  await deps.openExternal(d.url);
  return { opened: true };
}
