// Trusted certificates (src-main/desktop/network/trusted-certificates.ts) with real certificates made
// by openssl: added from a file, listed (subject, issuer, expiry, expired marked), kept across a
// restart, removed; the IT policy's files loaded and locked; hostile files refused, nothing changed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrustedCertificates } from '../../../src-main/desktop/network/trusted-certificates';
import { makeCa, makeLeaf, type TestCa } from '../../network/pki';

let ca: TestCa;
let expired: string;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lp-trusted-'));
  ca = await makeCa('Corp Inspection Root', dir);
  expired = (await makeLeaf(ca, 'old.corp.example', -1)).cert;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store file in a dir of its own (inside `dir`). */
const storeFile = (): string => join(mkdtempSync(join(dir, 'store-')), 't.json');

const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('trusted certificates', () => {
  it('adds a PEM file, lists subject, issuer and expiry, keeps it across a restart, removes it', () => {
    const store = storeFile();
    const a = createTrustedCertificates({ file: store, policyFiles: [], log: () => undefined });
    expect(a.addFile(file('corp.pem', ca.cert))).toBe(1);
    expect(a.addFile(file('corp-again.pem', ca.cert))).toBe(0);
    const [c] = a.list();
    expect(c).toMatchObject({ subject: 'Corp Inspection Root, Test Corp', issuer: 'Corp Inspection Root, Test Corp', source: 'user', expired: false });
    expect(c!.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const b = createTrustedCertificates({ file: store, policyFiles: [], log: () => undefined });
    expect(b.list().map((x) => x.fingerprint)).toEqual([c!.fingerprint]);
    expect(b.pems()).toHaveLength(1);
    expect(b.remove(c!.fingerprint)).toBe(true);
    expect(createTrustedCertificates({ file: store, policyFiles: [], log: () => undefined }).list()).toEqual([]);
  });

  it('marks an expired certificate', () => {
    const a = createTrustedCertificates({ file: storeFile(), policyFiles: [], log: () => undefined });
    a.addFile(file('expired.pem', expired));
    expect(a.list()[0]).toMatchObject({ subject: 'old.corp.example', issuer: 'Corp Inspection Root, Test Corp', expired: true });
  });

  it('loads the IT policy\'s files as locked; an unreadable one is said (path and error), the rest still load', () => {
    const good = file('policy-ca.pem', ca.cert);
    const missing = join(dir, 'missing.pem');
    const logs: string[] = [];
    const a = createTrustedCertificates({ file: storeFile(), policyFiles: [good, missing], log: (m) => logs.push(m) });
    expect(a.list()).toEqual([expect.objectContaining({ source: 'organisation', file: 'policy-ca.pem' })]);
    expect(a.policyErrors()).toEqual([`IT policy certificate file ${missing} was not loaded: missing.pem cannot be read (ENOENT)`]);
    expect(logs.join('\n')).toContain(missing);
    expect(a.remove(a.list()[0]!.fingerprint)).toBe(false);
    expect(a.pems()).toHaveLength(1);
  });

  it.each([
    ['huge', () => file('huge.pem', Buffer.alloc(2 * 1024 * 1024, 65)), /huge\.pem is too large for a certificate file/],
    ['not PEM', () => file('notes.txt', 'hello, this is not a certificate'), /notes\.txt holds no PEM certificate/],
    ['DER bytes', () => file('root.der', Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82])), /root\.der holds no PEM certificate/],
    ['a private key', () => file('key.pem', `-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n${ca.cert}`), /key\.pem holds a private key/],
    ['10,000 certificates', () => file('many.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'.repeat(10_000)), /many\.pem holds more than 200 certificates/],
    ['a broken certificate', () => file('broken.pem', '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n'), /broken\.pem: certificate 1 is not a valid X\.509 certificate/],
    ['a directory', () => dir, /is not a file/],
  ])('refuses %s with a clear error and changes nothing', (_name, make, message) => {
    const store = storeFile();
    const a = createTrustedCertificates({ file: store, policyFiles: [], log: () => undefined });
    a.addFile(file('ok.pem', ca.cert));
    const before = a.list();
    expect(() => a.addFile(make())).toThrow(message);
    expect(a.list()).toEqual(before);
    expect(createTrustedCertificates({ file: store, policyFiles: [], log: () => undefined }).list()).toEqual(before);
  });
});
