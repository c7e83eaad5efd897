/**
 * The SAML response's form as the identity provider posts it to the assertion-consumer URL (HTTP-POST
 * binding: an `application/x-www-form-urlencoded` body with a base64 `SAMLResponse` field), as main
 * captures it from the login window's request (login-window.ts). Reading the XML inside is
 * saml-response.ts, imported only when a single sign-on comes back (it brings the XML parser).
 */

/** Larger than any real SAML response (tens of kB with certificates), small enough to bound memory. */
export const MAX_SAML_RESPONSE_CHARS = 512 * 1024;
/** The whole posted form body may carry RelayState and the like beside SAMLResponse. */
export const MAX_FORM_BYTES = MAX_SAML_RESPONSE_CHARS + 16 * 1024;

export class SamlResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SamlResponseError';
  }
}

/** One part of a request body as Electron's webRequest gives it (`UploadData`: bytes, or a file / blob reference). */
export interface UploadPart {
  bytes?: Uint8Array;
}

/**
 * The `SAMLResponse` field of a captured form POST (the parts of Electron's `uploadData`, joined).
 * Throws SamlResponseError when there is none, it is too large, or it is not base64.
 */
export function samlResponseFromUpload(parts: readonly UploadPart[] | undefined): string {
  const chunks = (parts ?? []).flatMap((p) => (p.bytes ? [p.bytes] : []));
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  if (size === 0) throw new SamlResponseError('the identity provider posted no form data');
  if (size > MAX_FORM_BYTES) throw new SamlResponseError(`the identity provider posted ${size} bytes, more than a SAML response can be`);
  const body = Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength))).toString('utf8');
  const value = new URLSearchParams(body).get('SAMLResponse');
  if (value === null || value.trim() === '') throw new SamlResponseError('the identity provider posted no SAMLResponse');
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new SamlResponseError('the SAMLResponse is not base64');
  return compact;
}
