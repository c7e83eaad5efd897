/** An in-memory OutboxStore for tests. */
import type { OutboxItem, OutboxStore } from '../../src-main/lp/index';

export function memoryOutbox(): OutboxStore {
  let items: OutboxItem[] = [];
  return {
    load: () => items,
    save: (next) => {
      items = [...next];
    },
  };
}
