/** Add, edit and delete canned responses. */
import { useState } from 'react';
import type { CannedResponse } from '../../src-preload/api';

function newId(list: readonly CannedResponse[]): string {
  let i = list.length + 1;
  while (list.some((c) => c.id === `c${i}`)) i++;
  return `c${i}`;
}

export function CannedEditor({ items, onChange }: { items: readonly CannedResponse[]; onChange(next: CannedResponse[]): void }) {
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
      <h3 id="canned-heading">Canned responses</h3>
      <p className="muted">Type <kbd>/</kbd> in the composer to insert one.</p>
      <ul className="canned-list">
        {items.map((c) => (
          <li key={c.id}>
            <span className="canned-title">{c.title}</span>
            <span className="canned-text">{c.text}</span>
            <button type="button" className="btn small" aria-label={`Edit ${c.title}`} onClick={() => start(c)}>Edit</button>
            <button type="button" className="btn small danger" aria-label={`Delete ${c.title}`} onClick={() => onChange(items.filter((x) => x.id !== c.id))}>Delete</button>
          </li>
        ))}
      </ul>
      {editing ? (
        <div className="canned-form" role="group" aria-label={editing === 'new' ? 'New canned response' : 'Edit canned response'}>
          <label className="field"><span>Title</span><input value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} /></label>
          <label className="field"><span>Text</span><textarea value={text} rows={3} maxLength={10_000} onChange={(e) => setText(e.target.value)} /></label>
          <div className="row">
            <button type="button" className="btn primary" onClick={save} disabled={!title.trim() || !text.trim()}>Save response</button>
            <button type="button" className="btn" onClick={() => setEditing(null)}>Cancel</button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn" onClick={() => start(null)}>Add response</button>
      )}
    </section>
  );
}
