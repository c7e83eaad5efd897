// Reading what the identity provider posts (src-main/desktop/sso/saml-response.ts): the SAMLResponse
// field of the captured form body, then its subject — and clear refusals for anything else.
import { describe, expect, it } from 'vitest';
import {
  MAX_FORM_BYTES, SamlResponseError, readSamlResponse, samlResponseFromUpload,
} from '../../../src-main/desktop/sso/saml-response';
import { createIdpState, issueResponse } from '../../../src-main/simulator/idp';

const b64 = (xml: string): string => Buffer.from(xml, 'utf8').toString('base64');
const form = (fields: Record<string, string>): Array<{ bytes: Buffer }> => [{ bytes: Buffer.from(new URLSearchParams(fields).toString()) }];

const P = 'urn:oasis:names:tc:SAML:2.0:protocol';
const A = 'urn:oasis:names:tc:SAML:2.0:assertion';
const response = (inner: string, status = 'urn:oasis:names:tc:SAML:2.0:status:Success'): string =>
  `<samlp:Response xmlns:samlp="${P}" xmlns:saml="${A}"><saml:Issuer>https://idp.example.com</saml:Issuer><samlp:Status><samlp:StatusCode Value="${status}"/></samlp:Status>${inner}</samlp:Response>`;

describe('samlResponseFromUpload', () => {
  it('takes SAMLResponse from a form body split over several upload parts, whitespace removed', () => {
    const value = b64(response('<saml:Assertion><saml:Subject><saml:NameID>ann</saml:NameID></saml:Subject></saml:Assertion>'));
    const body = Buffer.from(`RelayState=abc&SAMLResponse=${encodeURIComponent(`${value.slice(0, 20)}\n${value.slice(20)}`)}`);
    expect(samlResponseFromUpload([{ bytes: body.subarray(0, 10) }, { bytes: body.subarray(10) }])).toBe(value);
  });

  it('refuses no body, no field, a non-base64 field and an oversized body, saying which', () => {
    expect(() => samlResponseFromUpload(undefined)).toThrow('the identity provider posted no form data');
    expect(() => samlResponseFromUpload([])).toThrow(SamlResponseError);
    expect(() => samlResponseFromUpload(form({ RelayState: 'x' }))).toThrow('the identity provider posted no SAMLResponse');
    expect(() => samlResponseFromUpload(form({ SAMLResponse: '<xml>' }))).toThrow('the SAMLResponse is not base64');
    expect(() => samlResponseFromUpload([{ bytes: Buffer.alloc(MAX_FORM_BYTES + 1, 0x41) }])).toThrow(/more than a SAML response can be/);
  });
});

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
