/**
 * The skills of the current session (names for notifications and the tray): listed once per
 * session and shared by every caller; a failed list is forgotten so the next caller asks again; a
 * late answer for a replaced session is dropped; cleared when the session changes or signs out.
 */
import type { AgentSession, Skill } from '../../lp';

export interface SkillsCache {
  /** The session's skills, asked for once per session (the IPC 'skills/list' handler uses this too). */
  list(session: AgentSession): Promise<Skill[]>;
  /** The last list loaded for the current session; empty until then. */
  known(): readonly Skill[];
  /** Forgets everything (session replaced or signed out). */
  clear(): void;
  /** Called after a list for the current session arrived. */
  onLoaded(listener: () => void): () => void;
}

export function createSkillsCache(deps: { log(message: string): void }): SkillsCache {
  let pending: { session: AgentSession; skills: Promise<Skill[]> } | null = null;
  let known: readonly Skill[] = [];
  const listeners = new Set<() => void>();
  return {
    list(session) {
      if (pending?.session === session) return pending.skills;
      const skills = session.listSkills();
      pending = { session, skills };
      skills.then((list) => {
        if (pending?.session !== session) return;
        known = list;
        for (const l of [...listeners]) l();
      }, (err: unknown) => {
        deps.log(`skills list failed: ${err instanceof Error ? err.message : String(err)}`);
        if (pending?.session === session) pending = null;
      });
      return skills;
    },
    known: () => known,
    clear() {
      pending = null;
      known = [];
    },
    onLoaded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
