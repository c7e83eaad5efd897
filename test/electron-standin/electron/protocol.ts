/**
 * `protocol`: custom schemes served by the app's `protocol.handle` handler. Chromium (here) cannot be
 * taught a new scheme, and Playwright intercepts only requests Chromium would send, so a handled
 * standard scheme is carried on a stand-in https origin: `app://lp/x` ↔
 * `https://app.lp.protocol-standin.invalid/x` (never resolved: a context route answers it). Every
 * request to that origin goes to the app's handler as a `Request` for the `app://` URL and the
 * handler's `Response` (status, headers, body) is served; a scheme nobody handles is aborted, as
 * Chromium fails an unknown scheme. URLs the app sees (getURL, senderFrame.url, will-navigate) are
 * mapped back to the app scheme. Modelled after docs/api/protocol.md: `registerSchemesAsPrivileged`
 * only before `ready` (else it throws here), `handle` only after `ready`, a second `handle` of one
 * scheme throws, `unhandle` / `isProtocolHandled`. The page's origin differs from Electron's in the
 * stand-in (https://…invalid, a secure context like a `secure` privileged scheme).
 */
import type { BrowserContext, Route } from 'playwright-core';
import { changed, recorded } from './record';

const SUFFIX = '.protocol-standin.invalid';
type Handler = (request: Request) => Response | Promise<Response>;

const privileged = new Map<string, Electron.Privileges>();
const handlers = new Map<string, Handler>();
let routed: BrowserContext | undefined;

/** The URL the page loads for an app URL (unchanged unless its scheme is standard and handled). */
export function toPageUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(url);
  const scheme = m?.[1]?.toLowerCase();
  if (!m || !scheme || !handlers.has(scheme) || privileged.get(scheme)?.standard !== true) return url;
  return `https://${scheme}.${m[2]}${SUFFIX}${m[3] || '/'}`;
}

/** The app URL a page URL stands for (unchanged when it is not a stand-in origin). */
export function fromPageUrl(url: string): string {
  const m = /^https:\/\/([a-z][a-z0-9+.-]*)\.([^/?#]*?)\.protocol-standin\.invalid(.*)$/i.exec(url);
  return m ? `${m[1]}://${m[2]}${m[3] ?? ''}` : url;
}

async function serve(route: Route): Promise<void> {
  const request = route.request();
  const appUrl = fromPageUrl(request.url());
  const scheme = appUrl.slice(0, appUrl.indexOf(':')).toLowerCase();
  const handler = handlers.get(scheme);
  if (!handler) {
    await route.abort('failed').catch(() => undefined);
    return;
  }
  const body = request.postDataBuffer();
  const init: RequestInit = { method: request.method(), headers: await request.allHeaders() };
  if (body && !['GET', 'HEAD'].includes(request.method())) init.body = new Uint8Array(body);
  recorded.protocolRequests.push({ scheme, url: appUrl });
  changed();
  try {
    const response = await handler(new Request(appUrl, init));
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    await route.fulfill({ status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) });
  } catch {
    await route.abort('failed').catch(() => undefined);
  }
}

/** browser-window.ts: the context the windows live in, once it exists. */
export async function routeProtocols(context: BrowserContext): Promise<void> {
  if (routed === context) return;
  routed = context;
  await context.route((u) => u.protocol === 'https:' && u.hostname.endsWith(SUFFIX), serve);
}

export const protocol = {
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    if (recorded.app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    for (const s of customSchemes) privileged.set(s.scheme.toLowerCase(), s.privileges ?? {});
    recorded.protocols.privileged = customSchemes.map((s) => ({ scheme: s.scheme, privileges: { ...s.privileges } }));
    changed();
  },
  handle(scheme: string, handler: Handler): void {
    if (!recorded.app.ready) throw new Error('protocol.handle: the protocol module can only be used after app is ready');
    const key = scheme.toLowerCase();
    if (handlers.has(key)) throw new Error(`Failed to register protocol: ${scheme}`);
    handlers.set(key, handler);
    recorded.protocols.handled.push(key);
    changed();
  },
  unhandle(scheme: string): void {
    const key = scheme.toLowerCase();
    handlers.delete(key);
    recorded.protocols.handled = recorded.protocols.handled.filter((s) => s !== key);
    changed();
  },
  isProtocolHandled(scheme: string): boolean {
    return handlers.has(scheme.toLowerCase());
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'>;
