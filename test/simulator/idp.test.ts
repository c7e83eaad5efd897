// The simulator's identity provider (src-main/simulator/idp.ts, idp-pages.ts): its sign-in page posts a
// signed SAMLResponse to the configured assertion-consumer URL, and the login service accepts the
// assertion body (lp-protocol.md §2) only for responses it issued, unexpired, unforged, once.
import { describe, expect, it } from 'vitest';
import { createManualClock, startSimulator } from '../../src-main/simulator';
import { postJson } from './helpers';

const loginUrl = (sim: { baseUrl: string; accountId: string }): string => `${sim.baseUrl}/api/account/${sim.accountId}/login?v=1.3`;

async function assertionLogin(sim: { baseUrl: string; accountId: string }, assertion: string): Promise<{ status: number; body: { error?: { message?: string }; config?: { loginName?: string } } }> {
  const r = await postJson(loginUrl(sim), { assertion, jwt: 'dummy' });
  return { status: r.status, body: JSON.parse(r.text) as { error?: { message?: string }; config?: { loginName?: string } } };
}

/** The hidden SAMLResponse and the form action of the IdP's response page. */
function responseForm(page: string): { action: string; samlResponse: string } {
  const action = /<form method="post" action="([^"]*)"/.exec(page)?.[1];
  const value = /name="SAMLResponse" value="([^"]*)"/.exec(page)?.[1];
  if (action === undefined || value === undefined) throw new Error(`no SAML form in: ${page.slice(0, 300)}`);
  return { action: action.replace(/&amp;/g, '&'), samlResponse: value };
}

describe('simulator identity provider', () => {
  it('serves a sign-in page whose POST answers a page that auto-posts SAMLResponse to the ACS URL, which the login service accepts once', async () => {
    const sim = await startSimulator({ idp: { acsUrl: 'https://acs.example.test/saml/acs' } });
    try {
      expect(sim.idp.acsUrl).toBe('https://acs.example.test/saml/acs');
      const page = await (await fetch(sim.idp.signInUrl)).text();
      expect(page).toContain('name="user"');
      expect(page).toMatch(/<button type="submit">Sign in<\/button>/);
      const res = await fetch(sim.idp.signInUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user=agent1' });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('document.forms[0].submit()');
      const form = responseForm(html);
      expect(form.action).toBe('https://acs.example.test/saml/acs');
      const xml = Buffer.from(form.samlResponse, 'base64').toString('utf8');
      expect(xml).toContain(`<saml:Issuer>${sim.idp.issuer}</saml:Issuer>`);
      expect(xml).toContain(`<saml:Audience>${sim.idp.audience}</saml:Audience>`);
      expect(xml).toMatch(/<saml:NameID[^>]*>agent1<\/saml:NameID>/);

      const first = await assertionLogin(sim, form.samlResponse);
      expect(first.status).toBe(200);
      expect(first.body.config?.loginName).toBe('agent1');
      const again = await assertionLogin(sim, form.samlResponse);
      expect(again.status).toBe(401);
      expect(again.body.error?.message).toBe('already used (sign in again)');
    } finally { await sim.close(); }
  });

  it('defaults the ACS URL to its own login service and refuses an unknown user on the page', async () => {
    const sim = await startSimulator();
    try {
      expect(sim.idp.acsUrl).toBe(`${sim.baseUrl}/api/account/${sim.accountId}/login`);
      const res = await fetch(sim.idp.signInUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user=nobody' });
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('Unknown user &quot;nobody&quot;.');
    } finally { await sim.close(); }
  });

  it('refuses an expired assertion, a forged one, a tampered subject and garbage, each with its reason', async () => {
    const clock = createManualClock(Date.parse('2026-12-07T01:00:00Z'));
    const sim = await startSimulator({ clock, idp: { assertionTtlMs: 60_000 } });
    try {
      expect((await assertionLogin(sim, sim.idp.issue('agent1', 'expired'))).body.error?.message).toBe('expired');
      expect((await assertionLogin(sim, sim.idp.issue('agent1', 'forged'))).body.error?.message).toBe('forged (its signature does not verify)');
      const tampered = Buffer.from(Buffer.from(sim.idp.issue('agent2'), 'base64').toString('utf8').replace('>agent2<', '>agent1<')).toString('base64');
      expect((await assertionLogin(sim, tampered)).body.error?.message).toBe('forged (its signature does not verify)');
      expect((await assertionLogin(sim, 'bm90IHhtbA==')).body.error?.message).toBe('not a SAML response');
      expect((await assertionLogin(sim, '<xml/>')).status).toBe(401);

      // Valid when issued; expired once the clock passes NotOnOrAfter.
      const later = sim.idp.issue('agent1');
      clock.advance(60_000);
      expect((await assertionLogin(sim, later)).body.error?.message).toBe('expired');

      // The sign-in page issues what issueAs says.
      sim.idp.issueAs('forged');
      const html = await (await fetch(sim.idp.signInUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user=agent1' })).text();
      expect((await assertionLogin(sim, responseForm(html).samlResponse)).status).toBe(401);
    } finally { await sim.close(); }
  });

  it('does not accept an assertion another simulator run issued', async () => {
    const a = await startSimulator();
    const b = await startSimulator({ accountId: a.accountId });
    try {
      const fromA = a.idp.issue('agent1');
      const r = await assertionLogin(b, fromA);
      expect(r.status).toBe(401);
      expect(r.body.error?.message).toMatch(/^not issued by this organisation's identity provider/);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
