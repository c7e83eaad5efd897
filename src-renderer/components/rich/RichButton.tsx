/**
 * A structured-content button or quick reply. A link opens through main's allow-check; an action only
 * the consumer can perform (publishText, navigate, …) and a refused link are shown inert: disabled for
 * clicks, with a tooltip saying why (aria-disabled, so it stays focusable and its reason is read).
 */
import type { CSSProperties } from 'react';
import type { RichAction, RichStyle } from '../../../src-preload/api';
import { useOpenLink } from './use-open-link';

/** The allow-listed style as CSS: bold, italic, a checked #hex colour; size is a class. */
export function styleProps(style: RichStyle | undefined): { className: string; style?: CSSProperties } {
  if (!style) return { className: '' };
  const css: CSSProperties = {};
  if (style.bold) css.fontWeight = 700;
  if (style.italic) css.fontStyle = 'italic';
  if (style.color) css.color = style.color;
  return { className: style.size ? ` rich-size-${style.size}` : '', ...(Object.keys(css).length > 0 ? { style: css } : {}) };
}

export function inertReason(action: RichAction | undefined): string | undefined {
  if (action === undefined) return 'This button does nothing in the agent’s window';
  if (action.kind === 'consumer-only') return `Only the consumer can use this (${action.type})`;
  if (action.kind === 'blocked-link') return `Link not offered: ${action.reason}`;
  return undefined;
}

export function RichButton({ title, tooltip, action, style, className }: {
  title: string; tooltip?: string | undefined; action?: RichAction | undefined; style?: RichStyle | undefined; className: string;
}) {
  const open = useOpenLink();
  const inert = inertReason(action);
  const looks = styleProps(style);
  const label = title.trim() === '' ? '(untitled)' : title;
  if (inert !== undefined || action?.kind !== 'link') {
    return (
      <button type="button" className={`${className} rich-inert${looks.className}`} style={looks.style} aria-disabled="true"
        title={tooltip ? `${tooltip} — ${inert ?? ''}` : inert} data-inert="true" onClick={(e) => e.preventDefault()}>
        {label}
      </button>
    );
  }
  const url = action.url;
  return (
    <button type="button" className={`${className} rich-link${looks.className}`} style={looks.style}
      title={tooltip ? `${tooltip} — opens ${url} in your browser` : `Opens ${url} in your browser`}
      onClick={() => open(url)}>
      {label}
    </button>
  );
}
