/**
 * The lint rule that keeps main's OS-facing text in the catalogue (eslint.config.mjs, `osTextRule`,
 * README "Languages"), run by ESLint's own API with the project's config on code placed as if in
 * src-main/desktop: each shape in which literal text reaches the OS (Menu, Tray, Notification,
 * dialog, notices, errors for the window) is reported, and catalogue text, ids, roles, accelerators
 * and log lines are not. The real tree is checked by `npm run lint` itself.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const RULE = 'no-restricted-syntax';

/** The lines on which the OS-text rule reports, for `code` placed at src-main/desktop/<file>. */
async function reported(code: string, file = 'src-main/desktop/sample.ts'): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return [...new Set((result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.line))];
}

const preamble = [
  "declare function t(key: string, o?: object): string;",
  "declare function act(id: string, label: string, accelerator?: string): unknown;",
  "declare function log(m: string): void;",
  "declare class AppError extends Error { constructor(code: number, location: string, message: string); }",
  "declare const tray: { setToolTip(s: string): void };",
  "declare const win: { setTitle(s: string): void };",
  "declare const name: string;",
].join('\n');

describe('literal OS text in src-main/desktop', () => {
  it.each([
    ['a menu or tray label', "export const item = { id: 'quit', label: 'Quit' };"],
    ['a notification title in a template', 'export const n = { title: `New message from ${name}`, body: t(\'x\') };'],
    ['a dialog message and detail', "export const box = { type: 'question', message: t('a'), detail: 'Your answer is remembered' };"],
    ['dialog buttons', "export const box = { buttons: [t('a'), 'Cancel'] };"],
    ["menu-model's act(id, label)", "export const item = act('about', 'About');"],
    ['a tray tooltip', "tray.setToolTip('LP Agent Desktop');"],
    ['a window title', 'win.setTitle(`Agent ${name}`);'],
    ["an AppError's message", "throw new AppError(404, 'Resume#Account', 'No saved account: sign in first.');"],
    ['a sentence handed on anywhere', "export const notice = (tell: (s: string) => void): void => tell('Unsent messages are saved again.');"],
  ])('reports %s', async (_what, line) => {
    expect(await reported(`${preamble}\n${line}\n`)).toEqual([8]);
  });

  it('lets catalogue text, ids, roles, accelerators, kinds and log lines through', async () => {
    const code = `${preamble}
export const items = [
  { id: 'quit', label: t('tray.quit'), role: 'quit', accelerator: 'CommandOrControl+Q', type: 'separator' },
  act('zoom-in', t('menu.zoomIn'), 'CommandOrControl+='),
  { type: 'question', title: t('app.name'), message: t('closeDialog.message', { count: 2 }), buttons: [t('menu.ok')] },
  { title: \`\${name} 1.0\`, message: \`\${name} \${name}\` },
];
log('Menu action quit failed: the window is gone');
console.warn('Could not write the file today');
throw new AppError(409, 'App#Session', t('mainErrors.notSignedIn'));
`;
    expect(await reported(code)).toEqual([]);
  });

  it('applies to every file under src-main/desktop, not to the core or the renderer', async () => {
    const line = `${preamble}\nexport const item = { label: 'Quit' };\n`;
    expect(await reported(line, 'src-main/desktop/attention/sample.ts')).toEqual([8]);
    expect(await reported(line, 'src-main/lp/session/sample.ts')).toEqual([]);
  });
});
