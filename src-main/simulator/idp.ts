/**
 * The simulator's identity provider (issue 11.6): it issues SAML 2.0 responses for the seeded agents
 * and the login service (login.ts) accepts, as the `{"assertion": …}` body of lp-protocol.md §2, only
 * responses it issued itself: signed with a key only this simulator run knows, from its own issuer, for
 * its own audience, not expired, and not used before (one-time use, as SAML service providers do).
 *
 * The real flow is undocumented (§2 marks the assertion body "SDK-only, undocumented"), so these are
 * the simulator's assumptions, stated in README ("Single sign-on"):
 * - the assertion body carries the base64 `SAMLResponse` exactly as the IdP posted it;
 * - the signature is HMAC-SHA256 (algorithm `http://www.w3.org/2001/04/xmldsig-more#hmac-sha256`)
 *   over the assertion's ID, issuer, audience, subject and validity, in `ds:SignatureValue` — a
 *   stand-in for XML-DSig, which a real IdP signs with its certificate;
 * - the audience is `urn:liveperson:account:{accountId}`.
 * Parsing is by pattern over the simulator's own format: anything else is "not a SAML response".
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export type IdpMode = 'valid' | 'expired' | 'forged';

export interface IdpState {
  /** The signing key: never leaves this object. */
  readonly key: Buffer;
  issuer: string;
  audience: string;
  acsUrl: string;
  assertionTtlMs: number;
  /** What the sign-in page issues next (sticky until changed). */
  mode: IdpMode;
  /** Assertion IDs already accepted (one-time use). */
  readonly used: Set<string>;
}

export function createIdpState(opts: { accountId: string; assertionTtlMs?: number }): IdpState {
  return {
    key: randomBytes(32),
    issuer: '',
    audience: `urn:liveperson:account:${opts.accountId}`,
    acsUrl: '',
    assertionTtlMs: opts.assertionTtlMs ?? 5 * 60_000,
    mode: 'valid',
    used: new Set(),
  };
}

const MAX_RESPONSE_BYTES = 64 * 1024;

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
function xmlUnescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

interface SignedFields {
  id: string;
  issuer: string;
  audience: string;
  nameId: string;
  notBefore: string;
  notOnOrAfter: string;
}

function sign(key: Buffer, f: SignedFields): string {
  return createHmac('sha256', key).update([f.id, f.issuer, f.audience, f.nameId, f.notBefore, f.notOnOrAfter].join('\n')).digest('base64');
}

/** A base64 SAMLResponse for `nameId`, as the sign-in page posts it. `mode` spoils it on purpose. */
export function issueResponse(idp: IdpState, nameId: string, now: number, mode: IdpMode = 'valid'): string {
  const issued = new Date(now);
  const notBefore = new Date(mode === 'expired' ? now - 2 * idp.assertionTtlMs : now - 5_000).toISOString();
  const notOnOrAfter = new Date(mode === 'expired' ? now - idp.assertionTtlMs : now + idp.assertionTtlMs).toISOString();
  const fields: SignedFields = { id: `_a${randomUUID()}`, issuer: idp.issuer, audience: idp.audience, nameId, notBefore, notOnOrAfter };
  const signature = sign(mode === 'forged' ? randomBytes(32) : idp.key, fields);
  const e = xmlEscape;
  const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${issued.toISOString()}" Destination="${e(idp.acsUrl)}">`
    + `<saml:Issuer>${e(idp.issuer)}</saml:Issuer>`
    + '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
    + `<saml:Assertion ID="${e(fields.id)}" Version="2.0" IssueInstant="${issued.toISOString()}">`
    + `<saml:Issuer>${e(idp.issuer)}</saml:Issuer>`
    + '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"/></ds:SignedInfo>'
    + `<ds:SignatureValue>${signature}</ds:SignatureValue></ds:Signature>`
    + `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${e(nameId)}</saml:NameID>`
    + `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${e(idp.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>`
    + `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${e(idp.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`
    + `<saml:AuthnStatement AuthnInstant="${issued.toISOString()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`
    + '</saml:Assertion></samlp:Response>';
  return Buffer.from(xml, 'utf8').toString('base64');
}

/** Why an assertion is refused, in the words the login service answers with (the app shows them). */
export type AssertionVerdict = { ok: true; nameId: string } | { ok: false; reason: string };

function one(xml: string, re: RegExp): string | undefined {
  const m = re.exec(xml);
  return m?.[1] === undefined ? undefined : xmlUnescape(m[1]);
}

/** Checks a posted assertion body; on success its ID is spent (a second use is refused). */
export function verifyResponse(idp: IdpState, assertion: string, now: number): AssertionVerdict {
  if (assertion.length > MAX_RESPONSE_BYTES * 2 || !/^[A-Za-z0-9+/=\s]+$/.test(assertion)) return { ok: false, reason: 'not a SAML response' };
  const xml = Buffer.from(assertion, 'base64').toString('utf8');
  const assertionXml = one(xml, /<saml:Assertion\b[^>]*>([\s\S]*)<\/saml:Assertion>/);
  const fields = {
    id: one(xml, /<saml:Assertion\b[^>]*\bID="([^"]*)"/),
    issuer: assertionXml === undefined ? undefined : one(assertionXml, /<saml:Issuer>([^<]*)<\/saml:Issuer>/),
    audience: one(xml, /<saml:Audience>([^<]*)<\/saml:Audience>/),
    nameId: one(xml, /<saml:NameID\b[^>]*>([^<]*)<\/saml:NameID>/),
    notBefore: one(xml, /<saml:Conditions\b[^>]*\bNotBefore="([^"]*)"/),
    notOnOrAfter: one(xml, /<saml:Conditions\b[^>]*\bNotOnOrAfter="([^"]*)"/),
  };
  const signature = one(xml, /<ds:SignatureValue>([^<]*)<\/ds:SignatureValue>/);
  const { id, issuer, audience, nameId, notBefore, notOnOrAfter } = fields;
  if (id === undefined || issuer === undefined || audience === undefined || nameId === undefined || notBefore === undefined || notOnOrAfter === undefined || signature === undefined) {
    return { ok: false, reason: 'not a SAML response' };
  }
  if (issuer !== idp.issuer) return { ok: false, reason: `not issued by this organisation's identity provider (issuer ${issuer})` };
  const expected = Buffer.from(sign(idp.key, { id, issuer, audience, nameId, notBefore, notOnOrAfter }), 'base64');
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged (its signature does not verify)' };
  if (audience !== idp.audience) return { ok: false, reason: `meant for another service (audience ${audience})` };
  const until = Date.parse(notOnOrAfter);
  const from = Date.parse(notBefore);
  if (!Number.isFinite(until) || now >= until) return { ok: false, reason: 'expired' };
  if (!Number.isFinite(from) || now < from) return { ok: false, reason: 'not valid yet' };
  if (idp.used.has(id)) return { ok: false, reason: 'already used (sign in again)' };
  idp.used.add(id);
  return { ok: true, nameId };
}
