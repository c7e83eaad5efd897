import { describe, expect, it } from 'vitest';
import { acceptOldest } from '../../../src-main/desktop/accept-oldest';
import { FakeSession, ring } from '../fakes';
import { FakeModes } from './fakes';

describe('acceptOldest', () => {
  it('accepts the oldest waiting ring, skipping rings that no longer wait', async () => {
    const modes = new FakeModes();
    const session = new FakeSession();
    session.rings = [
      ring({ ringId: 'newer', offeredAt: 3_000 }),
      ring({ ringId: 'taken', offeredAt: 1_000, state: 'ACCEPTED' }),
      ring({ ringId: 'oldest', offeredAt: 2_000 }),
    ];
    modes.switchTo(session);
    expect(await acceptOldest(modes)).toEqual({ ringId: 'oldest' });
    expect(session.calls).toEqual([['acceptRing', 'oldest']]);
  });

  it('does nothing when signed out or when no ring waits', async () => {
    const modes = new FakeModes();
    expect(await acceptOldest(modes)).toBeNull();
    const session = new FakeSession();
    modes.switchTo(session);
    expect(await acceptOldest(modes)).toBeNull();
    expect(session.calls).toEqual([]);
  });
});
