/**
 * Transfer to a skill, or to one agent of it: live skill list, searchable combobox; once a skill is
 * chosen, its agents with their availability (§9 agent status, `agents/list`) — "Anyone in the skill"
 * by default, or one available agent (§6 suggested participant); explicit confirm.
 */
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AgentStatus, Skill } from '../../src-preload/api';
import { describeError } from '../lib/errors';
import { useLp, useStoreApi } from '../state/hooks';
import { Dialog } from './Dialog';

export function TransferDialog({ conversationId, currentSkillId, onClose }: { conversationId: string; currentSkillId: string; onClose(): void }) {
  const lp = useLp();
  const { t } = useTranslation();
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
    }).catch((err: unknown) => live && setError(t('transfer.loadFailed', { error: describeError(err) })));
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
    }).catch((err: unknown) => live && setAgentsError(t('transfer.agentsFailed', { skill: chosen.name, error: describeError(err) })));
    return () => {
      live = false;
    };
  }, [lp, chosen, t]);

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
      setError(t('transfer.failed', { error: describeError(err) }));
    });
  };

  const optId = (i: number): string => `${listId}-${i}`;
  return (
    <Dialog title={t('transfer.title')} onClose={onClose} className="transfer-dialog">
      <label className="field">
        <span>{t('transfer.searchSkills')}</span>
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
      {skills === null && !error && <p role="status">{t('transfer.loading')}</p>}
      <ul id={listId} role="listbox" aria-label={t('transfer.skills')} className="skill-list">
        {filtered.map((s, i) => (
          <li key={s.id} id={optId(i)} role="option" aria-selected={chosen?.id === s.id}
            className={`skill${i === active ? ' active' : ''}${chosen?.id === s.id ? ' chosen' : ''}`}
            onClick={() => { setActive(i); setChosen(s); }}>
            <span className="skill-name">{s.name}</span>
            {s.description && <span className="skill-desc">{s.description}</span>}
          </li>
        ))}
        {skills !== null && filtered.length === 0 && <li role="option" aria-selected="false" aria-disabled="true" className="empty">{t('transfer.noMatch')}</li>}
      </ul>
      {chosen && <AgentPicker skill={chosen} agents={agents} error={agentsError} agent={agent} onPick={setAgent} />}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>{t('transfer.cancel')}</button>
        {!chosen && <p id="transfer-why" className="muted">{t('transfer.chooseFirst')}</p>}
        <button type="button" className="btn primary" disabled={!chosen || busy} onClick={confirm} aria-describedby={chosen ? undefined : 'transfer-why'}>
          {chosen
            ? (agent ? t('transfer.transferToAgent', { agent: agent.name, skill: chosen.name }) : t('transfer.transferTo', { skill: chosen.name }))
            : t('transfer.transfer')}
        </button>
      </div>
    </Dialog>
  );
}

/** An agent can be offered a transfer when routable: ONLINE, or OCCUPIED (transfers only, §6). */
export function takesTransfers(a: AgentStatus): boolean {
  return a.availability === 'ONLINE' || a.availability === 'OCCUPIED';
}

function availabilityWords(t: TFunction, availability: string): string {
  switch (availability) {
    case 'ONLINE': return t('transfer.statusOnline');
    case 'OCCUPIED': return t('transfer.statusOccupied');
    case 'AWAY': return t('transfer.statusAway');
    case 'BACK_SOON': return t('transfer.statusBackSoon');
    case 'OFFLINE': return t('transfer.statusOffline');
    default: return t('transfer.statusUnknown');
  }
}

function AgentPicker({ skill, agents, error, agent, onPick }: {
  skill: Skill; agents: AgentStatus[] | null; error: string | null; agent: AgentStatus | null; onPick(a: AgentStatus | null): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="agent-picker">
      <legend>{t('transfer.agentIn', { skill: skill.name })}</legend>
      {agents === null && !error && <p role="status" className="muted small">{t('transfer.agentsLoading')}</p>}
      {error && <p className="error small" role="alert">{error}</p>}
      <ul role="listbox" aria-label={t('transfer.agentsIn', { skill: skill.name })} className="agent-list">
        <li role="option" aria-selected={agent === null} className={`agent${agent === null ? ' chosen' : ''}`} onClick={() => onPick(null)}>
          <span className="agent-name">{t('transfer.anyone', { skill: skill.name })}</span>
          <span className="agent-status muted small">{t('transfer.anyoneHint')}</span>
        </li>
        {(agents ?? []).map((a) => {
          const can = takesTransfers(a);
          const words = availabilityWords(t, a.availability);
          return (
            <li key={a.agentId} role="option" aria-selected={agent?.agentId === a.agentId} aria-disabled={can ? undefined : 'true'}
              className={`agent${agent?.agentId === a.agentId ? ' chosen' : ''}${can ? '' : ' unavailable'}`}
              title={can ? undefined : t('transfer.cannotTake', { name: a.name, status: words })}
              onClick={() => { if (can) onPick(a); }}>
              <span className={`agent-dot status-${a.availability.toLowerCase()}`} aria-hidden="true" />
              <span className="agent-name">{a.name}</span>
              <span className="agent-status muted small">{words}</span>
            </li>
          );
        })}
        {agents !== null && agents.length === 0 && <li role="option" aria-selected="false" aria-disabled="true" className="empty">{t('transfer.noAgents')}</li>}
      </ul>
    </fieldset>
  );
}
