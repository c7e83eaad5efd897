/** Add, edit and delete canned responses. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../src-preload/api';

function newId(list: readonly CannedResponse[]): string {
  let i = list.length + 1;
  while (list.some((c) => c.id === `c${i}`)) i++;
  return `c${i}`;
}

export function CannedEditor({ items, onChange }: { items: readonly CannedResponse[]; onChange(next: CannedResponse[]): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');

  const start = (c: CannedResponse | null): void => {
    setEditing(c ? c.id : 'new');
    setTitle(c?.title ?? '');
    setText(c?.text ?? '');
  };
  const save = (): void => {
    const t = title.trim();
    const body = text.trim();
    if (!t || !body) return;
    const next = editing === 'new'
      ? [...items, { id: newId(items), title: t.slice(0, 120), text: body.slice(0, 10_000) }]
      : items.map((c) => (c.id === editing ? { ...c, title: t.slice(0, 120), text: body.slice(0, 10_000) } : c));
    onChange(next);
    setEditing(null);
  };

  return (
    <section className="canned-editor" aria-labelledby="canned-heading">
      <h3 id="canned-heading">{t('canned.heading')}</h3>
      <p className="muted">{t('canned.typeSlash')} <kbd>{'/'}</kbd> {t('canned.typeSlashAfter')}</p>
      <ul className="canned-list">
        {items.map((c) => (
          <li key={c.id}>
            <span className="canned-title">{c.title}</span>
            <span className="canned-text">{c.text}</span>
            <button type="button" className="btn small" aria-label={t('canned.editLabel', { title: c.title })} onClick={() => start(c)}>{t('canned.edit')}</button>
            <button type="button" className="btn small danger" aria-label={t('canned.deleteLabel', { title: c.title })} onClick={() => onChange(items.filter((x) => x.id !== c.id))}>{t('canned.delete')}</button>
          </li>
        ))}
      </ul>
      {editing ? (
        <div className="canned-form" role="group" aria-label={editing === 'new' ? t('canned.newGroup') : t('canned.editGroup')}>
          <label className="field"><span>{t('canned.title')}</span><input value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} /></label>
          <label className="field"><span>{t('canned.text')}</span><textarea value={text} rows={3} maxLength={10_000} onChange={(e) => setText(e.target.value)} /></label>
          <div className="row">
            <button type="button" className="btn primary" onClick={save} disabled={!title.trim() || !text.trim()}>{t('canned.save')}</button>
            <button type="button" className="btn" onClick={() => setEditing(null)}>{t('canned.cancel')}</button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn" onClick={() => start(null)}>{t('canned.add')}</button>
      )}
    </section>
  );
}
