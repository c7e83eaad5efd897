// `npm run security`: Electronegativity (static Electron security scanner) over the TypeScript sources.
// Fails (exit 1) on any HIGH or MEDIUM finding that security/electronegativity-waivers.json does not
// waive, on a waiver that matches nothing (stale), on a source file the scanner could not parse, and on
// inline `eng-disable` annotations (waivers live in the one file). Report: test-results/electronegativity.csv.
//
// The scanner (~150 MB) lives in tools/electronegativity with its own lockfile, outside the app's
// dependency tree; it is installed here on demand (`npm ci --prefix tools/electronegativity`).
//
// It is called through its documented programmatic API rather than its CLI because the CLI, when asked
// for a report file, drops parse errors silently (an unparsable file would just go unscanned), its SARIF
// carries no severity, and its CSV writer races its own header write. The options are the CLI's
// `-x AvailableSecurityFixesGlobalCheck -e <electron version> -r`. Each run the scanner also tries to fetch
// translations from S3 ("Could not retrieve updated translations…" offline): a failing DNS lookup there is
// ~3 s of the ~4 s a scan takes; the findings do not depend on it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const toolDir = join(root, 'tools', 'electronegativity');
const waiverFile = join(root, 'security', 'electronegativity-waivers.json');
const resultsDir = join(root, 'test-results');
const stage = join(resultsDir, 'electronegativity-input');
const reportFile = join(resultsDir, 'electronegativity.csv');

// What is scanned: the app's own sources, not the bundles (dist/) and not test/. src-main/simulator
// stays in: demo mode bundles it into main. src-main/headless is left out: a plain-Node CLI agent
// (`npm run agent`) that never runs inside Electron and is not in the app bundle; it yields no
// findings, and its strings could only blur the global checks (which look across all files).
const scanRoots = ['src-main', 'src-preload', 'src-renderer'];
const excluded = ['src-main/headless'];
// package.json too: the JSON checks read its scripts for dangerous Electron switches.
const scanFiles = ['package.json'];
// Checks skipped: AvailableSecurityFixesGlobalCheck fetches Electron's release list from GitHub (times out offline).
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];
const failing = new Set(['HIGH', 'MEDIUM']);
const started = performance.now();

function fail(message) {
  console.error(`security: ${message}`);
  process.exit(1);
}

