// `npm start` (scripts/start.mjs) where Electron's binary is missing: one paragraph, exit 1, no stack
// trace; where a binary is present it is run with the app folder and its exit code is passed on.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'scripts', 'start.mjs');

function runStart(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = { ...process.env };
  delete base.ELECTRON_SKIP_BINARY_DOWNLOAD;
  delete base.ELECTRON_OVERRIDE_DIST_PATH;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--no-build'], { cwd: root, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectNoBinaryParagraph(out: { code: number | null; stdout: string; stderr: string }): void {
  expect(out.code).toBe(1);
  expect(out.stderr).toMatch(/cannot start: Electron's program \(the Electron \d+\.\d+\.\d+ binary\) is not installed/);
  expect(out.stderr).toContain('npx install-electron');
  expect(out.stderr).toContain('npm run dev:standin');
  expect(out.stderr).toContain('development preview');
  // No stack trace, from us or from Electron's installer.
  expect(`${out.stdout}${out.stderr}`).not.toMatch(/^\s+at /m);
  expect(`${out.stdout}${out.stderr}`).not.toContain('Electron failed to install correctly');
}

describe('npm start without the Electron binary', () => {
  it('with downloads switched off: the paragraph and exit 1', async () => {
    const out = await runStart({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expectNoBinaryParagraph(out);
    expect(out.stderr).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
  });

  it('when the download fails (a mirror on loopback answering 404): the paragraph with the reason, exit 1', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const cache = mkdtempSync(join(tmpdir(), 'lpad-electron-cache-'));
    try {
      const out = await runStart({
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        electron_config_cache: cache,
      });
      expectNoBinaryParagraph(out);
      expect(out.stdout).toContain('trying to download it once');
      expect(out.stderr).toMatch(/could not be downloaded \([^)]*404/);
    } finally {
      server.close();
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('with a binary present: runs it on the app folder and passes its exit code on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpad-fake-electron-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const fake = join(dir, 'electron');
    writeFileSync(fake, '#!/bin/sh\necho "fake electron got: $*"\nexit 7\n');
    chmodSync(fake, 0o755);
    const out = await runStart({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(out.code).toBe(7);
    expect(out.stdout).toContain(`fake electron got: ${root}`);
  });
});
