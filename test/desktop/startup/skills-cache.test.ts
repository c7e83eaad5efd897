import { describe, expect, it } from 'vitest';
import { createSkillsCache } from '../../../src-main/desktop/startup/skills-cache';
import type { Skill } from '../../../src-main/lp';
import { FakeSession } from '../fakes';
import { deferred } from './fakes';

function sessionWithSkills(): { session: FakeSession; answers: Array<ReturnType<typeof deferred<Skill[]>>> } {
  const session = new FakeSession();
  const answers: Array<ReturnType<typeof deferred<Skill[]>>> = [];
  session.listSkills = () => {
    const d = deferred<Skill[]>();
    answers.push(d);
    return d.promise;
  };
  return { session, answers };
}

describe('skills cache', () => {
  it('asks a session once and shares the answer; known() fills and listeners hear it', async () => {
    const cache = createSkillsCache({ log: () => undefined });
    const { session, answers } = sessionWithSkills();
    let loaded = 0;
    cache.onLoaded(() => { loaded += 1; });
    const a = cache.list(session);
    const b = cache.list(session);
    expect(answers).toHaveLength(1);
    answers[0]?.resolve([{ id: '11', name: 'Billing' }]);
    expect(await a).toEqual(await b);
    expect(cache.known()).toEqual([{ id: '11', name: 'Billing' }]);
    expect(loaded).toBe(1);
  });

  it('a failed list is logged and asked again by the next caller', async () => {
    const lines: string[] = [];
    const cache = createSkillsCache({ log: (l) => lines.push(l) });
    const { session, answers } = sessionWithSkills();
    const first = cache.list(session);
    answers[0]?.reject(new Error('503'));
    await expect(first).rejects.toThrow('503');
    expect(lines).toEqual(['skills list failed: 503']);
    void cache.list(session);
    expect(answers).toHaveLength(2);
  });

  it('is cleared on sign-out, and a late answer for the old session is dropped', async () => {
    const cache = createSkillsCache({ log: () => undefined });
    const old = sessionWithSkills();
    void cache.list(old.session);
    old.answers[0]?.resolve([{ id: '11', name: 'Billing' }]);
    await old.answers[0]?.promise;
    expect(cache.known()).toHaveLength(1);

    const late = sessionWithSkills();
    void cache.list(late.session);
    cache.clear(); // signed out
    expect(cache.known()).toEqual([]);
    late.answers[0]?.resolve([{ id: '99', name: 'Stale' }]);
    await late.answers[0]?.promise;
    expect(cache.known()).toEqual([]);
    // After clearing, even a session already answered is asked afresh.
    void cache.list(old.session);
    expect(old.answers).toHaveLength(2);
  });
});