// --- 1. The scanner, installed on demand at the pinned version ---------------------------------
const pinned = JSON.parse(readFileSync(join(toolDir, 'package.json'), 'utf8')).dependencies['@doyensec/electronegativity'];
const installedPkg = join(toolDir, 'node_modules', '@doyensec', 'electronegativity', 'package.json');
const installedVersion = () => (existsSync(installedPkg) ? JSON.parse(readFileSync(installedPkg, 'utf8')).version : undefined);
if (installedVersion() !== pinned) {
  console.log(`security: installing @doyensec/electronegativity ${pinned} into tools/electronegativity (npm ci) …`);
  const r = spawnSync('npm', ['ci', '--prefix', toolDir, '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (r.status !== 0) fail(`npm ci --prefix tools/electronegativity failed (exit ${r.status ?? r.signal})`);
  if (installedVersion() !== pinned) fail(`expected @doyensec/electronegativity ${pinned}, found ${installedVersion() ?? 'nothing'}`);
}

// --- 2. The Electron version the app pins ------------------------------------------------------
const electronPkg = join(root, 'node_modules', 'electron', 'package.json');
if (!existsSync(electronPkg)) fail('node_modules/electron/package.json is missing: run `npm ci` first');
const electronVersion = JSON.parse(readFileSync(electronPkg, 'utf8')).version;

// --- 3. Waivers --------------------------------------------------------------------------------
/** @typedef {{ check: string, file: string, reason: string }} Waiver */
/** @returns {Waiver[]} */
function loadWaivers() {
  let list;
  try {
    list = JSON.parse(readFileSync(waiverFile, 'utf8'));
  } catch (e) {
    fail(`cannot read ${relative(root, waiverFile)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(list)) fail(`${relative(root, waiverFile)} must hold a JSON array`);
  const problems = [];
  list.forEach((w, i) => {
    const where = `waiver #${i + 1}`;
    if (typeof w !== 'object' || w === null || Array.isArray(w)) return problems.push(`${where} is not an object`);
    for (const key of ['check', 'file', 'reason']) {
      if (typeof w[key] !== 'string' || w[key].trim() === '') problems.push(`${where}: "${key}" must be a non-empty string`);
    }
    const extra = Object.keys(w).filter((k) => !['check', 'file', 'reason'].includes(k));
    if (extra.length) problems.push(`${where}: unknown field(s) ${extra.join(', ')}`);
  });
  if (problems.length) fail(`invalid ${relative(root, waiverFile)}:\n  ${problems.join('\n  ')}`);
  return list;
}
const waivers = loadWaivers();

// A waiver's `file` is a repo-relative path or glob (`*` within a path segment, `**` across segments,
// `?` one character). Global findings that point at no file have the file "N/A".
function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
const waiverMatchers = waivers.map((w) => ({ ...w, re: globToRegExp(w.file), used: 0 }));

// --- 4. Stage the sources to scan (one input, so the global checks see all files together) -----
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const isExcluded = (rel) => excluded.some((x) => rel === x || rel.startsWith(`${x}/`));
for (const dir of scanRoots) {
  cpSync(join(root, dir), join(stage, dir), {
    recursive: true,
    filter: (src) => !isExcluded(relative(root, src).split(sep).join('/')),
  });
}
for (const f of scanFiles) cpSync(join(root, f), join(stage, f));

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}
const staged = listFiles(stage).map((p) => relative(stage, p).split(sep).join('/'));

// Inline annotations (`/* eng-disable CHECK */`) would silently hide findings outside the waiver file.
// Blind spots: the window checks (contextIsolation, sandbox, nodeIntegration, preload, …) only match
// `new BrowserWindow(…)` / `new BrowserView(…)` by name, so `new deps.electron.BrowserWindow(…)` and
// WebContentsView are not analysed at all. Those are reported (not failed) so nobody reads silence as safety.
const inline = [];
const blind = [];
for (const rel of staged) {
  if (!/\.(?:[cm]?[jt]sx?|html?)$/.test(rel)) continue;
  readFileSync(join(stage, rel), 'utf8').split('\n').forEach((line, i) => {
    if (/eng-disable/.test(line)) inline.push(`${rel}:${i + 1}: ${line.trim()}`);
    if (/new\s+(?:[\w$]+\s*\.\s*)+(?:BrowserWindow|BrowserView)\s*\(|new\s+(?:[\w$]+\s*\.\s*)*WebContentsView\s*\(/.test(line)) {
      blind.push(`${rel}:${i + 1}: ${line.trim()}`);
    }
  });
}

// --- 5. Scan -----------------------------------------------------------------------------------
console.log(
  `security: Electronegativity ${pinned}, Electron ${electronVersion}, ${staged.length} files from ` +
    `${[...scanRoots, ...scanFiles].join(', ')} (excluding ${excluded.join(', ')}); skipped checks: ${excludedChecks.join(', ')}`,
);
const requireTool = createRequire(join(toolDir, 'package.json'));
const electronegativity = requireTool('@doyensec/electronegativity');
const runScan = typeof electronegativity === 'function' ? electronegativity : electronegativity.default;
const scanStarted = performance.now();
const result = await runScan({
  input: stage,
  isRelative: true,
  excludeFromScan: excludedChecks.map((c) => c.toLowerCase()),
  // The README calls this option `electronVersion`; the runner reads `electronVersionOverride` (the CLI's -e).
  electronVersionOverride: electronVersion,
  parserPlugins: [],
});
const scanSeconds = (performance.now() - scanStarted) / 1000;

// --- 6. Judge ----------------------------------------------------------------------------------
const severityRank = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };
const findings = result.issues
  .map((i) => ({
    check: String(i.id),
    severity: String(i.severity?.name ?? 'UNKNOWN'),
    confidence: String(i.confidence?.name ?? 'UNKNOWN'),
    file: i.file === 'N/A' || !i.file ? 'N/A' : String(i.file).split(sep).join('/'),
    line: i.location?.line ?? 0,
    column: i.location?.column ?? 0,
    description: String(i.description ?? ''),
    sample: i.sample == null ? '' : String(i.sample),
    manualReview: Boolean(i.manualReview),
  }))
  .sort((a, b) => (severityRank[a.severity] ?? 9) - (severityRank[b.severity] ?? 9) || a.file.localeCompare(b.file) || a.line - b.line);

for (const f of findings) {
  const w = waiverMatchers.find((m) => m.check === f.check && m.re.test(f.file));
  if (w) {
    w.used++;
    f.waiver = w;
  }
  f.status = w ? 'waived' : failing.has(f.severity) ? 'FAIL' : 'info';
}

const where = (f) => (f.file === 'N/A' ? 'N/A (global)' : `${f.file}:${f.line}:${f.column}`);
console.log('');
for (const f of findings) {
  console.log(`[${f.status.padEnd(6)}] ${f.check}  ${f.severity}/${f.confidence}  ${where(f)}`);
  console.log(`         ${f.description}${f.sample && f.sample !== 'N/A' ? `  ⟨${f.sample.slice(0, 140)}⟩` : ''}`);
  if (f.waiver) console.log(`         waived: ${f.waiver.reason}`);
}
if (findings.length === 0) console.log('security: no findings');

const csv = (v) => `"${String(v).replace(/"/g, '""')}"`;
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  reportFile,
  ['check,severity,confidence,file,line,column,status,description,sample,waiver_reason']
    .concat(findings.map((f) => [f.check, f.severity, f.confidence, f.file, f.line, f.column, f.status, f.description, f.sample, f.waiver?.reason ?? ''].map(csv).join(',')))
    .join('\n') + '\n',
);

const problems = [];
const unwaived = findings.filter((f) => f.status === 'FAIL');
if (unwaived.length) problems.push(`${unwaived.length} unwaived HIGH/MEDIUM finding(s) (see above)`);
const parseErrors = result.errors.filter((e) => !e.tolerable);
for (const e of result.errors) {
  const rel = relative(stage, e.file).split(sep).join('/');
  console.log(`${e.tolerable ? 'parser warning' : 'NOT SCANNED (parse error)'}: ${rel}: ${e.message}`);
}
if (parseErrors.length) problems.push(`${parseErrors.length} file(s) could not be parsed, so were not scanned`);
const stale = waiverMatchers.filter((w) => w.used === 0);
for (const w of stale) console.log(`STALE waiver (matches no finding; remove it): ${w.check} ${w.file}`);
if (stale.length) problems.push(`${stale.length} stale waiver(s) in ${relative(root, waiverFile)}`);
for (const l of blind) console.log(`WARNING, not analysed by the window checks (construct it as \`new BrowserWindow(…)\`): ${l}`);
for (const l of inline) console.log(`INLINE eng-disable (waive in ${relative(root, waiverFile)} instead): ${l}`);
if (inline.length) problems.push(`${inline.length} inline eng-disable annotation(s)`);

const count = (s) => findings.filter((f) => f.severity === s).length;
console.log(
  `\nsecurity: ${findings.length} finding(s): ${count('HIGH')} high, ${count('MEDIUM')} medium, ` +
    `${count('LOW')} low, ${count('INFORMATIONAL')} informational; ${findings.filter((f) => f.waiver).length} waived; ` +
    `${result.globalChecks} global + ${result.atomicChecks} atomic checks; scan ${scanSeconds.toFixed(1)} s, ` +
    `total ${((performance.now() - started) / 1000).toFixed(1)} s; report ${relative(root, reportFile)}`,
);
if (problems.length) {
  console.log(`security: FAILED: ${problems.join('; ')}`);
  process.exitCode = 1;
} else console.log('security: passed');
