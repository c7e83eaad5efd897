/** Consumer (or any) text as inert React text: http(s) links open via main, bidi controls shown, long text clamped. */
import { useState, type MouseEvent } from 'react';
import { bidiName, clampText, CLAMP_CHARS, tokenize } from '../lib/text';
import { useLp } from '../state/hooks';

export function MessageText({ text }: { text: string }) {
  const lp = useLp();
  const [expanded, setExpanded] = useState(false);
  const { text: shown, clamped } = clampText(text, expanded);
  const open = (e: MouseEvent<HTMLAnchorElement>, url: string): void => {
    e.preventDefault();
    void lp.shellOpenExternal({ url }).catch(() => undefined);
  };
  return (
    <div className="msg-text" dir="auto">
      {tokenize(shown).map((t, i) => {
        if (t.kind === 'link') {
          return (
            <a key={i} href={t.url} onClick={(e) => open(e, t.url)} onAuxClick={(e) => e.preventDefault()} rel="noopener noreferrer" title={`Open ${t.url} in your browser`}>
              {t.text}
            </a>
          );
        }
        if (t.kind === 'bidi') {
          const name = bidiName(t.char);
          return (
            <span key={i} className="bidi-mark" title={`Hidden text-direction control ${name} (neutralised)`} aria-label={`direction control ${name}`}>
              [{name}]
            </span>
          );
        }
        return <span key={i}>{t.text}</span>;
      })}
      {clamped && (
        <>
          <span aria-hidden="true">…</span>{' '}
          <button type="button" className="link-button" onClick={() => setExpanded(true)}>
            Show more ({Math.round(text.length / 1024)} KB)
          </button>
        </>
      )}
      {expanded && text.length > CLAMP_CHARS && (
        <button type="button" className="link-button" onClick={() => setExpanded(false)}>Show less</button>
      )}
    </div>
  );
}
