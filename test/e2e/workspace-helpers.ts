/**
 * The agent workspace as a user sees it: locators by role and label (the real UI, src-renderer/components),
 * plus the consumer side of the demo simulator over its HTTP consumer API (src-main/simulator/consumers.ts).
 */
import type { Locator, Page } from '@playwright/test';
import type { SimConversationView, SimMessage } from '../../src-main/simulator/api';
import type { DemoSim } from './fixtures';

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

/** Locators of the workspace, by role and accessible name. */
export function workspace(page: Page) {
  const left = page.getByRole('navigation', { name: 'Requests and conversations' });
  const center = page.getByRole('main', { name: 'Conversation' });
  const side = page.getByRole('complementary', { name: 'Consumer and actions' });
  return {
    availability: page.getByRole('combobox', { name: 'Availability' }),
    /** The header's connection indicator (role status, text like "Connected" / "Reconnecting…"). */
    connection: page.locator('.app-header').getByRole('status'),
    signOut: page.getByRole('button', { name: 'Sign out' }),
    settings: page.getByRole('button', { name: 'Settings' }),
    ring: (consumer: string): Locator => left.getByRole('listitem', { name: `Ring from ${consumer}` }),
    accept: (consumer: string): Locator => left.getByRole('button', { name: `Accept ring from ${consumer}` }),
    conversations: left.getByRole('listbox', { name: /^Conversations/ }),
    conversation: (consumer: string): Locator => left.getByRole('option', { name: new RegExp(`^${escapeRegExp(consumer)}`) }),
    thread: (consumer: string): Locator => center.getByRole('region', { name: `Conversation with ${consumer}` }),
    messages: (consumer: string): Locator => center.getByRole('region', { name: `Conversation with ${consumer}` }).getByTestId('message'),
    composer: center.getByRole('textbox', { name: 'Message' }),
    side,
    action: (name: string | RegExp): Locator => side.getByRole('button', { name }),
  };
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
