/** Minimal agent-side calls against the simulator for bench clients that are not the core: login over HTTP(S), the socket URL. */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** POST {baseUrl}/api/account/{id}/login?v=1.3 (lp-protocol.md §2) → bearer. `ca`: the simulator's PEM with TLS. */
export function login(baseUrl: string, accountId: string, username: string, password: string, ca?: string): Promise<string> {
  const url = new URL(`/api/account/${encodeURIComponent(accountId)}/login?v=1.3`, baseUrl);
  const body = JSON.stringify({ username, password });
  const req = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = req(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          const bearer = typeof parsed === 'object' && parsed !== null ? (parsed as { bearer?: unknown }).bearer : undefined;
          if (res.statusCode !== 200 || typeof bearer !== 'string') reject(new Error(`login failed: HTTP ${res.statusCode}`));
          else resolve(bearer);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
    r.on('error', reject);
    r.end(body);
  });
}

export function socketUrl(host: string, accountId: string, bearer: string, tls: boolean): string {
  return `${tls ? 'wss' : 'ws'}://${host}/ws_api/account/${encodeURIComponent(accountId)}/messaging/brand/${encodeURIComponent(bearer)}?v=2`;
}
