/**
 * The SAML response the identity provider posted (its form field: saml-form.ts). Main does not judge
 * the assertion — LivePerson does, when it is sent as the assertion login body (lp-protocol.md §2) —
 * it only reads what the app needs before that: the subject (NameID, the app's name for the agent until LivePerson answers) and
 * whether the IdP reported success. The XML is read with saxes (namespace-aware, no DTD, no entity
 * expansion); a DOCTYPE is refused outright, as SAML libraries do.
 */
import { SaxesParser } from 'saxes';
import { MAX_SAML_RESPONSE_CHARS, SamlResponseError } from './saml-form';

const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

export interface SamlSummary {
  /** The assertion's subject (saml:Subject/saml:NameID). */
  nameId: string;
  /** The response's issuer, when given (the IdP). */
  issuer?: string;
}

interface Frame {
  uri: string;
  local: string;
}

/**
 * Reads a base64 SAMLResponse: it must be a samlp:Response whose status is Success and which holds an
 * assertion with a NameID. Throws SamlResponseError (with what is wrong) otherwise.
 */
export function readSamlResponse(base64: string): SamlSummary {
  if (base64.length > MAX_SAML_RESPONSE_CHARS) throw new SamlResponseError('the SAMLResponse is too large');
  const xml = Buffer.from(base64, 'base64').toString('utf8');
  const parser = new SaxesParser({ xmlns: true });
  const stack: Frame[] = [];
  let root: Frame | undefined;
  let status: string | undefined;
  let nameId: string | undefined;
  let issuer: string | undefined;
  let text = '';
  let failure: string | undefined;
  const inside = (uri: string, local: string): boolean => stack.some((f) => f.uri === uri && f.local === local);
  parser.on('doctype', () => { failure ??= 'it declares a DOCTYPE'; });
  parser.on('error', (err) => { failure ??= `it is not well-formed XML (${err.message.split('\n')[0] ?? ''})`; });
  parser.on('opentag', (tag) => {
    const frame = { uri: tag.uri, local: tag.local };
    root ??= frame;
    if (frame.uri === PROTOCOL_NS && frame.local === 'StatusCode' && status === undefined) status = tag.attributes.Value?.value;
    stack.push(frame);
    text = '';
  });
  parser.on('text', (t) => { text += t; });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (tag.uri === ASSERTION_NS && tag.local === 'NameID' && inside(ASSERTION_NS, 'Subject') && nameId === undefined) nameId = text.trim();
    // The response's own Issuer (a direct child of the root), not one inside the assertion.
    if (tag.uri === ASSERTION_NS && tag.local === 'Issuer' && stack.length === 1 && issuer === undefined) issuer = text.trim();
    text = '';
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    failure ??= `it is not well-formed XML (${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)})`;
  }
  if (failure !== undefined) throw new SamlResponseError(`the SAML response was refused: ${failure}`);
  if (!root || root.uri !== PROTOCOL_NS || root.local !== 'Response') throw new SamlResponseError('the identity provider did not answer with a SAML response');
  if (status !== SUCCESS) throw new SamlResponseError(`the identity provider did not sign you in (status ${status ?? 'missing'})`);
  if (!nameId) throw new SamlResponseError('the SAML response names no user (no NameID)');
  return { nameId, ...(issuer ? { issuer } : {}) };
}
