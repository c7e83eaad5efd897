// Spellcheck in the composer (#14.4) on the stand-in: the window has Electron's spellchecker on, in
// the OS languages it has; a right click on a misspelled word offers the suggestions the session
// reports, replaces the word with the chosen one, adds a word to the dictionary; cut/copy/paste are
// in the menu of every field. The right click itself is the stand-in's (`context-menu` params).
import { expect, test } from './fixtures';
import { untilOnline } from './page-helpers';

// The OS prefers Spanish: the spellchecker gets es-MX + en-US, and the app's own words (the menu's
// items) follow the OS language too (#14.5), so the edit items are in Spanish.
test.use({ appEnv: { STANDIN_LANGUAGES: 'es-MX,en-US,ja-JP' } });
test.skip(({ target }) => target !== 'standin', 'context-menu params and the spellchecker are driven through stand-in hooks');

test('composer spellcheck: suggestions from the session, replace, add to dictionary; edit items everywhere', async ({ app }) => {
  const standin = app.standin!;
  const { page } = app;
  await untilOnline(page);
  const s0 = await standin.snapshot();
  expect(s0.windows[0]?.webPreferences.spellcheck).toBe(true);
  expect(s0.spellchecker.languages).toEqual(['es-MX', 'en-US']);

  const editFlags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
  await standin.contextMenu({ isEditable: true, misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve'], editFlags });
  const popup = await standin.waitFor((s) => s.popups.at(-1), { what: 'the context menu' });
  expect(popup.windowId).toBe(s0.windows[0]?.id);
  expect(popup.menu.map((i) => i.label ?? i.type)).toEqual(['receive', 'relieve', 'Añadir al diccionario', 'separator', 'Cortar', 'Copiar', 'Pegar', 'separator', 'Seleccionar todo']);
  await standin.clickPopupItem('receive');
  await standin.waitFor((s) => s.editCommands.find((c) => c.command === 'replaceMisspelling' && c.arg === 'receive'), { what: 'the word replaced' });

  await standin.contextMenu({ isEditable: true, misspelledWord: 'LivePersn', dictionarySuggestions: [], editFlags });
  await standin.waitFor((s) => (s.popups.length === 2 ? s : undefined), { what: 'a second context menu' });
  await standin.clickPopupItem('Añadir al diccionario');
  await standin.waitFor((s) => s.spellchecker.added.includes('LivePersn') || undefined, { what: 'the word added to the dictionary' });

  // A selection outside a field: Copy only, and Copy runs the copy role on the page.
  await standin.contextMenu({ selectionText: 'Billing', editFlags: { canCopy: true } });
  const third = await standin.waitFor((s) => (s.popups.length === 3 ? s.popups[2] : undefined), { what: 'the selection menu' });
  expect(third.menu.map((i) => i.label)).toEqual(['Copiar']);
  await standin.clickPopupItem('Copiar');
  await standin.waitFor((s) => s.editCommands.find((c) => c.command === 'copy'), { what: 'copy' });
});
