/**
 * A message's structured content: the card (RichNodeView) and its quick replies as chips. Quick
 * replies are what the consumer may tap; in the agent's window they show what was offered, and only
 * a link among them opens (through main's allow-check).
 */
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import type { RichContent } from '../../../src-preload/api';
import { RichButton } from './RichButton';
import { RichImageContext, RichNodeView, imageIndexes, type RichImageSource } from './RichNodeView';

/**
 * `conversationId` + `sequence`: the message the card came in (its images are asked for by index; none without a sequence).
 * `t` and `lang`: the message row's (its thread's).
 */
export function RichContentView({ rich, conversationId, sequence, t, lang }: { rich: RichContent; conversationId?: string; sequence?: number | undefined; t: TFunction; lang: string }) {
  const source = useMemo<RichImageSource | null>(
    () => (conversationId !== undefined && sequence !== undefined ? { conversationId, sequence, indexOf: imageIndexes(rich.root) } : null),
    [conversationId, sequence, rich.root],
  );
  return (
    <div className="rich" data-testid="rich-content">
      {rich.root && <div className="rich-card"><RichImageContext.Provider value={source}><RichNodeView node={rich.root} t={t} lang={lang} /></RichImageContext.Provider></div>}
      {rich.quickReplies && (
        <div className="rich-quick-replies" role="group" aria-label={t('rich.quickReplies')}>
          {rich.quickReplies.map((q, i) => (
            <RichButton key={i} className="chip" title={q.title} tooltip={q.tooltip} action={q.action} t={t} />
          ))}
        </div>
      )}
      {rich.truncated && <div className="muted small">{t('rich.truncated')}</div>}
    </div>
  );
}
