import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs the CLI to its end: exit code and both outputs. */
function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/simulator/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('cli', () => {
  it('starts on the given port, prints its URLs, credentials and HTTP API token, serves CSDS and the guarded API, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/simulator/cli.ts', '--port', '0', '--account', '4242', '--ring-expiration', '5000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let out = '';
      const baseUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /base URL \/ CSDS url : (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1] && out.includes('try:') && out.includes("-d '{")) { clearTimeout(timer); resolve(m[1]); }
        });
      });
      expect(out).toContain('agent1 / agent1-password');
      expect(out).toContain('account id          : 4242');
      const token = /HTTP API token {6}: (\S+)/.exec(out)?.[1] ?? '';
      expect(token).toMatch(/^[A-Za-z0-9_-]{24,}$/);
      // the printed curl example is the plain-http form with the token as a header
      expect(out).toContain(`curl -s -X POST ${baseUrl}/sim/consumer/conversations`);
      expect(out).toContain(`-H "Authorization: Bearer ${token}"`);
      const res = await fetch(`${baseUrl}/api/account/4242/service/baseURI.json?version=1.0`);
      expect(res.status).toBe(200);
      const open = (headers: Record<string, string>): Promise<Response> =>
        fetch(`${baseUrl}/sim/consumer/conversations`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"text":"hi"}' });
      expect((await open({})).status).toBe(403);
      expect((await open({ Authorization: `Bearer ${token}` })).status).toBe(201);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses --cert-out without --tls (exit 2, says why) instead of ignoring it', async () => {
    const r = await runToEnd(['--port', '0', '--cert-out', 'never-written.pem']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--cert-out needs --tls');
    expect(r.stdout).not.toContain('simulator up');
  });

  it('--help shows the curl example as plain http, and with --tls as https with --cacert', async () => {
    const plain = await runToEnd(['--help']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('curl -s -X POST http://127.0.0.1:8080/sim/consumer/conversations');
    expect(plain.stdout).not.toContain('--cacert');
    expect(plain.stdout).toContain('/sim/faults/drop-sockets');
    const tls = await runToEnd(['--help', '--tls', '--cert-out', 'my-ca.pem']);
    expect(tls.code).toBe(0);
    expect(tls.stdout).toContain('curl -s --cacert my-ca.pem -X POST https://127.0.0.1:8080/sim/consumer/conversations');
    expect(tls.stdout).toContain('Authorization: Bearer <token>');
  });
});
