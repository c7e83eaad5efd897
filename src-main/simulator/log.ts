/** Logging helpers: every line goes through redact() so bearer, csrf, password and Session_id never leak. */

const SECRET_KEYS = /("?(?:bearer|csrf|password|secret|accessToken|accessTokenSecret|appKey|assertion|wsuk|Session_id)"?\s*[:=]\s*"?)([^"\s;,&}]+)/gi;
const BEARER_IN_PATH = /(\/messaging\/brand\/)([^/?\s]+)/g;
const AUTH_HEADER = /((?:Bearer|jwt)\s+)([^\s"]+)/g;

export function redact(line: string): string {
  return line
    .replace(SECRET_KEYS, (_m, k: string) => `${k}***`)
    .replace(BEARER_IN_PATH, (_m, p: string) => `${p}***`)
    .replace(AUTH_HEADER, (_m, p: string) => `${p}***`);
}

export type LogFn = (line: string) => void;

export function makeLogger(sink: ((line: string) => void) | undefined): LogFn {
  if (!sink) return () => undefined;
  return (line) => sink(redact(line));
}
