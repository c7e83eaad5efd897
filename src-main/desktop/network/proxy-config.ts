/**
 * The proxy settings (Settings → proxy: system / manual / none) as Electron's `ProxyConfig` for
 * `session.setProxy()` (https://www.electronjs.org/docs/latest/api/structures/proxy-config):
 * system → `mode: 'system'` (the OS settings, PAC/WPAD included); none → `mode: 'direct'`;
 * manual → `fixed_servers` with `proxyRules` = the proxy (`host:port` for http, `https://…`,
 * `socks5://…`) and `proxyBypassRules` = the user's list. Pure; bad input throws ProxyConfigError
 * with a sentence for the Settings form, and nothing is applied.
 *
 * `networkSettingsOf()` is the one place the desktop reads network settings: an IT policy layer
 * (issue 11 item 8) wraps it to force values.
 */
import type { ProxyConfig } from 'electron';
import type { Settings } from '../../../src-preload/api';
import { MAX_PROXY_TEXT, ProxyConfigError, parseProxyUrl } from '../../lp';

export interface NetworkSettings {
  proxyMode: Settings['proxyMode'];
  proxyUrl: string;
  proxyBypass: string;
}

/** The network settings in effect: the user's, until a policy layer overrides this function's result. */
export function networkSettingsOf(settings: Settings): NetworkSettings {
  return { proxyMode: settings.proxyMode, proxyUrl: settings.proxyUrl, proxyBypass: settings.proxyBypass };
}

const BYPASS_ITEM = /^(<local>|<-loopback>|[a-z0-9*.[\]:/_-]+)$/i;

export function proxyConfigOf(n: NetworkSettings): ProxyConfig {
  if (n.proxyMode === 'system') return { mode: 'system' };
  if (n.proxyMode === 'none') return { mode: 'direct' };
  const url = parseProxyUrl(n.proxyUrl);
  if (url.username !== '' || url.password !== '') {
    throw new ProxyConfigError('leave the user name and password out of the proxy URL: the app asks for them when the proxy wants them');
  }
  if (n.proxyBypass.length > MAX_PROXY_TEXT) throw new ProxyConfigError(`the bypass list is too long (at most ${MAX_PROXY_TEXT} characters)`);
  const items = n.proxyBypass.split(/[,;\s]+/).filter((i) => i !== '');
  const bad = items.find((i) => !BYPASS_ITEM.test(i));
  if (bad !== undefined) throw new ProxyConfigError(`the bypass entry "${bad.slice(0, 60)}" is not a host, domain, IP range, <local> or <-loopback>`);
  const rule = url.protocol === 'http:' ? url.host : `${url.protocol}//${url.host}`;
  return { mode: 'fixed_servers', proxyRules: rule, ...(items.length > 0 ? { proxyBypassRules: items.join(',') } : {}) };
}
