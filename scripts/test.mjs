// `npm test`: typecheck, lint, import boundaries, security scan, build, unit + integration (Vitest), end-to-end (Playwright),
// then the quick benchmark subset.
// Ends with one plain summary line "tests: N passed, N failed" that CI reads.
// Fails when the tests leave temp files behind (see "Temp files" below).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const args = process.argv.slice(2);
let passed = 0;
let failed = 0;
let ok = true;

function run(name, cmd, cmdArgs, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.log(`=== ${name} failed (exit ${r.status ?? r.signal})`);
    ok = false;
  }
  return r.status === 0;
}

// Temp files. The tests name their temp dirs and files lp-* or lpad-*. Every step of this run gets its
// own TMPDIR (lp-test-run-<pid>-*, in the OS temp dir), so whatever is left there at the end was left
// by THIS run, never by another test run sharing the machine's /tmp (other worktrees, CI jobs); an
// lp-*/lpad-* entry left there fails the run, named. The run's TMPDIR is removed at the end either
// way, so a failing run does not litter /tmp either. Processes started with a reduced environment
// (the headless child: PATH and HOME only) still use /tmp: new lp-*/lpad-* entries there are only
// reported, since another run may have made them.
const TEST_OWNED = /^(lp|lpad)-/;
const NOT_JUDGED = [
  ['lp-test-run-', 'this script'],
  ['lp-bench-', 'bench/, not the tests'],
];
const notJudged = (name) => NOT_JUDGED.find(([prefix]) => name.startsWith(prefix));
const testOwned = (dir) => (existsSync(dir) ? readdirSync(dir) : []).filter((n) => TEST_OWNED.test(n)).sort();

const systemTmp = tmpdir();
// Run dirs of runs that were killed before their end: only this user's, a day old, whose process is
// gone (ESRCH; EPERM means alive, another user's; a pid from another container sharing /tmp may look
// gone, hence the age). Never fatal.
const DAY_MS = 24 * 3600_000;
for (const name of readdirSync(systemTmp)) {
  const pid = Number(/^lp-test-run-(\d+)-/.exec(name)?.[1]);
  if (!pid || pid === process.pid) continue;
  const dir = join(systemTmp, name);
  try {
    const st = statSync(dir);
    if (st.uid !== process.getuid?.() || Date.now() - st.mtimeMs < DAY_MS) continue;
    try {
      process.kill(pid, 0);
      continue;
    } catch (err) {
      if (err.code !== 'ESRCH') continue;
    }
    rmSync(dir, { recursive: true, force: true });
  } catch (err) {
    console.log(`(could not sweep the old run dir ${dir}: ${err.message})`);
  }
}
const sharedBefore = new Set(testOwned(systemTmp));
// The work tree too: a file a test leaves there (a relative path, a process run in the tree's directory)
// is not in any temp dir. Once, a downloaded "update" of random bytes run by /bin/sh left one named with
// random bytes (test/desktop/updates/feed-server.ts). Untracked files that .gitignore does not cover,
// before and after; none new may be left. (Without git, e.g. an unpacked tarball: not checked.)
// (safe.directory: as root in CI on a checkout another user owns, git refuses it otherwise;
// --no-optional-locks: no index.lock while the developer uses git.)
let gitWhyNot = '';
function untracked() {
  const r = spawnSync('git', ['-c', `safe.directory=${root.replace(/\/$/, '')}`, '--no-optional-locks', 'status', '--porcelain', '-z', '--untracked-files=all'], { cwd: root, encoding: 'buffer' });
  if (r.error || r.status !== 0) {
    gitWhyNot = r.error?.code === 'ENOENT' ? 'git is not installed' : `git status failed: ${(r.stderr?.toString('utf8') || r.error?.message || '').trim().split('\n')[0]}`;
    return null;
  }
  return r.stdout.toString('latin1').split('\0').filter((e) => e.startsWith('?? ')).map((e) => e.slice(3));
}
const untrackedBefore = untracked();
const runTmp = mkdtempSync(join(systemTmp, `lp-test-run-${process.pid}-`));
if (process.getuid?.() === 0) chmodSync(runTmp, 0o1777); // as /tmp: squid (test/network/squid.ts) drops to the proxy user when started as root
process.env.TMPDIR = runTmp;

function checkTempFiles() {
  console.log(`\n=== temp files: what the run left in its TMPDIR (${runTmp})`);
  const left = testOwned(runTmp);
  let removed = true;
  try {
    rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
  } catch (err) {
    removed = false;
    console.log(`=== temp files failed: the run's TMPDIR could not be removed (${err.code ?? err.message}): a process of the run may still hold it`);
  }
  const leaks = left.filter((n) => !notJudged(n));
  for (const n of left.filter((x) => notJudged(x))) console.log(`  left by ${notJudged(n)[1]} (not judged here): ${n}`);
  const sharedNew = testOwned(systemTmp).filter((n) => !sharedBefore.has(n) && !notJudged(n));
  if (sharedNew.length > 0) {
    console.log(`  new in ${systemTmp} since the start, maybe another run's (not judged): ${sharedNew.slice(0, 10).join(' ')}${sharedNew.length > 10 ? ` … (${sharedNew.length})` : ''}`);
  }
  const before = new Set(untrackedBefore ?? []);
  const after = untrackedBefore === null ? [] : untracked();
  const strays = (after ?? []).filter((n) => !before.has(n));
  if (untrackedBefore === null || after === null) console.log(`  the work tree: not checked (${gitWhyNot})`);
  if (removed && leaks.length === 0 && strays.length === 0) return true;
  if (leaks.length > 0) {
    console.log(`=== temp files failed: the tests left ${leaks.length} behind (remove each where the test or helper that made it ends):`);
    for (const n of leaks) console.log(`  ${n}`);
  }
  if (strays.length > 0) {
    console.log(`=== temp files failed: ${strays.length} new untracked file(s) in the work tree (a test wrote where it should not):`);
    for (const n of strays.slice(0, 20)) console.log(`  ${JSON.stringify(n)}`);
  }
  ok = false;
  return false;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  passed += j.numPassedTests ?? 0;
  failed += (j.numFailedTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
}

const onlyUnit = args.includes('--unit');
if (!onlyUnit) {
  // Every project of tsconfig.json (one per process, see there).
  run('typecheck', 'npx', ['tsc', '-b']);
  run('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
  // Import cycles and boundaries (dependency-cruiser, .dependency-cruiser.cjs): counted as one test.
  if (run('deps', 'npm', ['run', '-s', 'deps'])) passed += 1;
  else failed += 1;
  // Electronegativity (security/README.md): counted as one test.
  if (run('security', 'node', ['scripts/security-scan.mjs'])) passed += 1;
  else failed += 1;
}
// Build first: the packaging and stand-in tests (Vitest) and the e2e specs all use dist/.
const built = run('build', 'npm', ['run', 'build']);
run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${join(results, 'vitest.json')}`]);
countVitest(join(results, 'vitest.json'));

const e2eDir = join(root, 'test', 'e2e');
const hasE2e = existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'));
if (!onlyUnit && hasE2e && built) {
  run('e2e', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'e2e.json') });
  countPlaywright(join(results, 'e2e.json'));
}

// The quick benchmark subset keeps the benchmark code working; its timings are not asserted
// (bench/README.md). Counted as one test: it must run and say for every case what it measured or why not.
if (!onlyUnit && built) {
  if (run('bench (quick)', 'npm', ['run', '-s', 'bench', '--', '--quick'])) passed += 1;
  else failed += 1;
}

// Counted as one test.
if (checkTempFiles()) passed += 1;
else failed += 1;

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
