/**
 * `session.webRequest` of a partition's session: `onBeforeRequest([filter, ]listener)` as Electron
 * documents it (docs/api/web-request.md): one listener per event ("only the last attached listener
 * will be used"; `null` unsubscribes); `listener(details, callback)` for every request of the
 * session's pages that the filter matches (`urls` match patterns, `<all_urls>`, `excludeUrls`,
 * `types`); `details.uploadData` holds the request body as `UploadData` (`bytes`: a Buffer); the
 * request waits until `callback(response)` is called: `{cancel: true}` fails it with
 * net::ERR_BLOCKED_BY_CLIENT (Chromium's error for a request an extension/embedder blocked),
 * `{redirectURL}` sends it there (a 307 here), `{}` lets it go.
 *
 * Carried by a Playwright page route registered before the window's own (web-contents.ts), so the
 * order is Electron's: the navigation guard ('will-navigate') decides first, then the network layer.
 * Only the requests Playwright can route are seen (http(s); not file:, data:, WebSocket upgrades).
 */
import type { Page, Request, Route } from 'playwright-core';
import { changed, recorded } from './record';

type Listener = (details: Electron.OnBeforeRequestListenerDetails, callback: (response: Electron.CallbackResponse) => void) => void;
type HeadersListener = ((details: Electron.OnHeadersReceivedListenerDetails, callback: (response: Electron.HeadersReceivedResponse) => void) => void) | null;

let nextRequestId = 1;

/** A Chromium match pattern (`<scheme>://<host><path>`, developer.chrome.com "Match patterns") as a test. */
export function matchPattern(pattern: string): (url: string) => boolean {
  if (pattern === '<all_urls>') return (url) => /^(https?|wss?|ftp|file):/i.test(url);
  const m = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*]+|[^/*]+)?(\/.*)$/i.exec(pattern);
  if (!m) throw new TypeError(`Invalid url pattern ${pattern}: Wrong scheme type or path`);
  const [, scheme = '', host = '', path = '/'] = m;
  const glob = (s: string): string => s.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  const schemeRe = scheme === '*' ? '(?:https?)' : scheme.toLowerCase();
  const hostRe = host === '*' ? '[^/]*' : host.startsWith('*.') ? `(?:[^/]*\\.)?${glob(host.slice(2))}` : glob(host.toLowerCase());
  const re = new RegExp(`^${schemeRe}://${hostRe}(?::\\d+)?${glob(path)}$`, 'i');
  return (url) => re.test(url);
}

function resourceType(request: Request, page: Page): Electron.OnBeforeRequestListenerDetails['resourceType'] {
  switch (request.resourceType()) {
    case 'document': return request.frame() === page.mainFrame() ? 'mainFrame' : 'subFrame';
    case 'stylesheet': return 'stylesheet';
    case 'script': return 'script';
    case 'image': return 'image';
    case 'font': return 'font';
    case 'xhr': case 'fetch': case 'eventsource': return 'xhr';
    case 'media': return 'media';
    case 'websocket': return 'webSocket';
    case 'ping': return 'ping';
    default: return 'other';
  }
}

export class StandinWebRequest implements Pick<Electron.WebRequest, 'onBeforeRequest' | 'onHeadersReceived'> {
  private listener: Listener | null = null;
  private matches: (url: string, type: string) => boolean = () => true;

  constructor(private readonly partition: string) {}

  onBeforeRequest(filterOrListener: Electron.WebRequestFilter | Listener | null, maybeListener?: Listener | null): void {
    if (typeof filterOrListener === 'function' || filterOrListener === null) {
      this.listener = filterOrListener;
      this.matches = () => true;
      return;
    }
    const filter = filterOrListener;
    const include = filter.urls.map(matchPattern);
    const exclude = (filter.excludeUrls ?? []).map(matchPattern);
    const types = filter.types;
    this.listener = maybeListener ?? null;
    this.matches = (url, type) => (include.length === 0 || include.some((t) => t(url))) && !exclude.some((t) => t(url))
      && (types === undefined || (types as string[]).includes(type));
  }

  /** Recorded by the main window (window.ts) on every session; headers are not rewritten here. */
  onHeadersReceived(_filterOrListener: Electron.WebRequestFilter | HeadersListener, _listener?: HeadersListener): void {}

  /** browser-window.ts: route this page's requests through the listener (before the window's own route). */
  async routePage(page: Page, webContentsId: () => number): Promise<void> {
    await page.route(() => true, (route) => this.handle(route, page, webContentsId()));
  }

  private async handle(route: Route, page: Page, webContentsId: number): Promise<void> {
    const request = route.request();
    const url = request.url();
    const type = resourceType(request, page);
    const listener = this.listener;
    if (!listener || !this.matches(url, type)) {
      await route.fallback().catch(() => undefined);
      return;
    }
    const body = request.postDataBuffer();
    const details: Electron.OnBeforeRequestListenerDetails = {
      id: nextRequestId++, url, method: request.method(), webContentsId, frame: null, resourceType: type,
      referrer: (await request.headerValue('referer').catch(() => null)) ?? '', timestamp: Date.now(),
      uploadData: body ? [{ bytes: body }] : [],
    };
    const response = await new Promise<Electron.CallbackResponse>((resolve) => listener(details, resolve));
    const action = response.cancel === true ? 'cancel' : response.redirectURL !== undefined ? 'redirect' : 'continue';
    recorded.webRequests.push({ partition: this.partition, url, method: details.method, action });
    changed();
    if (response.cancel === true) await route.abort('blockedbyclient').catch(() => undefined);
    else if (response.redirectURL !== undefined) await route.fulfill({ status: 307, headers: { location: response.redirectURL } }).catch(() => undefined);
    else await route.fallback().catch(() => undefined);
  }
}
