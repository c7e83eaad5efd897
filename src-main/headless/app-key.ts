/**
 * App-key login for bots (issue 11.7, lp-protocol.md §2 second body). The key and its three secrets
 * come only from the environment — LP_APP_KEY, LP_APP_SECRET, LP_ACCESS_TOKEN,
 * LP_ACCESS_TOKEN_SECRET — never from flags (they would show in `ps` and shell history). Like
 * LP_PASSWORD they are removed from `process.env` once read, so no child process inherits them.
 */

export const APP_KEY_ENV = ['LP_APP_KEY', 'LP_APP_SECRET', 'LP_ACCESS_TOKEN', 'LP_ACCESS_TOKEN_SECRET'] as const;

/** Flags that would carry an app-key secret: refused before anything else is parsed. */
export const APP_KEY_FLAGS = ['--app-key', '--app-secret', '--secret', '--access-token', '--access-token-secret'] as const;

export interface AppKeySecrets { appKey: string; secret: string; accessToken: string; accessTokenSecret: string }

export type AppKeyFromEnv =
  | { kind: 'none' }
  | { kind: 'ok'; secrets: AppKeySecrets }
  | { kind: 'incomplete'; missing: string[] };

/** Takes the four app-key variables out of `env`; all four or none (an empty value counts as unset). */
export function takeEnvAppKey(env: NodeJS.ProcessEnv): AppKeyFromEnv {
  const values = APP_KEY_ENV.map((name) => {
    const v = env[name];
    delete env[name];
    return v === '' ? undefined : v;
  });
  const missing = APP_KEY_ENV.filter((_, i) => values[i] === undefined);
  if (missing.length === APP_KEY_ENV.length) return { kind: 'none' };
  if (missing.length > 0) return { kind: 'incomplete', missing: [...missing] };
  const [appKey, secret, accessToken, accessTokenSecret] = values as [string, string, string, string];
  return { kind: 'ok', secrets: { appKey, secret, accessToken, accessTokenSecret } };
}

/** The first app-key flag in argv, if any (`--app-key x` and `--app-key=x` alike). */
export function appKeyFlagIn(argv: readonly string[]): string | undefined {
  for (const a of argv) {
    const flag = APP_KEY_FLAGS.find((f) => a === f || a.startsWith(`${f}=`));
    if (flag !== undefined) return flag;
  }
  return undefined;
}
