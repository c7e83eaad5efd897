/** Consumer profile and skills mapping (decisions/profiles.ts). */
import { describe, expect, it } from 'vitest';
import { mapAgentStatus, mapConsumerProfile, mapSkills, consumerDisplayName } from '../../../src-main/lp/decisions/profiles';

describe('consumer profile and skills mapping', () => {
  it('maps names, private data and SDEs to text', () => {
    const p = mapConsumerProfile('cons1', {
      privateData: { mobileNum: 5551234, email: 'a@x' },
      authenticatedData: { lp_sdes: [
        { type: 'personal', personal: { firstname: 'Ann', lastname: 'Lee', contacts: [{ email: 'b@x', phone: '1' }], company: 'ACME' } },
        { type: 'ctmrinfo', info: { customerId: '42', cstatus: 'gold', nested: { a: 1 } } },
      ] },
    });
    expect(p).toEqual({ consumerId: 'cons1', firstName: 'Ann', lastName: 'Lee', email: 'a@x', phone: '5551234', customerId: '42', extra: { company: 'ACME', cstatus: 'gold' } });
    expect(consumerDisplayName(p)).toBe('Ann Lee');
    expect(mapConsumerProfile('c', {})).toEqual({ consumerId: 'c' });
    expect(consumerDisplayName({})).toBeUndefined();
  });
  it('maps skills dropping deleted ones', () => {
    expect(mapSkills([{ id: '12', name: 'Sales' }, { id: '13', name: 'Old', deleted: true }, { id: '14' }]))
      .toEqual([{ id: '12', name: 'Sales' }, { id: '14', name: 'Skill 14' }]);
  });
  it('maps agent status records: legacy ids, names, availability; available first; self marked; duplicates dropped', () => {
    const out = mapAgentStatus('123', '123.7', [
      { agentId: '9', agentLoginName: 'zed', currentStatus: 'AWAY' },
      { agentId: '8', agentNickname: '  ', agentLoginName: 'yan', currentStatus: 'online' },
      { agentId: '123.7', agentNickname: 'Me', currentStatus: 'ONLINE' },
      { agentId: '6', currentStatus: 'OCCUPIED' },
      { agentId: '5', agentNickname: 'n'.repeat(500) },
      { agentId: '8', agentLoginName: 'again', currentStatus: 'OFFLINE' },
    ]);
    expect(out.map((a) => [a.agentId, a.name.slice(0, 8), a.availability, a.self])).toEqual([
      ['123.7', 'Me', 'ONLINE', true],
      ['123.8', 'yan', 'ONLINE', false],
      ['123.6', '123.6', 'OCCUPIED', false],
      ['123.9', 'zed', 'AWAY', false],
      ['123.5', 'nnnnnnnn', 'UNKNOWN', false],
    ]);
    expect(out[4]?.name).toHaveLength(200);
  });
});
