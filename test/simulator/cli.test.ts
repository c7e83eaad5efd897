import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('cli', () => {
  it('starts on the given port, prints its URLs and credentials, serves CSDS, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/simulator/cli.ts', '--port', '0', '--account', '4242', '--ring-expiration', '5000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let out = '';
      const baseUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /base URL \/ CSDS url : (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1] && out.includes('agent2 / agent2-password')) { clearTimeout(timer); resolve(m[1]); }
        });
      });
      expect(out).toContain('agent1 / agent1-password');
      expect(out).toContain('account id          : 4242');
      const res = await fetch(`${baseUrl}/api/account/4242/service/baseURI.json?version=1.0`);
      expect(res.status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
