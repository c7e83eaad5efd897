// The form the identity provider posts (src-main/desktop/sso/saml-form.ts): its SAMLResponse field,
// read from the captured upload parts — and clear refusals for anything else.
import { describe, expect, it } from 'vitest';
import { MAX_FORM_BYTES, SamlResponseError, samlResponseFromUpload } from '../../../src-main/desktop/sso/saml-form';

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
