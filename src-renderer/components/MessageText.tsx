/** Consumer (or any) text as inert React text: http(s) links open via main, bidi controls shown, long text clamped. */
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { numberFormat } from '../../src-preload/i18n/index';
import { bidiName, clampTokens, CLAMP_CHARS, tokenize } from '../lib/text';
import { useOpenLink } from './rich/use-open-link';

/** A size in whole kilobytes, in the UI's language ("12 kB"). */
function kilobytes(chars: number, lang: string): string {
  return numberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(chars / 1024);
}

export function MessageText({ text }: { text: string }) {
  const openLink = useOpenLink();
  const { t, i18n } = useTranslation();
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
      {tokens.map((tok, i) => {
        if (tok.kind === 'link') {
          return (
            <a key={i} href={tok.url} onClick={(e) => open(e, tok.url)} onAuxClick={(e) => e.preventDefault()} rel="noopener noreferrer" title={t('message.openLink', { url: tok.url })}>
              {tok.text}
            </a>
          );
        }
        if (tok.kind === 'control') {
          const name = bidiName(tok.char);
          return (
            <span key={i} className="bidi-mark" role="img" title={`Invisible control character ${name}`} aria-label={`control character ${name}`}>
              [{name}]
            </span>
          );
        }
        if (tok.kind === 'bidi') {
          const name = bidiName(tok.char);
          // role="img" so the name is read (a role-less span's aria-label is not); the text stays "[U+…]".
          return (
            <span key={i} className="bidi-mark" role="img" title={t('message.bidiTitle', { name })} aria-label={t('message.bidiLabel', { name })}>
              [{name}]
            </span>
          );
        }
        return <span key={i}>{tok.text}</span>;
      })}
      {clamped && (
        <>
          <span aria-hidden="true">…</span>{' '}
          <button type="button" className="link-button" onClick={() => setExpanded(true)}>
            {t('message.showMore', { size: kilobytes(text.length, i18n.language) })}
          </button>
        </>
      )}
      {expanded && text.length > CLAMP_CHARS && (
        <button type="button" className="link-button" onClick={() => setExpanded(false)}>{t('message.showLess')}</button>
      )}
    </div>
  );
}
