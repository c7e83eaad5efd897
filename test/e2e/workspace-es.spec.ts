// The agent workspace in Spanish (#14.5), through the real UI against the demo simulator: the whole flow
// of workspace.spec.ts — sign-in, online, ring, accept, chat, transfer, close — with an OS whose first
// language is Spanish, asserting the Spanish words the agent reads (window, tray, ring notification,
// application menu); then the language chosen in Settings over an English OS, switching at once, with
// screenshots of the main screens in Spanish, light and dark (test-results/screenshots/*-es-*.png).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { untilOnline } from './page-helpers';
import { acceptItems, consumerName, trayItems } from './standin-helpers';
import { httpConsumer, workspace } from './workspace-helpers';
import { projectRoot } from './targets';

const ENVIADO = /^(Enviado|Entregado|Leído)$/;

async function availability(page: Page): Promise<string> {
  return page.evaluate(() => window.lp.sessionSnapshot().then((s) => s.session.availability));
}

test.describe('an OS in Spanish', () => {
  // The stand-in's OS languages; real Electron on Linux reads LANGUAGE (g_get_language_names).
  test.use({ demoSim: true, appEnv: { STANDIN_LANGUAGES: 'es-ES,en-US', LANGUAGE: 'es_ES:en_US' } });

  test('sign in to the demo, go online, accept, chat, transfer, accept another and close it — in Spanish', async ({ app }) => {
    const { page } = app;
    const demo = app.demo!;
    const ws = workspace(page, 'es');

    // The app follows the OS: the window, its document language and the connection state in Spanish.
    await untilOnline(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(ws.connection).toContainText('Conectado');

    // Signed out through the header ("Cerrar sesión"), then "Probar la demo".
    await ws.signOut.click();
    await expect(page.getByRole('button', { name: 'Probar la demo' })).toBeVisible();
    await expect(page.getByText('Inicia sesión con tu cuenta de agente de LivePerson.')).toBeVisible();
    await expect(page.getByLabel('Contraseña')).toBeVisible();
    await page.getByRole('button', { name: 'Probar la demo' }).click();
    await expect(page.locator('.brand').getByText('Demo', { exact: true })).toBeVisible();
    await expect(ws.connection).toContainText('Conectado');

    // Availability by its Spanish labels.
    await ws.availability.selectOption({ label: 'Ausente' });
    await expect.poll(() => availability(page)).toBe('AWAY');
    await ws.availability.selectOption({ label: 'En línea' });
    await expect.poll(() => availability(page)).toBe('ONLINE');

    // A ring: in the list with its countdown, in the tray and as an OS notification, all in Spanish.
    const who = consumerName('Flujo');
    const first = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Hola, mi factura está mal' });
    const consumer = httpConsumer(demo, first.conversationId);
    const ring = ws.ring(who.full);
    await expect(ring).toBeVisible();
    await expect(ring).toContainText('Billing');
    await expect(ring.getByLabel(/^Caduca en \d+:\d\d$/)).toBeVisible();
    if (app.standin) {
      const s = await app.standin.waitFor((st) => (acceptItems(st).length === 1 ? st : undefined), { what: 'the ring in the tray' });
      expect(acceptItems(s)[0]?.label).toMatch(/^Aceptar — .+ · Billing · quedan \d+:\d\d$/);
      expect(trayItems(s).map((i) => i.label)).toEqual(expect.arrayContaining(['Aceptar la más antigua', 'En línea', 'Ausente', 'Salir']));
      expect(s.trays.filter((tr) => !tr.destroyed).at(-1)?.tooltip).toContain('1 solicitud en espera');
      expect(s.notifications.at(-1)?.title).toBe('Nueva solicitud de conversación');
      expect(s.app.applicationMenu?.map((m) => m.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana', 'Ayuda']);
    }

    // Aceptar → the thread opens with the consumer's first message.
    await ws.accept(who.full).click();
    await expect(ring).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: who.full })).toBeVisible();
    const messages = ws.messages(who.full);
    await expect(messages.filter({ hasText: 'Hola, mi factura está mal' })).toHaveCount(1);

    // Reply with Enter: delivered, shown as "Tú" with a Spanish delivery state.
    await ws.composer.click();
    await ws.composer.pressSequentially('Lo siento, lo reviso ahora mismo.');
    await ws.composer.press('Enter');
    await expect(ws.composer).toHaveValue('');
    await expect.poll(() => consumer.agentTexts()).toEqual(['Lo siento, lo reviso ahora mismo.']);
    const reply = messages.filter({ hasText: 'Lo siento, lo reviso ahora mismo.' });
    await expect(reply.locator('.msg-delivery')).toHaveText(ENVIADO);
    await expect(reply.locator('.msg-who')).toHaveText('Tú');

    // The consumer types, then answers.
    await consumer.typing('COMPOSING');
    await expect(page.getByText(`${who.full} está escribiendo…`)).toBeVisible();
    await consumer.send('Pone 120 en vez de 100');
    await expect(messages.filter({ hasText: 'Pone 120 en vez de 100' })).toHaveCount(1);

    // Transfer to Sales through the Spanish dialog.
    await ws.action('Transferir…').click();
    const dialog = page.getByRole('dialog', { name: 'Transferir a una habilidad' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Buscar habilidades' }).fill('sal');
    const skills = dialog.getByRole('listbox', { name: 'Habilidades' });
    await expect(skills.getByRole('option')).toHaveCount(1);
    await skills.getByRole('option', { name: /^Sales/ }).click();
    await dialog.getByRole('button', { name: 'Transferir a Sales' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(ws.conversation(who.full)).toHaveCount(0);
    await expect.poll(async () => (await consumer.view()).skillId).toBe('12');

    // A second conversation: accept, then close with the Spanish confirmation.
    const who2 = consumerName('Cierre');
    const second = await demo.open({ firstName: who2.firstName, lastName: who2.lastName, skillId: '13', text: 'Una pregunta rápida' });
    await ws.accept(who2.full).click();
    await expect(ws.messages(who2.full).filter({ hasText: 'Una pregunta rápida' })).toHaveCount(1);
    await ws.action('Cerrar la conversación').click();
    const confirm = ws.side.getByRole('group', { name: 'Confirmar el cierre' });
    await expect(confirm).toContainText('¿Cerrar esta conversación?');
    await confirm.getByRole('button', { name: 'Sí, cerrar' }).click();
    await expect.poll(async () => (await demo.conversation(second.conversationId)).state).toBe('CLOSE');
    await expect(ws.conversation(who2.full)).toHaveCount(0);
    await expect(page.getByText('Elige una conversación o acepta una solicitud en espera.')).toBeVisible();
  });
});

test.describe('Spanish chosen in Settings, screenshots', () => {
  test.use({ demoSim: true, appEnv: { STANDIN_LANGUAGES: 'en-US' } });

  for (const theme of ['light', 'dark'] as const) {
    test(`main screens in Spanish, ${theme} theme`, async ({ app }) => {
      const { page } = app;
      const demo = app.demo!;
      const dir = join(projectRoot, 'test-results', 'screenshots');
      mkdirSync(dir, { recursive: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      await untilOnline(page);

      // English first (the OS); Settings → Language → Español switches the window at once.
      await workspace(page).settings.click();
      const english = page.getByRole('dialog', { name: 'Settings' });
      await english.getByRole('combobox', { name: 'Language' }).selectOption('es');
      const settings = page.getByRole('dialog', { name: 'Ajustes' });
      await expect(settings).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      await settings.getByRole('combobox', { name: 'Tema' }).selectOption(theme);
      await expect(page.locator('html')).toHaveClass(new RegExp(`theme-${theme}`));
      if (app.standin) {
        // Main follows the setting too: the tray's Quit and the menu are in Spanish.
        await app.standin.waitFor((s) => (trayItems(s).some((i) => i.label === 'Salir') && s.app.applicationMenu?.[0]?.label === 'Archivo' ? s : undefined), { what: 'the tray and menu in Spanish' });
      }
      await page.screenshot({ path: join(dir, `settings-es-${theme}.png`) });
      await settings.getByRole('button', { name: 'Cerrar el cuadro de diálogo' }).click();
      await expect(settings).toHaveCount(0);

      const ws = workspace(page, 'es');
      const who = consumerName('Captura');
      const first = await demo.open({ firstName: who.firstName, lastName: who.lastName, skillId: '11', text: 'Hola, mi factura está mal' });
      const consumer = httpConsumer(demo, first.conversationId);
      await ws.accept(who.full).click();
      await ws.composer.fill('Lo siento, déjame revisar tu cuenta.');
      await ws.composer.press('Enter');
      await consumer.send('Gracias. Pone 120 en vez de 100, y este mes me cobraron dos veces.');
      await ws.composer.fill('Veo el cargo duplicado. Te he devuelto 120; lo verás en 3–5 días.');
      await ws.composer.press('Enter');
      await expect(ws.messages(who.full)).toHaveCount(4);
      await expect(ws.messages(who.full).locator('.msg-delivery').last()).toHaveText(ENVIADO);
      await consumer.typing('COMPOSING');
      await expect(page.getByText(`${who.full} está escribiendo…`)).toBeVisible();
      const waiting = consumerName('Espera');
      await demo.open({ firstName: waiting.firstName, lastName: waiting.lastName, skillId: '14', text: 'Mi router parpadea en rojo' });
      await expect(ws.ring(waiting.full)).toBeVisible();
      await expect(ws.side.getByText(`${who.firstName} ${who.lastName}`)).toBeVisible();
      await page.screenshot({ path: join(dir, `workspace-es-${theme}.png`) });

      await ws.signOut.click();
      await expect(page.getByRole('button', { name: 'Probar la demo' })).toBeVisible();
      await page.getByText('Avanzado', { exact: true }).click();
      await expect(page.getByLabel('URL de CSDS (servicio de dominios)')).toBeVisible();
      await page.screenshot({ path: join(dir, `signin-es-${theme}.png`) });
    });
  }
});
