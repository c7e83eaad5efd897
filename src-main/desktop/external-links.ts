/**
 * The allow-check for links the renderer asks main to open in the OS browser: http(s) only, no
 * credentials in the URL, a length cap. Everything else (javascript:, data:, file:, custom schemes)
 * is refused with a reason the UI can show.
 */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

export type ExternalLinkCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(raw: string): ExternalLinkCheck {
  if (raw.length > MAX_EXTERNAL_URL_LENGTH) return { ok: false, reason: 'link too long' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'links with credentials are not opened' };
  if (url.hostname === '') return { ok: false, reason: 'no host' };
  return { ok: true, url: url.href };
}
