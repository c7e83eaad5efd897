/** The context menu as data (#14.4): suggestions, Add to dictionary, edit items per editFlags; spellcheck languages. */
import { describe, expect, it } from 'vitest';
import { contextMenuTemplate, MAX_SUGGESTIONS, spellcheckLanguages, type ContextParams } from '../../src-main/desktop/context-menu';

const allFlags = { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: false };
const params = (over: Partial<ContextParams>): ContextParams => ({ isEditable: false, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: allFlags, ...over });
const noop = { replaceMisspelling: () => undefined, addToDictionary: () => undefined };
const shape = (p: ContextParams) => contextMenuTemplate(p, noop).map((i) => (i.type === 'separator' ? '—' : `${i.label}${i.enabled === false ? ' (off)' : ''}`));

describe('context menu', () => {
  it('a misspelled word in a field: at most MAX_SUGGESTIONS suggestions, Add to dictionary, then the edit items', () => {
    const suggestions = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(shape(params({ isEditable: true, misspelledWord: 'helo', dictionarySuggestions: suggestions }))).toEqual([
      ...suggestions.slice(0, MAX_SUGGESTIONS), 'Add to dictionary', '—', 'Cut', 'Copy', 'Paste', '—', 'Select all',
    ]);
  });

  it('no suggestions says so; the word added is the misspelled one', () => {
    const added: string[] = [];
    const menu = contextMenuTemplate(params({ isEditable: true, misspelledWord: 'zxq', editFlags: { ...allFlags, canCut: false, canCopy: false } }), { ...noop, addToDictionary: (w) => added.push(w) });
    expect(menu.map((i) => i.label ?? '—')).toEqual(['No suggestions', 'Add to dictionary', '—', 'Cut', 'Copy', 'Paste', '—', 'Select all']);
    expect(menu[0]?.enabled).toBe(false);
    expect(menu[3]?.enabled).toBe(false);
    menu[1]?.click?.({} as never, undefined, {} as never);
    expect(added).toEqual(['zxq']);
  });

  it('edit items use Electron roles; outside a field only Copy of a selection; nothing when there is nothing to do', () => {
    const field = contextMenuTemplate(params({ isEditable: true }), noop);
    expect(field.map((i) => i.role ?? '—')).toEqual(['cut', 'copy', 'paste', '—', 'selectAll']);
    expect(shape(params({ selectionText: 'some text' }))).toEqual(['Copy']);
    expect(shape(params({}))).toEqual([]);
    // A misspelling reported outside an editable field offers no replacement.
    expect(shape(params({ misspelledWord: 'helo', dictionarySuggestions: ['hello'] }))).toEqual([]);
  });
});

describe('spellcheck languages', () => {
  const available = ['de-DE', 'en-GB', 'en-US', 'es', 'es-ES', 'pt-BR'];
  it('the OS preference order, matched exactly, by base language, or to a regional variant; duplicates and unknowns dropped', () => {
    expect(spellcheckLanguages(['en-GB', 'es-MX', 'pt', 'ja-JP', 'en-gb'], available)).toEqual(['en-GB', 'es', 'pt-BR']);
    expect(spellcheckLanguages([], available)).toEqual([]);
  });
});
