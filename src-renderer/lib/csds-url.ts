/**
 * The domain-service (CSDS) address as typed on the sign-in form → the URL main is given. The same
 * forms as headless mode's --csds (src-main/lp/connection/domains.ts normaliseCsdsUrl; the renderer
 * cannot import the core, and test/lp/helpers/csds-forms.ts checks both against one table):
 * `https://host[:port]`, `http://host[:port]`, or a bare `host[:port]`, which means https://.
 */
const CSDS_FORM = /^(?:(https?):\/\/)?(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?\/?$/i;

export const CSDS_URL_FORMS = 'https://host[:port], http://host[:port], or host[:port] alone (which means https://)';

/** The URL to use, or undefined when the text is not one of the accepted forms. */
export function normaliseCsdsUrl(typed: string): string | undefined {
  const m = CSDS_FORM.exec(typed.trim());
  const port = m?.[3] === undefined ? undefined : Number(m[3]);
  if (!m || (port !== undefined && (port < 1 || port > 65_535))) return undefined;
  return `${(m[1] ?? 'https').toLowerCase()}://${m[2]}${port === undefined ? '' : `:${port}`}`;
}
