// Local crash reports: the reporter never uploads; the support zip holds the logs (redacted — no
// password, bearer, csrf or cookie), the crash dumps and a short report; the crash folder is
// created before the OS is asked to open it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportReport, startCrashReporter } from '../../src-main/desktop/crash-reports';
import { createFileLogger } from '../../src-main/desktop/logging';
import { createCrashActions } from '../../src-main/desktop/startup/crash-phase';
import { clearSecrets, redact, registerSecret } from '../../src-main/lp/index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpad-crash-'));
});
afterEach(() => {
  clearSecrets();
  rmSync(dir, { recursive: true, force: true });
});

const about = { name: 'LP Agent Desktop', version: '0.1.0', platform: 'linux', versions: { electron: '45.4.1', chrome: '142.0.0.0', node: '22.20.0' } };
const reporter = { getUploadedReports: () => [{ date: new Date('2026-12-07T01:00:00Z'), id: '' }] };

describe('crash reporter', () => {
  it('starts with uploads off (local dumps only)', () => {
    const calls: unknown[] = [];
    startCrashReporter({ start: (o) => calls.push(o) }, 'LP Agent Desktop');
    expect(calls).toEqual([expect.objectContaining({ uploadToServer: false, productName: 'LP Agent Desktop' })]);
    expect(calls[0]).not.toHaveProperty('submitURL');
  });
});

describe('export of logs and crash reports', () => {
  it('one zip: the logs redacted, every dump, report.json; no secret anywhere in it', () => {
    const secrets = ['hunter2-password', 'eyJhbGciOi.bearer-token-value', 'csrf-9f8e7d', 'session=cookie-abc123'];
    for (const s of secrets) registerSecret(s);
    const logger = createFileLogger({ dir: join(dir, 'logs'), redact });
    logger.log('info', 'signed in as agent1');
    logger.log('info', `login answered bearer ${secrets[1]} csrf ${secrets[2]}`);
    // A line written before the secret was known to the redactor (the export redacts again).
    writeFileSync(join(dir, 'logs', 'main.1.log'), `2026-12-07T00:00:00.000Z INFO old line with ${secrets[0]} and ${secrets[3]}\n`);
    const crashDir = join(dir, 'Crashpad');
    mkdirSync(join(crashDir, 'completed'), { recursive: true });
    mkdirSync(join(crashDir, 'pending'), { recursive: true });
    writeFileSync(join(crashDir, 'completed', 'a1b2.dmp'), Buffer.from([0x4d, 0x44, 0x4d, 0x50, 1, 2, 3]));
    writeFileSync(join(crashDir, 'pending', 'c3d4.dmp'), Buffer.from([0x4d, 0x44, 0x4d, 0x50, 9]));
    writeFileSync(join(crashDir, 'settings.dat'), 'crashpad settings');

    const out = exportReport(join(dir, 'out', 'report.zip'), { logLines: logger.redactedLines(), crashDir, crashReporter: reporter, about, now: new Date('2026-12-07T02:00:00Z') });
    expect(out).toEqual({ path: join(dir, 'out', 'report.zip'), logLines: 3, crashDumps: 2 });

    const raw = readFileSync(out.path);
    const files = unzipSync(new Uint8Array(raw));
    expect(Object.keys(files).sort()).toEqual(['crash-dumps/a1b2.dmp', 'crash-dumps/c3d4.dmp', 'logs/main.log', 'report.json']);
    const log = strFromU8(files['logs/main.log'] ?? new Uint8Array());
    expect(log).toContain('signed in as agent1');
    expect(log).toContain('old line with');
    const report = JSON.parse(strFromU8(files['report.json'] ?? new Uint8Array())) as Record<string, unknown>;
    expect(report).toMatchObject({ version: '0.1.0', electron: '45.4.1', crashDumps: ['a1b2.dmp', 'c3d4.dmp'], crashReports: [{ date: '2026-12-07T01:00:00.000Z', uploaded: false }], logLines: 3 });
    expect([...(files['crash-dumps/a1b2.dmp'] ?? [])]).toEqual([0x4d, 0x44, 0x4d, 0x50, 1, 2, 3]);
    // No secret in any entry, nor in the zip's bytes (entries are compressed: check them inflated too).
    for (const [name, bytes] of Object.entries(files)) for (const s of secrets) expect(Buffer.from(bytes).includes(s), `${s} in ${name}`).toBe(false);
    for (const s of secrets) expect(raw.includes(s)).toBe(false);
  });

  it('Diagnostics actions: the crash folder is created and opened; a refused open says why; a cancelled export is null', async () => {
    const opened: string[] = [];
    const logs: string[] = [];
    let answer = '';
    const crashDir = join(dir, 'Crashpad');
    const actions = createCrashActions({
      crashDir: () => crashDir, openPath: async (p) => { opened.push(p); return answer; }, chooseReportPath: async () => null,
      logLines: () => [], crashReporter: reporter, about, log: (m) => logs.push(m),
    });
    expect(await actions.openFolder()).toEqual({ path: crashDir });
    expect(opened).toEqual([crashDir]);
    answer = 'Failed to open path';
    expect(await actions.openFolder()).toEqual({ path: crashDir, error: 'Failed to open path' });
    expect(logs).toEqual(['crash folder could not be opened: Failed to open path']);
    expect(await actions.exportReport()).toBeNull();
  });
});
