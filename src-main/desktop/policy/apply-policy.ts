/**
 * What the IT policy changes in sign-in (issue 11.8), as pure functions so each rule has a unit
 * test: the account id and domain-service URL the policy sets replace what the form sent; "remember
 * password" is off when the policy forbids it; demo is refused when the policy forbids it. What the
 * renderer shows locked comes from `policyView`.
 */
import type { AppState } from '../../../src-preload/api';
import type { Policy, PolicyKey } from './policy-schema';

export interface LoginFields {
  accountId: string;
  csdsUrl?: string | undefined;
  remember: boolean;
}

/** The sign-in fields with the policy's values in place of the user's. */
export function loginUnderPolicy<T extends LoginFields>(policy: Policy, args: T): T {
  const out: T = { ...args };
  if (policy.accountId !== undefined) out.accountId = policy.accountId;
  if (policy.csdsUrl !== undefined) out.csdsUrl = policy.csdsUrl;
  if (policy.allowRememberPassword === false) out.remember = false;
  return out;
}

export function demoAllowed(policy: Policy): boolean {
  return policy.allowDemo !== false;
}

/** The policy as the renderer sees it: which keys are locked, the values it may show, the banner. */
export function policyView(state: { path: string; policy: Policy; error?: string }): NonNullable<AppState['policy']> {
  const { policy } = state;
  return {
    path: state.path,
    locked: (Object.keys(policy) as PolicyKey[]).filter((k) => policy[k] !== undefined).sort(),
    ...(policy.accountId !== undefined ? { accountId: policy.accountId } : {}),
    ...(policy.csdsUrl !== undefined ? { csdsUrl: policy.csdsUrl } : {}),
    ...(policy.allowDemo !== undefined ? { allowDemo: policy.allowDemo } : {}),
    ...(policy.allowRememberPassword !== undefined ? { allowRememberPassword: policy.allowRememberPassword } : {}),
    ...(state.error !== undefined ? { error: state.error } : {}),
  };
}

/** The proxy settings in effect: the policy's proxy (when set) replaces the user's choice. */
export function networkUnderPolicy<T extends { proxyMode: 'system' | 'manual' | 'none'; proxyUrl: string; proxyBypass: string }>(policy: Policy, n: T): T {
  const p = policy.proxy;
  if (p === undefined) return n;
  if (p.mode !== 'manual') return { ...n, proxyMode: p.mode, proxyUrl: '', proxyBypass: '' };
  return { ...n, proxyMode: 'manual', proxyUrl: p.url, proxyBypass: (p.bypass ?? []).join(',') };
}
