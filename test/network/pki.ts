/**
 * Test certificates made at test time with Debian's `openssl`: a "corporate" root CA (as IT
 * deploys for TLS inspection) and leaves it signs — valid, expired, or for another host name.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function openssl(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd, timeout: 30_000 }, (err, _out, stderr) => {
      if (err) reject(new Error(`openssl ${args[0]} failed: ${String(stderr).trim() || err.message}`));
      else resolve();
    });
  });
}

export interface TestCa {
  dir: string;
  certPath: string;
  keyPath: string;
  cert: string;
  /** The CN in the CA's subject. */
  name: string;
}

/** The CA's files go to a new dir in `under` (default the OS temp dir): give the test's own temp dir, removed with it. */
export async function makeCa(name: string, under = tmpdir()): Promise<TestCa> {
  const dir = await mkdtemp(join(under, 'lp-net-ca-'));
  await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem',
    '-days', '2', '-subj', `/CN=${name}/O=Test Corp`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  return { dir, certPath: join(dir, 'ca.pem'), keyPath: join(dir, 'ca.key'), cert: await readFile(join(dir, 'ca.pem'), 'utf8'), name };
}

let serial = 0;

/** A leaf for `host` (DNS name or IP) signed by `ca`; `days: -1` gives an expired certificate. */
export async function makeLeaf(ca: TestCa, host: string, days = 2): Promise<{ cert: string; key: string }> {
  const id = `leaf${++serial}`;
  const san = /^[\d.]+$/.test(host) ? `IP:${host}` : `DNS:${host}`;
  await writeFile(join(ca.dir, `${id}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`);
  await openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', `/CN=${host}`], ca.dir);
  await openssl(['x509', '-req', '-in', `${id}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', String(1000 + serial), '-days', String(days),
    '-extfile', `${id}.ext`, '-out', `${id}.pem`], ca.dir);
  return { cert: await readFile(join(ca.dir, `${id}.pem`), 'utf8'), key: await readFile(join(ca.dir, `${id}.key`), 'utf8') };
}
