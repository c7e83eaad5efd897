/** Transfer to a skill: live skill list, searchable combobox, explicit confirm. */
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Skill } from '../../src-preload/api';
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
    lp.conversationTransfer({ conversationId, skillId: chosen.id }).then(onClose).catch((err: unknown) => {
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
      {error && <p className="error" role="alert">{error}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>{t('transfer.cancel')}</button>
        {!chosen && <p id="transfer-why" className="muted">{t('transfer.chooseFirst')}</p>}
        <button type="button" className="btn primary" disabled={!chosen || busy} onClick={confirm} aria-describedby={chosen ? undefined : 'transfer-why'}>
          {chosen ? t('transfer.transferTo', { skill: chosen.name }) : t('transfer.transfer')}
        </button>
      </div>
    </Dialog>
  );
}
