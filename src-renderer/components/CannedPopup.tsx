/** The `/` canned-response picker: a listbox driven from the composer's keyboard. */
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../src-preload/api';

export function filterCanned(list: readonly CannedResponse[], query: string): CannedResponse[] {
  const q = query.trim().toLowerCase();
  if (!q) return list.slice(0, 50);
  return list.filter((c) => c.title.toLowerCase().includes(q) || c.text.toLowerCase().includes(q)).slice(0, 50);
}

export function cannedOptionId(listId: string, index: number): string {
  return `${listId}-opt-${index}`;
}

interface Props {
  id: string;
  items: readonly CannedResponse[];
  active: number;
  onPick(item: CannedResponse): void;
  onHover(index: number): void;
}

export function CannedPopup({ id, items, active, onPick, onHover }: Props) {
  const { t } = useTranslation();
  return (
    <ul id={id} role="listbox" aria-label={t('canned.popup')} className="canned-popup">
      {items.length === 0 && <li className="canned-empty" role="option" aria-selected="false" aria-disabled="true">{t('canned.noMatch')}</li>}
      {items.map((c, i) => (
        <li
          key={c.id}
          id={cannedOptionId(id, i)}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'canned-item active' : 'canned-item'}
          onMouseDown={(e) => {
            e.preventDefault(); // keep focus in the composer
            onPick(c);
          }}
          onMouseEnter={() => onHover(i)}
        >
          <span className="canned-title">{c.title}</span>
          <span className="canned-text">{c.text}</span>
        </li>
      ))}
    </ul>
  );
}
