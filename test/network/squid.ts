/**
 * A real proxy for the network tests: Debian's squid (the squid-openssl flavour for TLS inspection),
 * started with its own config in a temp dir on a loopback port — basic authentication through
 * basic_ncsa_auth and an htpasswd file made here, an ACL that refuses CONNECT to given ports (403),
 * and optionally ssl-bump with a test root CA. Its access log proves traffic went through it.
 * Without squid the harness throws, saying how to install it: nothing is skipped.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestCa } from './pki';

const SQUID = '/usr/sbin/squid';
const LIBEXEC = '/usr/lib/squid';

export interface SquidOptions {
  /** Require basic authentication with this user. */
  auth?: { username: string; password: string };
  /** CONNECT to these ports is denied (403). */
  denyPorts?: number[];
  /** Inspect TLS (ssl-bump) with certificates signed by this CA; upstream trusted via `upstreamCaFile`. */
  bump?: { ca: TestCa; upstreamCaFile: string };
}

export interface Squid {
  port: number;
  /** http://127.0.0.1:port (no credentials). */
  url: string;
  /** squid's access log so far, without the readiness probe's lines. */
  accessLog(): Promise<string>;
  /** Stops squid (as a crash would for clients: connections cut). */
  stop(): Promise<void>;
  /** Starts it again on the same port, same config. */
  start(): Promise<void>;
  /** Stops squid for good and removes its temp dir (config, logs, certificate db). */
  close(): Promise<void>;
}

/** A loopback port nothing listens on (taken, then let go). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Where the readiness probe connects from (whenAccepting); accessLog() leaves its lines out. */
const PROBE_SOURCE = '127.0.0.2';

/**
 * Resolves once a TCP connection to the port is accepted. squid logs "Accepting HTTP Socket
 * connections" a moment before its socket takes connections: under load, a connection made right
 * after that line was refused 16 times in 30 (2026-12-08), which made the proxy tests flaky. There
 * is no event for "listening" to await from outside the process, so: try, and on a refusal try again
 * after `retryMs`, until `deadline` or `signal` (squid exited). From PROBE_SOURCE: squid logs a
 * connection closed without a request ("transaction-end-before-headers"), and accessLog() leaves the
 * probe's lines out (an `access_log … !acl` with a `src` ACL did not, in squid 5.7). Linux: all of
 * 127.0.0.0/8 is local there (these tests use Debian's squid; macOS has only 127.0.0.1 up by default).
 */
