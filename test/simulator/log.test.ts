import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import { login, postJson, RawClient, wsUrl } from './helpers';

describe('logging', () => {
  it('logs notable events without bearer, csrf, password or Session_id values', async () => {
    const lines: string[] = [];
    const sim = await startSimulator({ log: (l) => lines.push(l) });
    try {
      const r = await login(sim, 'agent1', 'agent1-password');
      await postJson(`${sim.baseUrl}/api/account/${sim.accountId}/refresh`, { csrf: r.csrf }, { Cookie: r.cookie });
      const c = await RawClient.connect(wsUrl(sim, r.bearer));
      await c.request('.GetClock', {});
      await RawClient.connect(wsUrl(sim, `${r.bearer}x`)).catch(() => undefined);
      const closed = sim.waitFor('socketClose');
      c.close();
      await closed;
      const all = lines.join('\n');
      expect(all).toMatch(/login of agent1 ok/);
      expect(all).toMatch(/socket \d+ opened for agent1/);
      for (const secret of [r.bearer, r.csrf, 'agent1-password', r.cookie.split('=')[1] ?? 'none']) expect(all).not.toContain(secret);
    } finally { await sim.close(); }
  });
});
