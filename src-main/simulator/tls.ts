/**
 * Self-signed certificate for https/wss on loopback (CN=localhost, SAN DNS:localhost, IP:127.0.0.1).
 * Generated with the `openssl` command line (Debian ships it); one certificate per process, cached.
 * Without openssl, startSimulator({tls:true}) fails with a clear error.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface TlsMaterial { cert: string; key: string }

let cached: Promise<TlsMaterial> | null = null;

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 30_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${err.message} ${String(stderr).trim()}`));
      else resolve();
    });
  });
}

async function generate(): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), 'lp-sim-tls-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    try {
      await run('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyPath, '-out', certPath, '-days', '30', '-subj', '/CN=localhost',
        '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-addext', 'basicConstraints=critical,CA:TRUE',
      ]);
    } catch (e) {
      throw new Error(`LivePerson simulator: tls:true needs the 'openssl' command to make a self-signed certificate (${e instanceof Error ? e.message : String(e)})`, { cause: e });
    }
    return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function selfSignedCert(): Promise<TlsMaterial> {
  cached ??= generate().catch((e: unknown) => { cached = null; throw e; });
  return cached;
}
