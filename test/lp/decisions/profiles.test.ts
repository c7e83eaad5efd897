/** Consumer profile and skills mapping (decisions/profiles.ts). */
import { describe, expect, it } from 'vitest';
import { mapConsumerProfile, mapSkills, consumerDisplayName } from '../../../src-main/lp/decisions/profiles';

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
});
