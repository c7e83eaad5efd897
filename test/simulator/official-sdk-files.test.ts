/**
 * Official-client check of the simulator's file API (issue 12): LivePerson's node-agent-sdk 1.2.0
 * (installed on demand into bench/peer, never an app dependency: bench/peer/ensure.ts) asks for upload
 * and download URLs with its own requests, uploads and downloads through them, over TLS. The SDK runs
 * in a child (NODE_EXTRA_CA_CERTS is read only at start).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import { png } from '../lp/helpers/images';

const root = fileURLToPath(new URL('../../', import.meta.url));
const peerDir = join(root, 'bench', 'peer');

/** The SDK as bench/peer/ensure.ts installs it (not an app dependency; git-ignored): installed here when missing. */
function ensureSdk(): void {
  if (existsSync(join(peerDir, 'node_modules', 'node-agent-sdk', 'package.json'))) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', peerDir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', 'node-agent-sdk@1.2.0'], { cwd: peerDir, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`npm install node-agent-sdk failed (exit ${String(r.status)}): ${(r.stderr ?? '').slice(-400)}`);
}

describe('node-agent-sdk file requests against the simulator', () => {
  it('generateURLForUploadFile → PUT → generateURLForDownloadFile → GET returns the bytes; an unknown path is refused', { timeout: 240_000 }, async () => {
    ensureSdk();
    const sim = await startSimulator({ tls: true });
    const dir = mkdtempSync(join(tmpdir(), 'lpad-sdk-'));
    try {
      const caFile = join(dir, 'sim.pem');
      writeFileSync(caFile, sim.tls!.cert);
      const agent = sim.agents[0]!;
      const bytes = png(10, 10);
      const env: Record<string, string | undefined> = {
        ...process.env, NODE_EXTRA_CA_CERTS: caFile, PEER_ACCOUNT: sim.accountId, PEER_USER: agent.username, PEER_PASS: agent.password,
        PEER_CSDS: sim.host, PEER_FILE_BASE64: bytes.toString('base64'),
      };
      delete env.NODE_OPTIONS;
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/simulator/sdk-files-peer.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
      child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
      await new Promise<void>((resolve) => child.on('close', () => resolve()));
      const line = out.trim().split('\n').pop() ?? '';
      const result = JSON.parse(line || `{"error":${JSON.stringify(`no output; stderr: ${err.slice(-500)}`)}}`) as Record<string, unknown>;
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({
        host: sim.host,
        upload: { relativePath: expect.stringMatching(/^\/v1\/AUTH_async-images\//) as string, queryParams: { temp_url_sig: expect.any(String) as string, temp_url_expires: expect.any(String) as string } },
        putStatus: 201,
        getStatus: 200,
        same: true,
        refused: expect.stringContaining('400') as string,
      });
      expect(sim.inspect.requests({ username: agent.username }).map((r) => r.type)).toEqual(expect.arrayContaining(['.ams.ms.GenerateURLForUploadFile', '.ams.ms.GenerateURLForDownloadFile']));
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
