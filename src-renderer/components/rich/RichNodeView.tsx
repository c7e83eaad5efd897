/**
 * One node of normalised structured content (RichNode, built by the core's allow-list normaliser) as
 * React elements: containers as flex boxes, a carousel as a horizontally scrolling row, text through
 * MessageText (plain text, links via main, control characters shown), buttons through RichButton.
 * Images are never loaded from a remote URL by the window: an inert placeholder with the alt text.
 */
import type { RichNode } from '../../../src-preload/api';
import { MessageText } from '../MessageText';
import { RichButton, styleProps } from './RichButton';

function hostOf(url: string): string | undefined {
  const m = /^https:\/\/([^/?#]+)/i.exec(url);
  return m?.[1];
}

export function RichNodeView({ node }: { node: RichNode }) {
  switch (node.type) {
    case 'vertical':
    case 'horizontal':
    case 'carousel':
      return (
        <div className={`rich-${node.type}`} role={node.type === 'carousel' ? 'group' : undefined}
          aria-label={node.type === 'carousel' ? `Carousel of ${node.children.length}` : undefined}>
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
      return (
        <figure className="rich-image" data-testid="rich-image">
          <div className="rich-image-placeholder" role="img" aria-label={`Image: ${node.alt}`}
            title={host ? `Image from ${host}, not loaded` : 'Image, not loaded'}>
            <span className="rich-image-icon" aria-hidden="true" /> <span>{node.alt}</span>
          </div>
          {node.caption && <figcaption className="muted small">{node.caption}</figcaption>}
        </figure>
      );
    }
    case 'button':
      return <RichButton className="btn rich-button" title={node.title} tooltip={node.tooltip} action={node.action} style={node.style} />;
    default:
      return (
        <div className="rich-unknown" title={`Element “${node.originalType}” shown as text`}>
          {node.text !== '' ? <MessageText text={node.text} /> : <span className="muted small">[{node.originalType}]</span>}
        </div>
      );
  }
}
