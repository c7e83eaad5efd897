/**
 * Builds window.lp from the contract's names (api.ts, which holds no zod at run time): one method per request, one onX per event, nothing
 * else — no generic send/on/invoke. Events arrive in batches on one channel (EVENT_BATCH_CHANNEL: an
 * ordered array of {name, seq, data}); the preload hands each entry, in order, to that name's onX
 * listeners as (data, seq), dropping the IPC event object. It listens on the channel only while some
 * onX listener is subscribed; each onX returns its unsubscribe. A listener that throws does not cost
 * the others or the rest of the batch anything: its error is re-thrown on its own afterwards. Rejections are re-thrown as a plain
 * Error whose message is main's `code|location|message` (Electron's "Error invoking remote
 * method …" prefix removed). The object is deep-frozen. preload.ts only passes ipcRenderer in.
 */
import { camel, EVENT_BATCH_CHANNEL, eventNames, onName, requestChannel, requestNames, type EventName, type LpApi } from './api';

export interface IpcRendererLike {
  invoke(channel: string, arg?: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const REMOTE_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

/** Electron's wrapper text removed: what main threw, `code|location|message`. */
export function remoteErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(REMOTE_PREFIX, '');
}

type EventListener = (data: unknown, seq: number) => void;

const EVENT_NAMES: ReadonlySet<string> = new Set(eventNames);

function isEntry(entry: unknown): entry is { name: EventName; seq: number; data: unknown } {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as { name?: unknown; seq?: unknown };
  return typeof e.name === 'string' && EVENT_NAMES.has(e.name) && typeof e.seq === 'number' && 'data' in entry;
}

function deepFreeze<T>(value: T): T {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    for (const key of Object.getOwnPropertyNames(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

export function buildApi(ipc: IpcRendererLike): LpApi {
  const api: Record<string, unknown> = {};
  for (const name of requestNames) {
    const channel = requestChannel(name);
    api[camel(name)] = async (args?: unknown): Promise<unknown> => {
      try {
        return await ipc.invoke(channel, args);
      } catch (err) {
        throw new Error(remoteErrorMessage(err), { cause: err });
      }
    };
  }
  const listeners = new Map<EventName, Set<EventListener>>(eventNames.map((name) => [name, new Set<EventListener>()]));
  let subscribers = 0;
  const onBatch = (_event: unknown, batch: unknown): void => {
    if (!Array.isArray(batch)) return;
    for (const entry of batch) {
      if (!isEntry(entry)) continue;
      const set = listeners.get(entry.name);
      if (!set || set.size === 0) continue;
      // A copy: a listener that subscribes or unsubscribes another one changes the next event, not this one (EventEmitter's rule).
      for (const listener of Array.from(set)) {
        try {
          listener(entry.data, entry.seq);
        } catch (err) {
          queueMicrotask(() => {
            throw err;
          });
        }
      }
    }
  };
  for (const name of eventNames) {
    api[onName(name)] = (listener: EventListener): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${onName(name)} needs a listener function`);
      // Its own function per subscription: the same listener subscribed twice is heard twice and unsubscribed once each.
      const own: EventListener = (data, seq) => listener(data, seq);
      listeners.get(name)?.add(own);
      if (subscribers++ === 0) ipc.on(EVENT_BATCH_CHANNEL, onBatch);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        listeners.get(name)?.delete(own);
        if (--subscribers === 0) ipc.removeListener(EVENT_BATCH_CHANNEL, onBatch);
      };
    };
  }
  return deepFreeze(api) as unknown as LpApi;
}
