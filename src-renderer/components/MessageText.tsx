/** Consumer (or any) text as inert React text: http(s) links open via main, bidi controls shown, long text clamped. */
import { useState, type MouseEvent } from 'react';
import { bidiName, clampTokens, CLAMP_CHARS, tokenize } from '../lib/text';
import { useOpenLink } from './rich/use-open-link';

export function MessageText({ text }: { text: string }) {
  const openLink = useOpenLink();
  const [expanded, setExpanded] = useState(false);
  const all = tokenize(text);
  const { tokens, clamped } = expanded ? { tokens: all, clamped: false } : clampTokens(all, CLAMP_CHARS);
  const open = (e: MouseEvent<HTMLAnchorElement>, url: string): void => {
    e.preventDefault();
    // Main's allow-check decides (http(s), no credentials, length); a refusal is said in one banner.
    openLink(url);
  };
  return (
    <div className="msg-text" dir="auto">
      {tokens.map((t, i) => {
        if (t.kind === 'link') {
          return (
            <a key={i} href={t.url} onClick={(e) => open(e, t.url)} onAuxClick={(e) => e.preventDefault()} rel="noopener noreferrer" title={`Open ${t.url} in your browser`}>
              {t.text}
            </a>
          );
        }
        if (t.kind === 'control') {
          const name = bidiName(t.char);
          return (
            <span key={i} className="bidi-mark" role="img" title={`Invisible control character ${name}`} aria-label={`control character ${name}`}>
              [{name}]
            </span>
          );
        }
        if (t.kind === 'bidi') {
          const name = bidiName(t.char);
          // role="img" so the name is read (a role-less span's aria-label is not); the text stays "[U+…]".
          return (
            <span key={i} className="bidi-mark" role="img" title={`Hidden text-direction control ${name} (neutralised)`} aria-label={`direction control ${name}`}>
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
