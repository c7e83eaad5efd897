/** Consumer (or any) text as inert React text: http(s) links open via main, bidi controls shown, long text clamped. */
import { useState, type MouseEvent } from 'react';
import { describeError } from '../lib/errors';
import { bidiName, clampTokens, CLAMP_CHARS, tokenize } from '../lib/text';
import { useStoreApi } from '../state/hooks';

export function MessageText({ text }: { text: string }) {
  const store = useStoreApi();
  const [expanded, setExpanded] = useState(false);
  const all = tokenize(text);
  const { tokens, clamped } = expanded ? { tokens: all, clamped: false } : clampTokens(all, CLAMP_CHARS);
  // One "link not opened" banner at a time, gone as soon as a later link opens.
  const refused = (reason: string): void => store.dispatch({ type: 'banner/show', kind: 'error', topic: 'link', text: `Link not opened: ${reason}` });
  const open = (e: MouseEvent<HTMLAnchorElement>, url: string): void => {
    e.preventDefault();
    // Main's allow-check decides (http(s), no credentials, length); say so when it refuses.
    store.lp.shellOpenExternal({ url }).then(
      (r) => {
        if (r.opened) store.dispatch({ type: 'banner/clear', topic: 'link' });
        else refused(r.reason ?? 'not allowed');
      },
      (err: unknown) => refused(describeError(err)),
    );
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
