/**
 * Transfer to a skill, or to one agent of it: live skill list, searchable combobox; once a skill is
 * chosen, its agents with their availability (§9 agent status, `agents/list`) — "Anyone in the skill"
 * by default, or one available agent (§6 suggested participant); explicit confirm.
 */
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { AgentStatus, Skill } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { useLp, useStoreApi } from '../state/hooks';
import { Dialog } from './Dialog';

export function TransferDialog({ conversationId, currentSkillId, onClose }: { conversationId: string; currentSkillId: string; onClose(): void }) {
  const lp = useLp();
  const store = useStoreApi();
  const [skills, setSkills] = useState<Skill[] | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<Skill | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  const [agents, setAgents] = useState<AgentStatus[] | null>(null);
  const [agentsError, setAgentsError] = useState<string | null>(null);
  const [agent, setAgent] = useState<AgentStatus | null>(null);

  useEffect(() => {
    let live = true;
    lp.skillsList().then((list) => {
      if (!live) return;
      store.dispatch({ type: 'skills/loaded', skills: list });
      setSkills(list);
    }).catch((err: unknown) => live && setError(`Could not load skills: ${describeError(err)}`));
    return () => {
      live = false;
    };
  }, [lp, store]);

  // The chosen skill's agents; a new skill forgets the agent chosen for the previous one.
  useEffect(() => {
    setAgent(null);
    setAgents(null);
    setAgentsError(null);
    if (!chosen) return undefined;
    let live = true;
    lp.agentsList({ skillId: chosen.id }).then((list) => {
      if (live) setAgents(list.filter((a) => !a.self));
    }).catch((err: unknown) => live && setAgentsError(`Could not load the agents of ${chosen.name}: ${describeError(err)}`));
    return () => {
      live = false;
    };
  }, [lp, chosen]);

  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (skills ?? []).filter((s) => s.id !== currentSkillId && (!q || s.name.toLowerCase().includes(q) || s.id.includes(q)));
  }, [skills, query, currentSkillId]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(filtered.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      const s = filtered[active];
      if (s) setChosen(s);
    }
  };

  const confirm = (): void => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    const target = agent ? { conversationId, skillId: chosen.id, agentId: agent.agentId } : { conversationId, skillId: chosen.id };
    lp.conversationTransfer(target).then(onClose).catch((err: unknown) => {
      setBusy(false);
      setError(`Transfer failed: ${describeError(err)}`);
    });
  };

  const optId = (i: number): string => `${listId}-${i}`;
  return (
    <Dialog title="Transfer to a skill" onClose={onClose} className="transfer-dialog">
      <label className="field">
        <span>Search skills</span>
        <input
          type="search"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={filtered[active] ? optId(active) : undefined}
          value={query}
          onChange={(e) => { setQuery(e.target.value); setActive(0); }}
          onKeyDown={onKeyDown}
          data-autofocus
        />
      </label>
      {skills === null && !error && <p role="status">Loading skills…</p>}
      <ul id={listId} role="listbox" aria-label="Skills" className="skill-list">
        {filtered.map((s, i) => (
          <li key={s.id} id={optId(i)} role="option" aria-selected={chosen?.id === s.id}
            className={`skill${i === active ? ' active' : ''}${chosen?.id === s.id ? ' chosen' : ''}`}
            onClick={() => { setActive(i); setChosen(s); }}>
            <span className="skill-name">{s.name}</span>
            {s.description && <span className="skill-desc">{s.description}</span>}
          </li>
        ))}
        {skills !== null && filtered.length === 0 && <li role="option" aria-selected="false" aria-disabled="true" className="empty">No skill matches.</li>}
      </ul>
      {chosen && <AgentPicker skill={chosen} agents={agents} error={agentsError} agent={agent} onPick={setAgent} />}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
        {!chosen && <p id="transfer-why" className="muted">Choose a skill above to transfer to.</p>}
        <button type="button" className="btn primary" disabled={!chosen || busy} onClick={confirm} aria-describedby={chosen ? undefined : 'transfer-why'}>
          {chosen ? (agent ? `Transfer to ${agent.name} (${chosen.name})` : `Transfer to ${chosen.name}`) : 'Transfer'}
        </button>
      </div>
    </Dialog>
  );
}

const AVAILABILITY_WORDS: Record<string, string> = {
  ONLINE: 'Available', OCCUPIED: 'Occupied — takes transfers', AWAY: 'Away', BACK_SOON: 'Back soon', OFFLINE: 'Offline',
};

/** An agent can be offered a transfer when routable: ONLINE, or OCCUPIED (transfers only, §6). */
export function takesTransfers(a: AgentStatus): boolean {
  return a.availability === 'ONLINE' || a.availability === 'OCCUPIED';
}

function AgentPicker({ skill, agents, error, agent, onPick }: {
  skill: Skill; agents: AgentStatus[] | null; error: string | null; agent: AgentStatus | null; onPick(a: AgentStatus | null): void;
}) {
  return (
    <fieldset className="agent-picker">
      <legend>Agent in {skill.name}</legend>
      {agents === null && !error && <p role="status" className="muted small">Loading agents…</p>}
      {error && <p className="error small" role="alert">{error}</p>}
      <ul role="listbox" aria-label={`Agents in ${skill.name}`} className="agent-list">
        <li role="option" aria-selected={agent === null} className={`agent${agent === null ? ' chosen' : ''}`} onClick={() => onPick(null)}>
          <span className="agent-name">Anyone in {skill.name}</span>
          <span className="agent-status muted small">the first available agent</span>
        </li>
        {(agents ?? []).map((a) => {
          const can = takesTransfers(a);
          const words = AVAILABILITY_WORDS[a.availability] ?? a.availability.toLowerCase();
          return (
            <li key={a.agentId} role="option" aria-selected={agent?.agentId === a.agentId} aria-disabled={can ? undefined : 'true'}
              className={`agent${agent?.agentId === a.agentId ? ' chosen' : ''}${can ? '' : ' unavailable'}`}
              title={can ? undefined : `${a.name} is ${words.toLowerCase()} and cannot take a transfer now`}
              onClick={() => { if (can) onPick(a); }}>
              <span className={`agent-dot status-${a.availability.toLowerCase()}`} aria-hidden="true" />
              <span className="agent-name">{a.name}</span>
              <span className="agent-status muted small">{words}</span>
            </li>
          );
        })}
        {agents !== null && agents.length === 0 && <li role="option" aria-selected="false" aria-disabled="true" className="empty">No other agent has this skill.</li>}
      </ul>
    </fieldset>
  );
}
