/**
 * The session's OutboxStore as a JSON file per account under userData/outbox/ (messages not yet
 * acknowledged survive a restart). Only message data — no secrets. Writes are atomic (temp + rename).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { OutboxItem, OutboxStore } from '../lp/index';
import { readJsonFile, writeFileAtomic } from './atomic-file';

function isItem(v: unknown): v is OutboxItem {
  const o = v as Partial<OutboxItem> | null;
  return typeof o === 'object' && o !== null && typeof o.localId === 'string' && typeof o.conversationId === 'string'
    && typeof o.text === 'string' && typeof o.createdAt === 'number'
    && (o.sentAfterSequence === undefined || typeof o.sentAfterSequence === 'number')
    && (o.private === undefined || typeof o.private === 'boolean');
}

/** File for an account+user: hashed, so the name carries no identifiers and is path-safe. */
export function outboxFilePath(dir: string, accountId: string, username: string): string {
  const h = createHash('sha256').update(`${accountId}\u0000${username}`).digest('hex').slice(0, 24);
  return join(dir, `outbox-${h}.json`);
}

export function fileOutboxStore(path: string): OutboxStore {
  return {
    load() {
      const raw = readJsonFile(path) as { items?: unknown } | undefined;
      return Array.isArray(raw?.items) ? raw.items.filter(isItem) : [];
    },
    save(items) {
      const clean = items.map((i): OutboxItem => {
        const item: OutboxItem = { localId: i.localId, conversationId: i.conversationId, text: i.text, createdAt: i.createdAt };
        if (i.sentAfterSequence !== undefined) item.sentAfterSequence = i.sentAfterSequence;
        // A private note restored after a restart must stay private: never dropped on save.
        if (i.private === true) item.private = true;
        return item;
      });
      writeFileAtomic(path, `${JSON.stringify({ version: 1, items: clean })}\n`);
    },
  };
}
