/**
 * Main's language (src-main/desktop/i18n.ts) and every OS surface that speaks it (#14.5 item 1): the
 * language follows the setting, else the OS; in Spanish the tray, the application menu (role items
 * too), About, the shortcut list, the close question, the context menu, ring and message
 * notifications, notices and the errors main words for the window all read Spanish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-preload/api';
import { aboutButtons, aboutMessage } from '../../src-main/desktop/about';
import { messageToastText } from '../../src-main/desktop/attention/message-toasts';
import { closeQuestion } from '../../src-main/desktop/close-decision';
import { contextMenuTemplate } from '../../src-main/desktop/context-menu';
import { createMainI18n, mainLanguage, t } from '../../src-main/desktop/i18n';
import { menuTemplate } from '../../src-main/desktop/menu';
import { appMenuModel } from '../../src-main/desktop/menu-model';
import { createNotices, type Notice } from '../../src-main/desktop/notices';
import { decideRingAlert } from '../../src-main/desktop/notifications';
import { createShortcutController } from '../../src-main/desktop/shortcuts';
import { shortcutList } from '../../src-main/desktop/shortcut-list';
import { timeLeft } from '../../src-main/desktop/ring-text';
import { trayModel } from '../../src-main/desktop/tray-model';
import { ring } from './fakes';

const flags = { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: false };

afterEach(() => {
  createMainI18n(() => [], 'en');
});

describe("main's language", () => {
  it('is the setting when it names one, else the first OS language the catalogue has, else English', () => {
    const os: string[] = ['de-DE', 'es-MX'];
    const i18n = createMainI18n(() => os, 'system');
    expect(i18n.language()).toBe('es');
    expect(i18n.apply('en')).toBe(true);
    expect(mainLanguage()).toBe('en');
    expect(i18n.apply('en')).toBe(false);
    os.splice(0, os.length, 'fr-FR');
    expect(i18n.apply('system')).toBe(false); // French is not in the catalogue: English, unchanged
    expect(i18n.language()).toBe('en');
  });
});

describe('OS text in Spanish', () => {
  it('application menu: submenus, our items and the role items', () => {
    createMainI18n(() => ['es-ES'], 'system');
    const template = menuTemplate(appMenuModel({ appName: 'LP Agent Desktop', platform: 'linux', development: false }), () => undefined);
    expect(template.map((m) => m.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana', 'Ayuda']);
    const all = JSON.stringify(template);
    for (const label of ['Ajustes…', 'Diagnóstico…', 'Exportar el registro…', 'Salir', 'Ampliar', 'Tamaño real', 'Atajos de teclado', 'Acerca de LP Agent Desktop', 'Deshacer', 'Copiar', 'Pegar', 'Seleccionar todo', 'Minimizar']) {
      expect(all).toContain(`"${label}"`);
    }
    const edit = template[1]?.submenu as Array<{ role?: string; label?: string }>;
    expect(edit.find((i) => i.role === 'copy')?.label).toBe('Copiar');
    const mac = appMenuModel({ appName: 'LP Agent Desktop', platform: 'darwin', development: false });
    expect(JSON.stringify(mac)).toContain('"Ocultar LP Agent Desktop"');
    expect(JSON.stringify(mac)).toContain('"Salir de LP Agent Desktop"');
  });

  it('About, the shortcut list and the close question', () => {
    createMainI18n(() => [], 'es');
    const about = aboutMessage({ name: 'LP Agent Desktop', version: '1.2.3', versions: { electron: '45.0.0' } });
    expect(about.title).toBe('Acerca de LP Agent Desktop');
    expect(about.detail).toContain('Chromium desconocida');
    expect(about.detail).toContain('«Licencias» los abre.');
    expect(aboutButtons()).toEqual(['Aceptar', 'Licencias']);
    const list = shortcutList({ model: appMenuModel({ appName: 'A', platform: 'linux', development: false }), platform: 'linux', acceptOldestShortcut: 'Alt+Shift+K' });
    expect(list[0]).toEqual({ keys: 'Alt+Shift+K', what: 'Aceptar la solicitud más antigua (desde cualquier lugar del escritorio)' });
    expect(list).toEqual(expect.arrayContaining([{ keys: 'Ctrl+=', what: 'Ampliar' }, { keys: 'Enter', what: 'Enviar el mensaje' }]));
    expect(closeQuestion(1)).toMatchObject({ message: 'Tienes una conversación abierta.', buttons: ['Seguir en la bandeja', 'Cerrar sesión y salir', 'Cancelar'] });
    expect(closeQuestion(4).message).toBe('Tienes 4 conversaciones abiertas.');
  });

  it("a ring's time left follows a language change, back and forth, beyond an hour too", () => {
    expect(timeLeft(100_000, 59_000)).toBe('0:41 left');
    createMainI18n(() => [], 'es');
    expect(timeLeft(100_000, 59_000)).toBe('quedan 0:41');
    expect(timeLeft(7_300_000, 0)).toBe('quedan 121:40');
    createMainI18n(() => [], 'en');
    expect(timeLeft(100_000, 59_000)).toBe('0:41 left');
    expect(timeLeft(7_300_000, 0)).toBe('121:40 left');
  });

  it('context menu, tray, ring and message notifications', () => {
    createMainI18n(() => [], 'es');
    const menu = contextMenuTemplate({ isEditable: true, selectionText: '', misspelledWord: 'holaa', dictionarySuggestions: [], editFlags: flags }, { replaceMisspelling: () => undefined, addToDictionary: () => undefined });
    expect(menu.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['No hay sugerencias', 'Añadir al diccionario', 'Cortar', 'Copiar', 'Pegar', 'Seleccionar todo']);
    const tray = trayModel({ mode: 'live', phase: 'online', availability: 'ONLINE', rings: [ring({ consumerName: 'Dana' })], skills: [{ id: '11', name: 'Billing' }], windowVisible: true, now: 59_000, platform: 'linux' });
    expect(tray.items.map((i) => (i.type === 'separator' ? '—' : i.label))).toEqual([
      'Aceptar — Dana · Billing · quedan 0:41', 'Aceptar la más antigua', '—', 'En línea', 'Ausente', 'Vuelvo enseguida', 'Desconectado', '—', 'Ocultar la ventana', 'Salir',
    ]);
    expect(tray.tooltip).toBe('LP Agent Desktop — En línea — 1 solicitud en espera');
    const alert = decideRingAlert(ring(), DEFAULT_SETTINGS, false, 'win32', { now: 59_000 });
    expect(alert).toMatchObject({ title: 'Nueva solicitud de conversación', actions: [{ type: 'button', text: 'Aceptar' }] });
    expect(messageToastText({ conversationId: 'c1', text: 'hola' }).title).toBe('Nuevo mensaje de Un consumidor');
    expect(messageToastText({ conversationId: 'c1', name: 'Ana', text: 'hola' }).title).toBe('Nuevo mensaje de Ana');
  });

  it('errors main words for the window: a global shortcut another app holds', () => {
    createMainI18n(() => [], 'es');
    const shortcuts = createShortcutController({ globalShortcut: { register: () => false, unregister: () => undefined }, onAcceptOldest: () => undefined });
    expect(shortcuts.apply('Alt+Shift+K')).toMatchObject({ registered: false, error: 'El atajo Alt+Shift+K ya lo usa otra aplicación; está desactivado.' });
  });

  it('a notice raised before the language is known is worded in the language of its delivery', () => {
    const delivered: Notice[] = [];
    const logged: string[] = [];
    const notices = createNotices({ deliver: (n) => delivered.push(n), log: (m) => logged.push(m) });
    createMainI18n(() => [], 'en');
    notices.tell({ id: 'settings-corrupt', level: 'warning', text: () => (mainLanguage() === 'es' ? 'en español' : 'in English') });
    expect(logged).toEqual(['notice (warning): in English']);
    createMainI18n(() => ['es-ES'], 'system');
    notices.pageReady();
    expect(delivered).toEqual([{ id: 'settings-corrupt', level: 'warning', text: 'en español' }]);
  });
});

describe("main's t: each text worked out once per language, key and options", () => {
  it('gives what i18next gives, in the language of the moment, with and without options', () => {
    const i18n = createMainI18n(() => [], 'en');
    expect([t('ring.left', { time: '0:41' }), t('ring.left', { time: '0:41' }), t('ring.left', { time: '1:05' })]).toEqual(['0:41 left', '0:41 left', '1:05 left']);
    expect(t('notification.newRequest')).toBe('New conversation request');
    i18n.apply('es');
    expect(t('ring.left', { time: '0:41' })).toBe('quedan 0:41');
    expect(t('notification.newRequest')).toBe('Nueva solicitud de conversación');
    // An option that names another language is part of what is remembered.
    expect(t('notification.newRequest', { lng: 'en' })).toBe('New conversation request');
    i18n.apply('en');
    expect(t('ring.left', { time: '0:41' })).toBe('0:41 left');
    expect(t('notification.newRequest')).toBe('New conversation request');
  });
});
