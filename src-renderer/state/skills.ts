/** Skill names for display (id → name), fetched once per sign-in and refreshed by the transfer dialog. */
import { useEffect, useSyncExternalStore } from 'react';
import type { Skill } from '../../src-main/lp/index';
import type { LpApi } from '../../src-preload/api';

let skills: Record<string, string> = {};
const listeners = new Set<() => void>();

export function rememberSkills(list: readonly Skill[]): void {
  skills = Object.fromEntries(list.map((s) => [s.id, s.name]));
  for (const l of listeners) l();
}

export function useSkillNames(lp: LpApi, enabled: boolean): Record<string, string> {
  useEffect(() => {
    if (!enabled) return;
    lp.skillsList().then(rememberSkills).catch(() => undefined);
  }, [lp, enabled]);
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, () => skills);
}

export function skillLabel(names: Record<string, string>, id: string): string {
  return names[id] ?? `Skill ${id}`;
}
