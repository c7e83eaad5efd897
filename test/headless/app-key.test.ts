import { describe, expect, it } from 'vitest';
import { appKeyFlagIn, takeEnvAppKey } from '../../src-main/headless/app-key';

const all = { LP_APP_KEY: 'k', LP_APP_SECRET: 's', LP_ACCESS_TOKEN: 't', LP_ACCESS_TOKEN_SECRET: 'ts' };

describe('app-key secrets from the environment (issue 11.7)', () => {
  it('all four: taken, and removed from the environment', () => {
    const env: NodeJS.ProcessEnv = { ...all, OTHER: 'x' };
    expect(takeEnvAppKey(env)).toEqual({ kind: 'ok', secrets: { appKey: 'k', secret: 's', accessToken: 't', accessTokenSecret: 'ts' } });
    expect(env).toEqual({ OTHER: 'x' });
  });

  it('none (or all empty): no app key', () => {
    expect(takeEnvAppKey({})).toEqual({ kind: 'none' });
    expect(takeEnvAppKey({ LP_APP_KEY: '', LP_APP_SECRET: '' })).toEqual({ kind: 'none' });
  });

  it('some: names the missing ones, and still removes the given ones', () => {
    const env: NodeJS.ProcessEnv = { LP_APP_KEY: 'k', LP_ACCESS_TOKEN: '' };
    expect(takeEnvAppKey(env)).toEqual({ kind: 'incomplete', missing: ['LP_APP_SECRET', 'LP_ACCESS_TOKEN', 'LP_ACCESS_TOKEN_SECRET'] });
    expect(env).toEqual({});
  });

  it('finds an app-key flag in either form', () => {
    expect(appKeyFlagIn(['node', 'cli', '--account', '1', '--app-key=k'])).toBe('--app-key');
    expect(appKeyFlagIn(['--access-token-secret', 'x'])).toBe('--access-token-secret');
    expect(appKeyFlagIn(['--account', '--app-keyboard'])).toBeUndefined();
  });
});
