// REST trusting added certificates (src-main/desktop/network/certificate-verify.ts): the verify proc
// on real openssl chains. Accepts only an authority failure whose chain is anchored in an added
// certificate, valid now and for the host; everything else keeps Chromium's result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateVerifyProc, createRefusedCertificates, type ChainCertificate } from '../../../src-main/desktop/network/certificate-verify';
import type { PresentedCertificate } from '../../../src-main/lp/index';
import { makeCa, makeLeaf, type TestCa } from '../../network/pki';

let corp: TestCa;
let other: TestCa;
let leaf: string;
let expiredLeaf: string;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lp-cert-verify-'));
  corp = await makeCa('Corp Inspection Root', dir);
  other = await makeCa('Someone Else', dir);
  leaf = (await makeLeaf(corp, 'lp.example')).cert;
  expiredLeaf = (await makeLeaf(corp, 'lp.example', -1)).cert;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chain = (pem: string, issuer?: string): ChainCertificate => ({
  data: pem, issuer: { commonName: 'Corp Inspection Root', organizations: ['Test Corp'] }, subject: { commonName: 'lp.example', organizations: [] }, validExpiry: 1_900_000_000,
  ...(issuer ? { issuerCert: { data: issuer } } : {}),
});

function verdict(added: string[], request: { hostname: string; certificate: ChainCertificate; errorCode: number }, refused?: (h: string, c: PresentedCertificate) => void): Promise<number> {
  return new Promise((resolve) => createCertificateVerifyProc({ added: () => added, log: () => undefined, ...(refused ? { refused } : {}) })(request, resolve));
}

describe('certificate verify proc', () => {
  it('accepts a chain anchored in an added certificate (leaf alone, or leaf + the CA)', async () => {
    expect(await verdict([corp.cert], { hostname: 'lp.example', certificate: chain(leaf), errorCode: -202 })).toBe(0);
    expect(await verdict([corp.cert], { hostname: 'lp.example', certificate: chain(leaf, corp.cert), errorCode: -202 })).toBe(0);
  });

  it('keeps Chromium\'s result otherwise: not added, another anchor, wrong host, expired, other errors, success', async () => {
    expect(await verdict([], { hostname: 'lp.example', certificate: chain(leaf), errorCode: -202 })).toBe(-3);
    expect(await verdict([other.cert], { hostname: 'lp.example', certificate: chain(leaf), errorCode: -202 })).toBe(-3);
    expect(await verdict([corp.cert], { hostname: 'evil.example', certificate: chain(leaf), errorCode: -202 })).toBe(-3);
    expect(await verdict([corp.cert], { hostname: 'lp.example', certificate: chain(expiredLeaf), errorCode: -202 })).toBe(-3);
    expect(await verdict([corp.cert], { hostname: 'lp.example', certificate: chain(leaf), errorCode: -201 })).toBe(-3);
    expect(await verdict([corp.cert], { hostname: 'lp.example', certificate: chain(leaf), errorCode: 0 })).toBe(-3);
    // a chain that claims the added CA as issuer but is signed by another key
    expect(await verdict([corp.cert], { hostname: 'lp.example', certificate: chain((await makeLeaf(other, 'lp.example')).cert, corp.cert), errorCode: -202 })).toBe(-3);
  });

  it('records the refused certificate by host so REST errors can name its issuer', async () => {
    const refused = createRefusedCertificates();
    await verdict([], { hostname: 'lp.example', certificate: chain(leaf), errorCode: -202 }, refused.record);
    expect(refused.get('lp.example')).toEqual({ issuer: 'Corp Inspection Root, Test Corp', subject: 'lp.example', validTo: new Date(1_900_000_000_000).toISOString() });
    expect(refused.get('other.example')).toBeUndefined();
  });
});
