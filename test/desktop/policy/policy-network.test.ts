import type { ProxyConfig } from 'electron';
import { describe, expect, it } from 'vitest';
import { createNetworkPhase } from '../../../src-main/desktop/network/network-phase';
import { networkUnderPolicy } from '../../../src-main/desktop/policy/apply-policy';
import { parsePolicy } from '../../../src-main/desktop/policy/policy-file';
import { DEFAULT_SETTINGS } from '../../../src-preload/api';

describe('the network phase applies the policy\'s proxy over the user\'s setting', () => {
  it('a locked manual proxy is what setProxy gets, whatever the user chose', async () => {
    const applied: ProxyConfig[] = [];
    const policy = parsePolicy('/p.json', JSON.stringify({ proxy: { mode: 'manual', url: 'http://proxy.corp:3128', bypass: ['*.corp'] } }));
    expect(policy.error).toBeUndefined();
    const phase = createNetworkPhase({
      session: {
        fetch: () => Promise.reject(new Error('no traffic in this test')),
        resolveProxy: () => Promise.resolve('DIRECT'),
        setProxy: async (config) => { applied.push(config); },
      },
      addedCertificates: () => [],
      override: (n) => networkUnderPolicy(policy.policy, n),
      log: () => undefined,
    });
    await phase.apply({ ...DEFAULT_SETTINGS, proxyMode: 'none' });
    expect(applied).toEqual([{ mode: 'fixed_servers', proxyRules: 'proxy.corp:3128', proxyBypassRules: '*.corp' }]);
  });
});
