/**
 * One node of normalised structured content (RichNode, built by the core's allow-list normaliser) as
 * React elements: containers as flex boxes, a carousel as a horizontally scrolling row, text through
 * MessageText (plain text, links via main, control characters shown), buttons through RichButton.
 * Images are never loaded from a remote URL by the window: an inert placeholder with the alt text.
 */
import { useTranslation } from 'react-i18next';
import type { RichNode } from '../../../src-preload/api';
import { MessageText } from '../MessageText';
import { RichButton, styleProps } from './RichButton';

function hostOf(url: string): string | undefined {
  const m = /^https:\/\/([^/?#]+)/i.exec(url);
  return m?.[1];
}

export function RichNodeView({ node }: { node: RichNode }) {
  const { t } = useTranslation();
  switch (node.type) {
    case 'vertical':
    case 'horizontal':
    case 'carousel':
      return (
        <div className={`rich-${node.type}`} role={node.type === 'carousel' ? 'group' : undefined}
          aria-label={node.type === 'carousel' ? t('rich.carousel', { n: node.children.length }) : undefined}>
          {node.children.map((c, i) => <RichNodeView key={i} node={c} />)}
        </div>
      );
    case 'text': {
      const looks = styleProps(node.style);
      return (
        <div className={`rich-text${looks.className}`} style={looks.style} title={node.tooltip}>
          <MessageText text={node.text} />
        </div>
      );
    }
    case 'image': {
      const host = node.url ? hostOf(node.url) : undefined;
      const alt = node.alt.trim() === '' ? t('rich.image') : node.alt;
      return (
        <figure className="rich-image" data-testid="rich-image">
          <div className="rich-image-placeholder" role="img" aria-label={t('rich.imageLabel', { alt })}
            title={host ? t('rich.imageFrom', { host }) : t('rich.imageNotLoaded')}>
            <span className="rich-image-icon" aria-hidden="true" /> <span>{alt}</span>
          </div>
          {node.caption && <figcaption className="muted small">{node.caption}</figcaption>}
        </figure>
      );
    }
    case 'button':
      return <RichButton className="btn rich-button" title={node.title} tooltip={node.tooltip} action={node.action} style={node.style} />;
    default:
      return (
        <div className="rich-unknown" title={t('rich.unknownElement', { type: node.originalType })}>
          {node.text !== '' ? <MessageText text={node.text} /> : <span className="muted small">{`[${node.originalType}]`}</span>}
        </div>
      );
  }
}
