/** connection/network-errors.ts: what a failure with no answer was, from Node's and Chromium's codes. */
import { describe, expect, it } from 'vitest';
import { classifyNetworkError, isTlsFailure } from '../../../src-main/lp/connection/network-errors';

describe('classifyNetworkError', () => {
  it.each([
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 'cert-untrusted', /not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/],
    [{ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, 'cert-untrusted', /not trusted/],
    [{ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'cert-untrusted', /not trusted/],
    [{ code: 'net::ERR_CERT_AUTHORITY_INVALID' }, 'cert-untrusted', /\(ERR_CERT_AUTHORITY_INVALID\)/],
    [{ message: 'net::ERR_CERT_AUTHORITY_INVALID' }, 'cert-untrusted', /not trusted/],
    [{ code: 'CERT_HAS_EXPIRED' }, 'cert-expired', /expired/],
    [{ code: 'ERR_CERT_DATE_INVALID' }, 'cert-expired', /expired/],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" }, 'cert-hostname', /another host name/],
    [{ code: 'ERR_CERT_COMMON_NAME_INVALID' }, 'cert-hostname', /another host name/],
    [{ code: 'EPROTO', message: 'write EPROTO …:ssl3_get_record:wrong version number', scheme: 'https' as const }, 'tls-mismatch', /does not speak TLS/],
    [{ message: 'ssl3_get_record:wrong version number', scheme: 'https' as const }, 'tls-mismatch', /does not speak TLS/],
    [{ code: 'ERR_SSL_PROTOCOL_ERROR', scheme: 'https' as const }, 'tls-mismatch', /does not speak TLS/],
    [{ code: 'EPROTO', scheme: 'http' as const }, 'tls-mismatch', /speaks TLS.*https:\/\//],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' }, 'network', /^network error: ECONNREFUSED$/],
    [{ code: 'ENOTFOUND' }, 'network', /^network error: ENOTFOUND$/],
    [{ message: 'socket hang up' }, 'network', /^network error: socket hang up$/],
    [{}, 'network', /^network error: no answer$/],
  ])('%o → %s', (failure, kind, words) => {
    const f = classifyNetworkError(failure);
    expect(f.kind).toBe(kind);
    expect(f.words).toMatch(words);
    // words never blame "your network" for a certificate or a TLS mismatch
    if (kind !== 'network') expect(f.words).not.toMatch(/network/i);
  });

  it('only certificate and TLS failures stop the retries', () => {
    expect(isTlsFailure('cert-untrusted')).toBe(true);
    expect(isTlsFailure('cert-expired')).toBe(true);
    expect(isTlsFailure('cert-hostname')).toBe(true);
    expect(isTlsFailure('tls-mismatch')).toBe(true);
    expect(isTlsFailure('network')).toBe(false);
    expect(isTlsFailure(undefined)).toBe(false);
  });
});
