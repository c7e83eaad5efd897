/**
 * The core's network words in the UI's language. The core (src-main/lp) words its failures in English
 * — stable text shared with the headless CLI and the logs — and the window shows some of them: the
 * sign-in error, the connection indicator's tooltip, Diagnostics' last error. The catalogue's
 * `coreWords` holds each of the core's phrases (the English value is the phrase itself): every one
 * found in a message is replaced by the UI language's, longest first, and what is not a known phrase
 * (codes, host names, certificate names) is kept as it came.
 */
import { resources } from '../../src-preload/i18n/index';
import { i18n } from '../i18n';

type CoreWord = keyof typeof resources.en.translation.coreWords;
const english = resources.en.translation.coreWords;
/** A private-use character (U+F8FF) that marks a replaced phrase while the others are looked for. */
const MARK = '\u{F8FF}';
const MARKED = new RegExp(`${MARK}(\\d+)${MARK}`, 'gu');
const LONGEST_FIRST = (Object.keys(english) as CoreWord[]).sort((a, b) => english[b].length - english[a].length);

export function inUiLanguage(message: string): string {
  if (i18n.language === 'en') return message;
  // One pass over the phrases, each replaced by a placeholder first, so a translated phrase is never
  // matched again by a shorter English one ("the proxy" inside a translation).
  const found: string[] = [];
  let out = message;
  for (const key of LONGEST_FIRST) {
    if (!out.includes(english[key])) continue;
    found.push(i18n.t(`coreWords.${key}`));
    out = out.split(english[key]).join(`${MARK}${found.length - 1}${MARK}`);
  }
  return out.replace(MARKED, (_m, i: string) => found[Number(i)] ?? '');
}
