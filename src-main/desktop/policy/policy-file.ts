/**
 * Reading the machine-wide IT policy file (issue 11.8). The file is read once at start-up; a file
 * that cannot be read, is too big, is not JSON or does not match the schema is rejected whole (no
 * key of it applies) and the caller shows `error` in a banner and the log on every start.
 * A missing file is the normal case: no policy, no error.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { policySchema, type Policy, type PolicyKey } from './policy-schema';

/** Env variable naming another policy file (tests, and IT staging a policy). */
export const POLICY_PATH_ENV = 'LP_AGENT_POLICY_FILE';
/** A policy is a handful of keys; anything larger is not one. */
export const MAX_POLICY_BYTES = 64 * 1024;
const FILE_NAME = 'policy.json';

/** The platform's machine-wide place: ProgramData (Windows), /Library/Application Support (macOS), /etc (Linux). */
export function policyFilePath(platform: string, env: Readonly<Record<string, string | undefined>>): string {
  const override = env[POLICY_PATH_ENV];
  if (override !== undefined && override !== '') return override;
  if (platform === 'win32') return join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'LP Agent Desktop', FILE_NAME);
  if (platform === 'darwin') return '/Library/Application Support/LP Agent Desktop/policy.json';
  return '/etc/lp-agent-desktop/policy.json';
}

export interface PolicyState {
  path: string;
  /** The keys IT set ({} when there is no file or it was rejected). */
  policy: Policy;
  /** Why the file was rejected: path and first error, for the banner and the log. */
  error?: string;
  /** True when the key is set by the organisation (shown locked, the user's value ignored). */
  locked(key: PolicyKey): boolean;
  /** The policy's value when locked, else the user's. */
  effective<K extends PolicyKey>(key: K, userValue: NonNullable<Policy[K]>): NonNullable<Policy[K]>;
}

function stateOf(path: string, policy: Policy, error?: string): PolicyState {
  return {
    path, policy, ...(error !== undefined ? { error } : {}),
    locked: (key) => policy[key] !== undefined,
    effective: (key, userValue) => policy[key] ?? userValue,
  };
}

function firstIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const where = issue.path.map(String).join('.');
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

/** Validates the text of a policy file; pure (tests feed hostile input here). */
export function parsePolicy(path: string, text: string): PolicyState {
  const reject = (why: string): PolicyState => stateOf(path, {}, `IT policy file ${path} was ignored: ${why}`);
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) return reject(`larger than ${MAX_POLICY_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return reject(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return reject('must be a JSON object');
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) return reject(firstIssue(parsed.error));
  return stateOf(path, parsed.data);
}

/** Reads the policy file at `path`; missing → no policy; unreadable/huge/invalid → rejected whole. */
export function readPolicyFile(path: string): PolicyState {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return stateOf(path, {}, `IT policy file ${path} was ignored: not a regular file`);
    size = st.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return stateOf(path, {});
    return stateOf(path, {}, `IT policy file ${path} was ignored: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (size > MAX_POLICY_BYTES) return stateOf(path, {}, `IT policy file ${path} was ignored: larger than ${MAX_POLICY_BYTES} bytes`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return stateOf(path, {}, `IT policy file ${path} was ignored: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parsePolicy(path, text);
}
