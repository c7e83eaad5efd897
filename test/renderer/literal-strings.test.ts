/**
 * The renderer's literal-string lint (eslint.config.mjs, `i18next/no-literal-string` in markup-only
 * mode; README "Languages"), run by ESLint's own API with the project's config on components placed
 * as if in src-renderer: literal JSX text and user-visible attributes are reported, t() text, class
 * names and test ids are not. `npm test` (hence .ci/run) runs ESLint on the real tree.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function reported(code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}src-renderer/components/Sample.tsx` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'i18next/no-literal-string').map((m) => m.line);
}

const preamble = 'declare function t(key: string): string;';

describe('literal text in renderer markup', () => {
  it('reports JSX text and the title, aria-label, placeholder and alt attributes', async () => {
    expect(await reported(`${preamble}
export function SignIn() { return <p>Sign in</p>; }
export const Close = () => <button title="Close">{t('app.closeDialog')}</button>;
export function Field() { return <input aria-label="Message" placeholder="Type here" />; }
export function Logo() { return <img alt="Logo" src="x.png" />; }
`)).toEqual([2, 3, 4, 4, 5]);
  });

  it('lets catalogue text, class names, test ids and keys through', async () => {
    expect(await reported(`${preamble}
export function Banner() { return <p className="banner banner-error" data-testid="message" key="k" aria-label={t('composer.message')}>{t('app.loading')}</p>; }
`)).toEqual([]);
  });
});
