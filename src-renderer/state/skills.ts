/** Skill names for display (id → name): kept in the store, fetched once per sign-in while online. */
import { useEffect } from 'react';
import { useLp, useSelector, useStoreApi } from './hooks';

/** The skill names in the store; loads them when `enabled` turns true (e.g. on going online). */
export function useSkillNames(enabled: boolean): Record<string, string> {
  const lp = useLp();
  const store = useStoreApi();
  useEffect(() => {
    if (!enabled) return;
    lp.skillsList().then((skills) => store.dispatch({ type: 'skills/loaded', skills })).catch(() => undefined);
  }, [lp, store, enabled]);
  return useSelector(selectSkillNames);
}

function selectSkillNames(s: { skillNames: Record<string, string> }): Record<string, string> {
  return s.skillNames;
}

export function skillLabel(names: Record<string, string>, id: string): string {
  return names[id] ?? `Skill ${id}`;
}
