import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import { RawClient } from './helpers';

function httpsJson(url: string, ca: string, method: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('TLS', () => {
  it('serves https and wss with a self-signed certificate a client can trust as its CA', async () => {
    const sim = await startSimulator({ tls: true });
    try {
      expect(sim.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = sim.tls?.cert ?? '';
      expect(ca).toContain('BEGIN CERTIFICATE');
      const csds = await httpsJson(`${sim.csdsUrl}/api/account/${sim.accountId}/service/baseURI.json?version=1.0`, ca, 'GET');
      expect(csds.status).toBe(200);
      const login = await httpsJson(`${sim.baseUrl}/api/account/${sim.accountId}/login?v=1.3`, ca, 'POST', { username: 'agent1', password: 'agent1-password' });
      expect(login.status).toBe(200);
      for (const host of [`127.0.0.1:${sim.host.split(':')[1]}`, `localhost:${sim.host.split(':')[1]}`]) {
        const c = await RawClient.connect(`wss://${host}/ws_api/account/${sim.accountId}/messaging/brand/${String(login.json.bearer)}?v=2.1`, { ca });
        expect((await c.request('.GetClock', {})).code).toBe(200);
        c.close();
        await c.closed;
      }
      await expect(httpsJson(`${sim.csdsUrl}/api/account/${sim.accountId}/service/baseURI.json?version=1.0`, '', 'GET')).rejects.toThrow();
    } finally { await sim.close(); }
  });
});
