/**
 * The window's context menu (Electron's own `context-menu` event, no package: the menu is small and
 * the decision is tested here as data). Over a misspelled word: up to MAX_SUGGESTIONS of the
 * spellchecker's suggestions (click replaces the word), "Add to dictionary"; in an editable field:
 * Cut, Copy, Paste, Select all as the page allows them (`editFlags`); elsewhere Copy when text is
 * selected. Nothing else (no "Inspect", no link or image items: links open through the allow-check).
 * Spellcheck languages: the OS's preferred languages the built-in spellchecker has (macOS uses its
 * own spellchecker and detects the language itself; Electron ignores the call there).
 */
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { t } from './i18n';

export const MAX_SUGGESTIONS = 5;

export type ContextParams = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'>;

export interface ContextActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

export function contextMenuTemplate(params: ContextParams, actions: ContextActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  const word = params.misspelledWord.trim();
  if (params.isEditable && word !== '') {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    for (const s of suggestions) items.push({ id: `suggestion:${s}`, label: s, click: () => actions.replaceMisspelling(s) });
    if (suggestions.length === 0) items.push({ id: 'no-suggestions', label: t('contextMenu.noSuggestions'), enabled: false });
    items.push({ id: 'add-to-dictionary', label: t('contextMenu.addToDictionary'), click: () => actions.addToDictionary(word) });
    items.push({ type: 'separator' });
  }
  const f = params.editFlags;
  if (params.isEditable) {
    items.push(
      { id: 'cut', role: 'cut', label: t('menuRole.cut'), enabled: f.canCut },
      { id: 'copy', role: 'copy', label: t('menuRole.copy'), enabled: f.canCopy },
      { id: 'paste', role: 'paste', label: t('menuRole.paste'), enabled: f.canPaste },
      { type: 'separator' },
      { id: 'select-all', role: 'selectAll', label: t('menuRole.selectAll'), enabled: f.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ id: 'copy', role: 'copy', label: t('menuRole.copy'), enabled: f.canCopy });
  }
  // No trailing separator (a menu with only suggestions and "Add" in a field always has Cut … after it).
  while (items.at(-1)?.type === 'separator') items.pop();
  return items;
}

/** The OS's preferred languages the spellchecker has, matched exactly or by base language (en-GB → en-GB, pt → pt-BR). */
export function spellcheckLanguages(preferred: readonly string[], available: readonly string[]): string[] {
  const out: string[] = [];
  const add = (lang: string | undefined): void => {
    if (lang && !out.includes(lang)) out.push(lang);
  };
  for (const p of preferred) {
    const exact = available.find((a) => a.toLowerCase() === p.toLowerCase());
    const base = p.split('-')[0]?.toLowerCase();
    add(exact ?? available.find((a) => a.toLowerCase() === base) ?? available.find((a) => a.toLowerCase().startsWith(`${base}-`)));
  }
  return out;
}

export interface ContextMenuWebContents {
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuParams) => void): unknown;
  replaceMisspelling(word: string): void;
  readonly session: {
    addWordToSpellCheckerDictionary(word: string): boolean;
    setSpellCheckerLanguages(languages: string[]): void;
    readonly availableSpellCheckerLanguages: string[];
  };
}

export interface ContextMenuDeps<W> {
  window: W;
  webContents: ContextMenuWebContents;
  buildMenu(template: MenuItemConstructorOptions[]): { popup(options: { window: W }): void };
  platform: string;
  /** app.getPreferredSystemLanguages(). */
  preferredLanguages(): string[];
  log(message: string): void;
}

/** Spellcheck languages set, and the context menu on right click (or the keyboard's menu key). */
export function installContextMenu<W>(deps: ContextMenuDeps<W>): void {
  const wc = deps.webContents;
  if (deps.platform !== 'darwin') {
    const languages = spellcheckLanguages(deps.preferredLanguages(), wc.session.availableSpellCheckerLanguages);
    try {
      if (languages.length > 0) wc.session.setSpellCheckerLanguages(languages);
    } catch (err) {
      deps.log(`spellcheck languages not set: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  wc.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, {
      replaceMisspelling: (word) => wc.replaceMisspelling(word),
      addToDictionary: (word) => {
        if (!wc.session.addWordToSpellCheckerDictionary(word)) deps.log('word not added to the dictionary');
      },
    });
    if (template.length > 0) deps.buildMenu(template).popup({ window: deps.window });
  });
}
