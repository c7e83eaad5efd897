// `npm test`: typecheck, lint, import boundaries, security scan, build, unit + integration (Vitest), end-to-end (Playwright),
// then the quick benchmark subset.
// Ends with one plain summary line "tests: N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
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

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
