/**
 * The agent workspace as a user sees it: locators by role and label (the real UI, src-renderer/components),
 * plus the consumer side of the demo simulator over its HTTP consumer API (src-main/simulator/consumers.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { SimConversationView, SimMessage } from '../../src-main/simulator/api';
import { resources, type Catalogue, type Language } from '../../src-preload/i18n/index';
import type { DemoSim } from './fixtures';
import { untilOnline } from './page-helpers';
import { projectRoot } from './targets';

/** The UI's words in `lang`, from the app's own catalogue (src-preload/i18n). */
export function words(lang: Language = 'en'): Catalogue {
  return resources[lang].translation;
}

/** A catalogue text with its {{placeholders}} filled. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{\s*(\w+)[^}]*\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The consumer side of one demo-simulator conversation, over HTTP (what fixtures' DemoSim does not cover). */
export interface HttpConsumer {
  readonly conversationId: string;
  send(text: string): Promise<number>;
  /** The account's supervisor whispers to the agents (messageAudience AGENTS_AND_MANAGERS). */
  whisper(text: string): Promise<number>;
  typing(state: 'COMPOSING' | 'PAUSE' | 'ACTIVE'): Promise<void>;
  /** The consumer sends structured content (a RichContentEvent, §6), with quick replies when given. */
  rich(content: unknown, quickReplies?: unknown): Promise<number>;
  messages(): Promise<SimMessage[]>;
  /** The texts of the agent's ContentEvents the consumer has received, in sequence order. */
  agentTexts(): Promise<string[]>;
  view(): Promise<SimConversationView>;
}

async function call(demo: Pick<DemoSim, 'fetch'>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const res = await demo.fetch(path, { method, body });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

/** Agent-sent texts the consumer sees among stored events (ContentEvent from a non-consumer, never a private one). */
export function agentTexts(messages: readonly SimMessage[]): string[] {
  return messages
    .filter((m) => m.role !== 'CONSUMER' && m.event.type === 'ContentEvent' && typeof m.event.message === 'string' && m.messageAudience === undefined)
    .map((m) => m.event.message as string);
}

export function httpConsumer(demo: Pick<DemoSim, 'fetch'>, conversationId: string): HttpConsumer {
  const path = `/sim/consumer/conversations/${encodeURIComponent(conversationId)}`;
  const messages = async (): Promise<SimMessage[]> => (await (await call(demo, 'GET', `${path}/messages`)).json()) as SimMessage[];
  return {
    conversationId,
    send: async (text) => ((await (await call(demo, 'POST', `${path}/messages`, { text })).json()) as { sequence: number }).sequence,
    whisper: async (text) => ((await (await call(demo, 'POST', `${path}/whisper`, { text })).json()) as { sequence: number }).sequence,
    rich: async (content, quickReplies) => ((await (await call(demo, 'POST', `${path}/rich`, quickReplies === undefined ? { content } : { content, quickReplies })).json()) as { sequence: number }).sequence,
    typing: async (state) => {
      await call(demo, 'POST', `${path}/typing`, { state });
    },
    messages,
    agentTexts: async () => agentTexts(await messages()),
    view: async () => (await (await call(demo, 'GET', path)).json()) as SimConversationView,
  };
}

/** Locators of the workspace, by role and accessible name, in the UI's language (default English). */
export function workspace(page: Page, lang: Language = 'en') {
  const w = words(lang);
  const left = page.getByRole('navigation', { name: w.workspace.leftPane });
  const center = page.getByRole('main', { name: w.workspace.conversation });
  const side = page.getByRole('complementary', { name: w.side.label });
  const thread = (consumer: string): Locator => center.getByRole('region', { name: fill(w.thread.with, { name: consumer }) });
  return {
    availability: page.getByRole('combobox', { name: w.header.availability }),
    /** The header's connection indicator (role status, text like "Connected" / "Reconnecting…"). */
    connection: page.locator('.app-header').getByRole('status'),
    signOut: page.getByRole('button', { name: w.header.signOut }),
    settings: page.getByRole('button', { name: w.header.settings }),
    ring: (consumer: string): Locator => left.getByRole('listitem', { name: fill(w.rings.ringFrom, { name: consumer }) }),
    accept: (consumer: string): Locator => left.getByRole('button', { name: fill(w.rings.acceptFrom, { name: consumer }) }),
    conversations: left.getByRole('listbox', { name: new RegExp(`^${escapeRegExp(w.conversations.heading)}`) }),
    conversation: (consumer: string): Locator => left.getByRole('option', { name: new RegExp(`^${escapeRegExp(consumer)}`) }),
    thread,
    messages: (consumer: string): Locator => thread(consumer).getByTestId('message'),
    composer: center.getByRole('textbox', { name: w.composer.message }),
    side,
    action: (name: string | RegExp): Locator => side.getByRole('button', { name }),
  };
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The start of a screenshot spec: the screenshot folder (test-results/screenshots, created), a fixed
 * viewport, the app online, and the theme picked with its own control in Settings. Returns the folder.
 */
export async function onlineInTheme(page: Page, theme: 'light' | 'dark', height = 800): Promise<string> {
  const dir = join(projectRoot, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 1280, height });
  await untilOnline(page);
  await workspace(page).settings.click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
  await settings.getByRole('button', { name: 'Close dialog' }).click();
  return dir;
}
