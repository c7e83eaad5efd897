/**
 * A message's structured content: the card (RichNodeView) and its quick replies as chips. Quick
 * replies are what the consumer may tap; in the agent's window they show what was offered, and only
 * a link among them opens (through main's allow-check).
 */
import { useTranslation } from 'react-i18next';
import type { RichContent } from '../../../src-preload/api';
import { RichButton } from './RichButton';
import { RichNodeView } from './RichNodeView';

export function RichContentView({ rich }: { rich: RichContent }) {
  const { t } = useTranslation();
  return (
    <div className="rich" data-testid="rich-content">
      {rich.root && <div className="rich-card"><RichNodeView node={rich.root} /></div>}
      {rich.quickReplies && (
        <div className="rich-quick-replies" role="group" aria-label={t('rich.quickReplies')}>
          {rich.quickReplies.map((q, i) => (
            <RichButton key={i} className="chip" title={q.title} tooltip={q.tooltip} action={q.action} />
          ))}
        </div>
      )}
      {rich.truncated && <div className="muted small">{t('rich.truncated')}</div>}
    </div>
  );
}