export function whenAccepting(port: number, opts: { retryMs?: number; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const s = connect({ host: '127.0.0.1', port, localAddress: PROBE_SOURCE });
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', (e: NodeJS.ErrnoException) => {
        s.destroy();
        if (opts.signal?.aborted) reject(new Error(`squid on port ${port} stopped before it took a connection`));
        else if (e.code !== 'ECONNREFUSED' || Date.now() > deadline) reject(new Error(`squid on port ${port} does not take connections: ${e.message}`));
        else setTimeout(attempt, opts.retryMs ?? 20);
      });
    };
    attempt();
  });
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 30_000 }, (err, out, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${String(stderr).trim() || err.message}`));
      else resolve(String(out));
    });
  });
}

export function assertSquidInstalled(): void {
  if (!existsSync(SQUID) || !existsSync(join(LIBEXEC, 'basic_ncsa_auth'))) {
    throw new Error('squid is not installed: these tests need a real proxy. Install it with `apt-get install -y squid-openssl` (.ci/run does).');
  }
}

export async function startSquid(opts: SquidOptions = {}): Promise<Squid> {
  assertSquidInstalled();
  const dir = await mkdtemp(join(tmpdir(), 'lp-squid-'));
  await chmod(dir, 0o777); // squid drops to the `proxy` user when started as root
  const port = await freePort();
  const lines = [
    opts.bump
      ? `http_port 127.0.0.1:${port} ssl-bump tls-cert=${opts.bump.ca.certPath} tls-key=${opts.bump.ca.keyPath} generate-host-certificates=on dynamic_cert_mem_cache_size=4MB`
      : `http_port 127.0.0.1:${port}`,
    `pid_filename ${dir}/squid.pid`, `access_log stdio:${dir}/access.log`, `cache_log ${dir}/cache.log`, 'cache_store_log none',
    `coredump_dir ${dir}`, 'cache deny all', 'pinger_enable off', 'shutdown_lifetime 0 seconds', 'visible_hostname squid-test',
    // protocol names compare case-sensitively: ws sends "websocket"
    'http_upgrade_request_protocols websocket allow all', 'http_upgrade_request_protocols WebSocket allow all',
  ];
  if (opts.denyPorts && opts.denyPorts.length > 0) lines.push(`acl denied_port port ${opts.denyPorts.join(' ')}`, 'http_access deny CONNECT denied_port');
  if (opts.auth) {
    const hash = (await run('openssl', ['passwd', '-apr1', opts.auth.password])).trim();
    await writeFile(join(dir, 'htpasswd'), `${opts.auth.username}:${hash}\n`, { mode: 0o644 });
    lines.push(`auth_param basic program ${LIBEXEC}/basic_ncsa_auth ${dir}/htpasswd`, 'auth_param basic realm corporate-proxy',
      'acl authed proxy_auth REQUIRED', 'http_access allow authed');
  } else {
    lines.push('http_access allow localhost');
  }
  lines.push('http_access deny all');
  if (opts.bump) {
    // squid 5.7 does not match the simulator's IP subjectAltName (127.0.0.1) on its own upstream leg
    // (ERR_SECURE_CONNECT_FAIL after check_domain), so this test proxy accepts its upstream — the
    // simulator — unchecked. Only the fixture's leg; the app's verification, under test, is never relaxed.
    await run(`${LIBEXEC}/security_file_certgen`, ['-c', '-s', `${dir}/ssl_db`, '-M', '4MB']);
    await run('chmod', ['-R', 'a+rwX', `${dir}/ssl_db`]);
    lines.push(`sslcrtd_program ${LIBEXEC}/security_file_certgen -s ${dir}/ssl_db -M 4MB`, 'sslcrtd_children 3 startup=1 idle=1',
      'acl step1 at_step SslBump1', 'ssl_bump peek step1', 'ssl_bump bump all', `tls_outgoing_options cafile=${opts.bump.upstreamCaFile}`, 'sslproxy_cert_error allow all');
  }
  const conf = join(dir, 'squid.conf');
  await writeFile(conf, `${lines.join('\n')}\n`, { mode: 0o644 });

  let proc: ChildProcess | null = null;
  const start = (): Promise<void> => new Promise((resolve, reject) => {
    const p = spawn(SQUID, ['-N', '-d', '1', '-f', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    proc = p;
    const out: string[] = [];
    const exited = new AbortController();
    const onExit = (code: number | null): void => {
      exited.abort();
      reject(new Error(`squid exited (${code}) before accepting connections:\n${out.join('\n')}`));
    };
    p.once('exit', onExit);
    createInterface({ input: p.stderr! }).on('line', (l) => {
      out.push(l);
      if (/Accepting .*HTTP Socket connections/.test(l)) {
        whenAccepting(port, { signal: exited.signal }).then(() => {
          p.off('exit', onExit);
          resolve();
        }, reject);
      }
    });
  });
  const stop = (): Promise<void> => new Promise<void>((resolve) => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) { resolve(); return; }
    p.once('exit', () => resolve());
    p.kill('SIGKILL');
  });
  await start().catch(async (e: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw e;
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    // Without the readiness probe's lines (whenAccepting): what the tests' own traffic left.
    accessLog: async () => (await readFile(join(dir, 'access.log'), 'utf8').catch(() => ''))
      .split('\n').filter((line) => line.split(/\s+/)[2] !== PROBE_SOURCE).join('\n'),
    stop,
    start,
    close: async () => {
      await stop();
      // maxRetries: its certificate helpers may still be writing for a moment after squid is gone.
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
