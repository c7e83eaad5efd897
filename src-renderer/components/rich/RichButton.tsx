/**
 * A structured-content button or quick reply. A link opens through main's allow-check; an action only
 * the consumer can perform (publishText, navigate, …) and a refused link are shown inert: disabled for
 * clicks, with a tooltip saying why (aria-disabled, so it stays focusable and its reason is read).
 */
import type { CSSProperties } from 'react';
import type { TFunction } from 'i18next';
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

/** Why a button does nothing here, in the UI's language, or undefined for a link that opens. */
export function inertReason(t: TFunction, action: RichAction | undefined): string | undefined {
  if (action === undefined) return t('rich.doesNothing');
  if (action.kind === 'consumer-only') return t('rich.consumerOnly', { type: action.type });
  if (action.kind === 'blocked-link') {
    if (action.reason === 'scheme') return t('rich.blockedScheme', { scheme: action.scheme ?? '' });
    return action.reason === 'too-long' ? t('rich.blockedTooLong') : t('rich.blockedInvalid');
  }
  return undefined;
}

/** `t`: the message row's (its thread's), not a hook per button. */
export function RichButton({ title, tooltip, action, style, className, t }: {
  title: string; tooltip?: string | undefined; action?: RichAction | undefined; style?: RichStyle | undefined; className: string; t: TFunction;
}) {
  const open = useOpenLink(t);
  const looks = styleProps(style);
  const label = title.trim() === '' ? t('rich.untitled') : title;
  const withTooltip = (what: string): string => (tooltip ? t('rich.withTooltip', { tooltip, what }) : what);
  if (action?.kind !== 'link') {
    return (
      <button type="button" className={`${className} rich-inert${looks.className}`} style={looks.style} aria-disabled="true"
        title={withTooltip(inertReason(t, action) ?? '')} data-inert="true" onClick={(e) => e.preventDefault()}>
        {label}
      </button>
    );
  }
  const url = action.url;
  return (
    <button type="button" className={`${className} rich-link${looks.className}`} style={looks.style}
      title={withTooltip(t('rich.opens', { url }))}
      onClick={() => open(url)}>
      {label}
    </button>
  );
}
