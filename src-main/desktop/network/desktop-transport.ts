/**
 * The desktop's Transport (issue 11 item 1), on the core's transport seam:
 * - REST through the app session's `fetch` (Electron `session.fetch`, the same stack as `net.fetch`:
 *   system proxy, PAC/WPAD, proxy authentication through `app.on('login')` and the OS certificate
 *   store apply as in Chromium). Chromium's `net::ERR_*` failures are said in plain words.
 * - The socket, which Chromium's stack cannot carry for us: for each socket URL the session's
 *   `resolveProxy()` says DIRECT / PROXY / HTTPS / SOCKS, and `ws` connects through the matching agent
 *   (the core's proxy-agents.ts), trusting Node's roots + the OS store + certificates the user or IT
 *   added (`trustedCa()`, asked on every socket so a change applies at the next connect).
 * Certificate verification is never switched off on either path.
 */
import {
  TransportError, agentFor, createNodeTransport, explainNetworkError, parseProxyList,
  type PresentedCertificate, type ProxyChoice, type ProxyCredentialsAsker, type Transport, type TransportRequest, type TransportResponse, type WebSocketLike,
} from '../../lp';

/** The slice of an Electron `Session` used here. */
export interface NetSessionLike {
  fetch(input: string, init?: RequestInit): Promise<Response>;
  resolveProxy(url: string): Promise<string>;
}

export interface DesktopTransportDeps {
  session: NetSessionLike;
  /** PEM certificates to trust beside Node's roots for the socket: the OS store and the user's. */
  trustedCa(): string[];
  /** A proxy answering 407 to the socket's CONNECT asks here (the same store as REST's `login`). */
  askCredentials?: ProxyCredentialsAsker;
  /** The proxy refused what `askCredentials` gave. */
  credentialsRefused?(proxy: string): void;
  /** The certificate Chromium refused for this host (certificate-verify.ts), to name its issuer. */
  refusedCertificate?(hostname: string): PresentedCertificate | undefined;
  /** The proxy chosen for the last socket, for Diagnostics (no credentials). */
  onSocketRoute?(route: string): void;
  /** The certificate the socket's server presented (verified), for Diagnostics: its issuer. */
  onSocketCertificate?(cert: PresentedCertificate): void;
  log(message: string): void;
}

async function readLimited(res: Response, max: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new TransportError('response too large', 'too-large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function headersOf(res: Response): TransportResponse['headers'] {
  const out: TransportResponse['headers'] = {};
  res.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = res.headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

/** `wss:`/`ws:` as Chromium's proxy resolution understands them (the same rules as https/http). */
export function proxyQueryUrl(socketUrl: string): string {
  const u = new URL(socketUrl);
  if (u.protocol === 'wss:') u.protocol = 'https:';
  else if (u.protocol === 'ws:') u.protocol = 'http:';
  return u.href;
}

export function describeRoute(choice: ProxyChoice): string {
  return choice.kind === 'direct' ? 'DIRECT' : `${choice.kind === 'socks' ? 'SOCKS' : 'PROXY'} ${choice.url.host}`;
}

export function createDesktopTransport(deps: DesktopTransportDeps): Transport {
  const request = async (req: TransportRequest): Promise<TransportResponse> => {
    let res: Response;
    try {
      res = await deps.session.fetch(req.url, {
        method: req.method, headers: req.headers, signal: req.signal, redirect: 'manual', credentials: 'omit',
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
    } catch (err) {
      if (req.signal.aborted) throw err;
      const p = explainNetworkError(err);
      const code = /net::(ERR_[A-Z_]+)/.exec(err instanceof Error ? err.message : String(err))?.[1];
      if (p.kind.startsWith('proxy-')) throw new TransportError(p.message, 'network');
      if (p.kind.startsWith('cert-')) throw new TransportError(p.message, 'network', code, deps.refusedCertificate?.(new URL(req.url).hostname));
      throw new TransportError(p.message, 'network', code);
    }
    const body = await readLimited(res, req.maxBodyBytes);
    if (req.binary) return { status: res.status, headers: headersOf(res), text: '', bytes: new Uint8Array(body) };
    return { status: res.status, headers: headersOf(res), text: body.toString('utf8') };
  };

  const openSocket: Transport['openSocket'] = (url, opts, listener) => {
    // resolveProxy is asynchronous, openSocket is not: hand out a socket that attaches once routed.
    let inner: WebSocketLike | null = null;
    let closed: { code: number; reason: string } | 'terminated' | null = null;
    deps.session.resolveProxy(proxyQueryUrl(url)).then((list) => {
      const choice = parseProxyList(list)[0] ?? { kind: 'direct' as const };
      deps.onSocketRoute?.(describeRoute(choice));
      if (closed) {
        listener.close(closed === 'terminated' ? 1006 : closed.code, closed === 'terminated' ? '' : closed.reason);
        return;
      }
      const ca = deps.trustedCa();
      const agent = agentFor(choice, {
        ca, ...(deps.askCredentials ? { askCredentials: deps.askCredentials } : {}), ...(deps.credentialsRefused ? { credentialsRefused: deps.credentialsRefused } : {}),
        ...(deps.onSocketCertificate ? { onPeerCertificate: deps.onSocketCertificate } : {}),
      });
      inner = createNodeTransport({ trustedCa: ca, agentFor: () => agent }).openSocket(url, opts, listener);
    }).catch((err: unknown) => {
      deps.log(`socket proxy resolution failed: ${err instanceof Error ? err.message : String(err)}`);
      listener.error(err instanceof Error ? err : new Error(String(err)));
      listener.close(1006, '');
    });
    return {
      get isOpen() {
        return inner?.isOpen ?? false;
      },
      send: (text, done) => {
        if (inner) inner.send(text, done);
        else done(new Error('socket not open'));
      },
      ping: () => inner?.ping(),
      close: (code, reason) => {
        if (inner) inner.close(code, reason);
        else closed = { code, reason };
      },
      terminate: () => {
        if (inner) inner.terminate();
        else closed = 'terminated';
      },
    };
  };

  return { request, openSocket };
}
