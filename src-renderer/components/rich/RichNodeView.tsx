/**
 * One node of normalised structured content (RichNode, built by the core's allow-list normaliser) as
 * React elements: containers as flex boxes, a carousel as a horizontally scrolling row, text through
 * MessageText (plain text, links via main, control characters shown), buttons through RichButton.
 * Images are never loaded from a remote URL by the window: it asks main once (`rich/image-open`, naming
 * the image by its message and its index in the card, never by URL); main fetches it through the app's
 * network stack and checks it by content as a file, and the window shows it from `/files/<id>`. Until
 * then, or when it cannot be shown, an inert placeholder with the alt text (and the problem in words).
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { OpenedRichImage, RichNode } from '../../../src-preload/api';
import { describeError } from '../../lib/errors';
import { fileProblemWords, isAppFileUrl } from '../../lib/file-words';
import { useLp } from '../../state/hooks';
import { MessageText } from '../MessageText';
import { RichButton, styleProps } from './RichButton';

type ImageNode = Extract<RichNode, { type: 'image' }>;

/** Which message the card belongs to, and each image element's index in it (document order, as the core counts). */
export interface RichImageSource { conversationId: string; sequence: number; indexOf: ReadonlyMap<RichNode, number> }
export const RichImageContext = createContext<RichImageSource | null>(null);

/** The card's image elements → their index, depth first with children in order (the core's richImages order). */
export function imageIndexes(root: RichNode | undefined): Map<RichNode, number> {
  const out = new Map<RichNode, number>();
  const walk = (n: RichNode): void => {
    if (n.type === 'image') out.set(n, out.size);
    else if (n.type === 'vertical' || n.type === 'horizontal' || n.type === 'carousel') n.children.forEach(walk);
  };
  if (root) walk(root);
  return out;
}

type Loaded = { state: 'loading' } | { state: 'done'; image: OpenedRichImage } | { state: 'error'; text: string };

function useRichImage(node: ImageNode): Loaded | null {
  const lp = useLp();
  const source = useContext(RichImageContext);
  const index = source?.indexOf.get(node);
  const conversationId = source?.conversationId;
  const sequence = source?.sequence;
  const ready = node.url !== undefined && index !== undefined && conversationId !== undefined && sequence !== undefined;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!ready || index === undefined || conversationId === undefined || sequence === undefined) return undefined;
    let live = true;
    setLoaded({ state: 'loading' });
    lp.richImageOpen({ conversationId, sequence, imageIndex: index }).then(
      (image) => { if (live) setLoaded(image ? { state: 'done', image } : null); },
      (err: unknown) => { if (live) setLoaded({ state: 'error', text: describeError(err) }); },
    );
    return () => { live = false; };
  }, [lp, conversationId, sequence, index, ready]);
  return ready ? loaded : null;
}

function RichImage({ node, t }: { node: ImageNode; t: TFunction }) {
  const loaded = useRichImage(node);
  const host = node.url ? hostOf(node.url) : undefined;
  const alt = node.alt.trim() === '' ? t('rich.image') : node.alt;
  const caption = node.caption && <figcaption className="muted small">{node.caption}</figcaption>;
  if (loaded?.state === 'done' && loaded.image.ok && isAppFileUrl(loaded.image.url)) {
    const img = loaded.image;
    return (
      <figure className="rich-image" data-testid="rich-image">
        <img className="rich-image-img" src={img.url} alt={t('rich.imageLabel', { alt })} width={img.width} height={img.height} draggable={false}
          title={host ? t('rich.imageShownFrom', { host }) : undefined} />
        {caption}
      </figure>
    );
  }
  let note: string | undefined;
  if (loaded?.state === 'done' && !loaded.image.ok) note = t('rich.imageNotShown', { reason: fileProblemWords(loaded.image.problem, t) });
  else if (loaded?.state === 'error') note = t('rich.imageNotShown', { reason: loaded.text });
  const title = loaded?.state === 'loading' ? t('rich.imageLoading') : host ? t('rich.imageFrom', { host }) : t('rich.imageNotLoaded');
  return (
    <figure className="rich-image" data-testid="rich-image">
      <div className="rich-image-placeholder" role="img" aria-label={t('rich.imageLabel', { alt })} title={note ?? title}>
        <span className="rich-image-icon" aria-hidden="true" /> <span>{alt}</span>
      </div>
      {note && <p className="rich-image-problem muted small" role="note">{note}</p>}
      {caption}
    </figure>
  );
}

function hostOf(url: string): string | undefined {
  const m = /^https:\/\/([^/?#]+)/i.exec(url);
  return m?.[1];
}

/** `t` and `lang`: the message row's (its thread's), passed down the card instead of a hook per node. */
export function RichNodeView({ node, t, lang }: { node: RichNode; t: TFunction; lang: string }) {
  switch (node.type) {
    case 'vertical':
    case 'horizontal':
    case 'carousel':
      return (
        <div className={`rich-${node.type}`} role={node.type === 'carousel' ? 'group' : undefined}
          aria-label={node.type === 'carousel' ? t('rich.carousel', { n: node.children.length }) : undefined}>
          {node.children.map((c, i) => <RichNodeView key={i} node={c} t={t} lang={lang} />)}
        </div>
      );
    case 'text': {
      const looks = styleProps(node.style);
      return (
        <div className={`rich-text${looks.className}`} style={looks.style} title={node.tooltip}>
          <MessageText text={node.text} t={t} lang={lang} />
        </div>
      );
    }
    case 'image':
      return <RichImage node={node} t={t} />;
    case 'button':
      return <RichButton className="btn rich-button" title={node.title} tooltip={node.tooltip} action={node.action} style={node.style} t={t} />;
    default:
      return (
        <div className="rich-unknown" title={t('rich.unknownElement', { type: node.originalType })}>
          {node.text !== '' ? <MessageText text={node.text} t={t} lang={lang} /> : <span className="muted small">{`[${node.originalType}]`}</span>}
        </div>
      );
  }
}
