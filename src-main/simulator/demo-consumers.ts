/**
 * Demo consumers (option demoConsumers): every `everyMs` (default 8 s) a simulated consumer with a
 * realistic name opens a conversation on a random skill with a short opening line, while fewer than
 * `maxOpen` (default 3) demo conversations are open. When an agent writes, the consumer marks it read,
 * shows COMPOSING, and after `replyDelayMs` (default 1.5 s) answers with a canned line; after a few
 * exchanges it says goodbye and closes. It stops when the agent closes the conversation.
 */
import type { SimMessage } from './api';
import { consumerSend, openConversation } from './consumers';
import { broadcastChatState, closeConversation, originatorOfConsumer, storeEvent } from './conversations';
import type { Conversation, SimContext } from './state';

interface DemoOptions { everyMs: number; maxOpen: number; replyDelayMs: number }

const FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Ethan', 'Amara', 'Hiro', 'Priya', 'Jonas', 'Leila', 'Diego'];
const LAST = ['Johnson', 'Garcia', 'Müller', 'Okafor', 'Tanaka', 'Rossi', 'Kowalski', 'Nguyen', 'Silva', 'Andersson', 'Haddad', 'Patel'];
const OPENERS: Record<string, string[]> = {
  Billing: ['Hi, I was charged twice this month.', 'Hello! Can you explain my last invoice?', 'Hi there, I need a refund for my order.'],
  Sales: ['Hi, what plans do you offer for small teams?', 'Hello, is there a discount for a yearly plan?', 'Hey, can I upgrade without losing my data?'],
  Support: ['Hi, I can\'t log in to my account.', 'Hello, my order hasn\'t arrived yet.', 'Hi! How do I change my delivery address?'],
  Tech: ['Hi, the app crashes when I open settings.', 'Hello, I get an error 502 when I sync.', 'Hey, my device won\'t connect to Wi-Fi after the update.'],
};
const GENERIC_OPENERS = ['Hi, I need some help please.', 'Hello, anyone there?', 'Hi! Quick question about my account.'];
const REPLIES = [
  'Sure, one moment please.',
  'My account email is the one on file.',
  'Yes, that\'s right.',
  'I already tried restarting, it didn\'t help.',
  'Ok, I see it now. Thanks!',
  'It started yesterday evening.',
  'The order number is 48213.',
  'Hmm, can you explain that again?',
];
const GOODBYES = ['That solved it, thank you so much!', 'Great, thanks for your help. Bye!', 'Perfect, have a nice day!'];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

interface DemoConv { conv: Conversation; exchanges: number; limit: number; pending: boolean }

export class DemoConsumers {
  private readonly convs = new Map<string, DemoConv>();
  private timer: unknown = null;
  private readonly offs: Array<() => void> = [];
  private stopped = false;
  private readonly timers = new Set<unknown>();

  constructor(private readonly ctx: SimContext, private readonly opts: DemoOptions) {}

  start(): void {
    this.offs.push(this.ctx.events.on('message', (m) => this.onMessage(m)));
    this.offs.push(this.ctx.events.on('conversation', (v) => { if (v.state === 'CLOSE') this.convs.delete(v.conversationId); }));
    this.schedule(Math.min(this.opts.everyMs, 2000));
  }

  stop(): void {
    this.stopped = true;
    this.ctx.opts.clock.clearTimeout(this.timer);
    for (const t of this.timers) this.ctx.opts.clock.clearTimeout(t);
    this.timers.clear();
    for (const off of this.offs) off();
  }

  private later(ms: number, fn: () => void): void {
    const t = this.ctx.opts.clock.setTimeout(() => { this.timers.delete(t); if (!this.stopped) fn(); }, ms);
    this.timers.add(t);
  }

  private schedule(ms: number): void {
    this.timer = this.ctx.opts.clock.setTimeout(() => {
      if (this.stopped) return;
      this.openOne();
      this.schedule(this.opts.everyMs);
    }, ms);
  }

  private openOne(): void {
    if (this.convs.size >= this.opts.maxOpen || this.ctx.skills.length === 0) return;
    const skill = pick(this.ctx.skills);
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const conv = openConversation(this.ctx, {
      skillId: skill.id, firstName, lastName,
      text: pick(OPENERS[skill.name] ?? GENERIC_OPENERS),
      email: `${firstName}.${lastName}@example.com`.toLowerCase().replace(/ü/g, 'u'),
      phone: `+1-555-01${String(Math.floor(Math.random() * 90) + 10)}`,
    });
    this.convs.set(conv.convId, { conv, exchanges: 0, limit: 2 + Math.floor(Math.random() * 3), pending: false });
    this.ctx.log(`demo consumer ${firstName} ${lastName} opened ${conv.convId}`);
  }

  private onMessage(m: SimMessage): void {
    if (m.role === 'CONSUMER' || m.event.type !== 'ContentEvent' || m.messageAudience !== undefined) return; // a private note is not for the consumer
    const d = this.convs.get(m.dialogId);
    if (!d || d.pending || d.conv.state !== 'OPEN') return;
    d.pending = true;
    const conv = d.conv;
    const me = originatorOfConsumer(conv);
    const delay = this.opts.replyDelayMs;
    this.later(Math.floor(delay / 4), () => {
      if (conv.state !== 'OPEN') return;
      storeEvent(this.ctx, conv, me, { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [m.sequence] });
      broadcastChatState(this.ctx, conv, me, { type: 'ChatStateEvent', chatState: 'COMPOSING' });
    });
    this.later(delay, () => {
      d.pending = false;
      if (conv.state !== 'OPEN') return;
      d.exchanges++;
      const done = d.exchanges >= d.limit;
      consumerSend(this.ctx, conv, done ? pick(GOODBYES) : pick(REPLIES));
      broadcastChatState(this.ctx, conv, me, { type: 'ChatStateEvent', chatState: 'ACTIVE' });
      if (done) this.later(delay, () => { if (conv.state === 'OPEN') closeConversation(this.ctx, conv, 'CONSUMER', conv.consumer.consumerId); });
    });
  }
}
