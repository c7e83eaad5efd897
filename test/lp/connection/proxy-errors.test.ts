import { describe, expect, it } from 'vitest';
import { ProxyError, explainNetworkError } from '../../../src-main/lp/index';

const withCert = (code: string): Error => Object.assign(new Error(code), {
  code, presentedCertificate: { issuer: 'Corp Inspection CA, Corp', subject: 'lp.example', validTo: 'Jan  1 00:00:00 2020 GMT' },
});

describe('explainNetworkError', () => {
  it('names the issuer of an untrusted certificate (Node codes and Chromium names)', () => {
    expect(explainNetworkError(withCert('SELF_SIGNED_CERT_IN_CHAIN'))).toEqual({
      kind: 'cert-untrusted',
      message: 'the connection is inspected with a certificate this computer does not trust: Corp Inspection CA, Corp; ask IT, or add it in Settings',
    });
    expect(explainNetworkError(new Error('net::ERR_CERT_AUTHORITY_INVALID')).kind).toBe('cert-untrusted');
  });

  it('says expired and host-name mismatch with the certificate named', () => {
    expect(explainNetworkError(withCert('CERT_HAS_EXPIRED')).message).toContain('has expired or is not valid yet (lp.example, issued by Corp Inspection CA, Corp, valid until Jan  1 00:00:00 2020 GMT)');
    expect(explainNetworkError(withCert('ERR_TLS_CERT_ALTNAME_INVALID')).kind).toBe('cert-hostname');
    expect(explainNetworkError(new Error('net::ERR_CERT_DATE_INVALID')).kind).toBe('cert-expired');
  });

  it('maps Chromium proxy failures and keeps proxy errors and their causes', () => {
    expect(explainNetworkError(new Error('net::ERR_TUNNEL_CONNECTION_FAILED')).message).toContain("your network's proxy blocks LivePerson");
    expect(explainNetworkError(new Error('net::ERR_PROXY_CONNECTION_FAILED')).kind).toBe('proxy-unreachable');
    const p = new ProxyError('the proxy refused', 'proxy-auth', 'http://p:1', 407);
    expect(explainNetworkError(new Error('wrapped', { cause: p }))).toEqual({ kind: 'proxy-auth', message: 'the proxy refused' });
  });

  it('leaves other failures as they are', () => {
    expect(explainNetworkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toEqual({ kind: 'network', message: 'connect ECONNREFUSED' });
    expect(explainNetworkError('weird')).toEqual({ kind: 'network', message: 'weird' });
  });
});
