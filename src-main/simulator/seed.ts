/** Default seed data: the demo account the desktop demo mode logs in with, its agents and skills. */
import type { SimAgentSeed, SimSkillSeed } from './api';

/** SimAgentSeed plus simulator-only extras (agents may be passed with these to startSimulator). */
export interface DemoAgentSeed extends SimAgentSeed {
  /** SAML assertion accepted for this agent by the SSO login body (lp-protocol.md §2). */
  samlAssertion?: string;
  /** Skill ids this agent is rung for; absent = every skill. */
  skills?: string[];
}

export const DEMO_ACCOUNT: { readonly accountId: string; readonly agents: DemoAgentSeed[]; readonly skills: SimSkillSeed[] } = {
  accountId: '70071234',
  agents: [
    {
      username: 'agent1', password: 'agent1-password', userId: '1000001', pid: '6f1c2a5e-0001-4c1e-9a51-000000000001',
      samlAssertion: 'agent1-saml-assertion',
      appKey: { appKey: 'agent1-app-key', secret: 'agent1-secret', accessToken: 'agent1-access-token', accessTokenSecret: 'agent1-access-token-secret' },
    },
    { username: 'agent2', password: 'agent2-password', userId: '1000002', pid: '6f1c2a5e-0002-4c1e-9a51-000000000002' },
  ],
  skills: [
    { id: '11', name: 'Billing', description: 'Invoices, refunds and payments' },
    { id: '12', name: 'Sales', description: 'Plans, upgrades and quotes' },
    { id: '13', name: 'Support', description: 'General product support' },
    { id: '14', name: 'Tech', description: 'Technical troubleshooting' },
  ],
};
