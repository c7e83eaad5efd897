/**
 * Builds window.lp from the contract's names (api.ts, which holds no zod at run time): one method per request, one onX per event, nothing
 * else — no generic send/on/invoke. Events drop the IPC event object and unwrap the {seq, data}
 * envelope into (data, seq); each onX returns its unsubscribe. Rejections are re-thrown as a plain
 * Error whose message is main's `code|location|message` (Electron's "Error invoking remote
 * method …" prefix removed). The object is deep-frozen. preload.ts only passes ipcRenderer in.
 */
import { camel, eventChannel, eventNames, onName, requestChannel, requestNames, type LpApi } from './api';

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

function isEnvelope(payload: unknown): payload is { seq: number; data: unknown } {
  return typeof payload === 'object' && payload !== null && typeof (payload as { seq?: unknown }).seq === 'number' && 'data' in payload;
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
  for (const name of eventNames) {
    const channel = eventChannel(name);
    api[onName(name)] = (listener: (data: unknown, seq: number) => void): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${onName(name)} needs a listener function`);
      const wrapped = (_event: unknown, payload: unknown): void => {
        if (isEnvelope(payload)) listener(payload.data, payload.seq);
      };
      ipc.on(channel, wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, wrapped);
      };
    };
  }
  return deepFreeze(api) as unknown as LpApi;
}
