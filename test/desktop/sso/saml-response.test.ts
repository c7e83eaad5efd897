// Reading the SAML response the identity provider posts (src-main/desktop/sso/saml-response.ts): its
// subject — and clear refusals for anything else.
import { describe, expect, it } from 'vitest';
import { SamlResponseError } from '../../../src-main/desktop/sso/saml-form';
import { readSamlResponse } from '../../../src-main/desktop/sso/saml-response';
import { createIdpState, issueResponse } from '../../../src-main/simulator/idp';

const b64 = (xml: string): string => Buffer.from(xml, 'utf8').toString('base64');

const P = 'urn:oasis:names:tc:SAML:2.0:protocol';
const A = 'urn:oasis:names:tc:SAML:2.0:assertion';
const response = (inner: string, status = 'urn:oasis:names:tc:SAML:2.0:status:Success'): string =>
  `<samlp:Response xmlns:samlp="${P}" xmlns:saml="${A}"><saml:Issuer>https://idp.example.com</saml:Issuer><samlp:Status><samlp:StatusCode Value="${status}"/></samlp:Status>${inner}</samlp:Response>`;

describe('readSamlResponse', () => {
  it('reads the subject and the issuer of the simulator IdP\'s response', () => {
    const idp = createIdpState({ accountId: '123' });
    idp.issuer = 'http://127.0.0.1:1/idp';
    idp.acsUrl = 'http://127.0.0.1:1/acs';
    expect(readSamlResponse(issueResponse(idp, 'agent & co', Date.now()))).toEqual({ nameId: 'agent & co', issuer: 'http://127.0.0.1:1/idp' });
  });

  it('reads a response whose prefixes differ (namespaces count, not prefixes)', () => {
    const xml = `<p:Response xmlns:p="${P}"><p:Status><p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></p:Status><Assertion xmlns="${A}"><Subject><NameID>bob@example.com</NameID></Subject></Assertion></p:Response>`;
    expect(readSamlResponse(b64(xml)).nameId).toBe('bob@example.com');
  });

  it('refuses a failed status, no subject, another root, a DOCTYPE (entity tricks) and broken XML', () => {
    expect(() => readSamlResponse(b64(response('', 'urn:oasis:names:tc:SAML:2.0:status:Requester')))).toThrow('the identity provider did not sign you in (status urn:oasis:names:tc:SAML:2.0:status:Requester)');
    expect(() => readSamlResponse(b64(response('<saml:Assertion/>')))).toThrow('the SAML response names no user (no NameID)');
    expect(() => readSamlResponse(b64(`<html xmlns="http://www.w3.org/1999/xhtml"><body>login failed</body></html>`))).toThrow('the identity provider did not answer with a SAML response');
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${response('<saml:Assertion><saml:Subject><saml:NameID>&x;</saml:NameID></saml:Subject></saml:Assertion>')}`;
    expect(() => readSamlResponse(b64(xxe))).toThrow('the SAML response was refused: it declares a DOCTYPE');
    expect(() => readSamlResponse(b64('<samlp:Response'))).toThrow(/the SAML response was refused: it is not well-formed XML/);
    expect(() => readSamlResponse(b64('not xml at all'))).toThrow(SamlResponseError);
  });
});
