// Placeholder until the desktop-shell work: exposes exactly the contract (api.ts) as window.lp —
// one method per request, one onX per event — and nothing else. Bundled to one CommonJS file
// (dist/preload/preload.cjs) that requires only 'electron', so it runs sandboxed.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import {
  camel, eventChannel, eventNames, onName, requestChannel, requests,
  type EventEnvelope, type EventName, type LpApi, type RequestName,
} from './api';

const api: Record<string, unknown> = {};
for (const name of Object.keys(requests) as RequestName[]) {
  const channel = requestChannel(name);
  api[camel(name)] = (args?: unknown): Promise<unknown> => ipcRenderer.invoke(channel, args);
}
for (const name of eventNames) {
  const channel = eventChannel(name);
  api[onName(name)] = (listener: (data: unknown, seq: number) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, envelope: EventEnvelope<EventName>): void => listener(envelope.data, envelope.seq);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };
}

contextBridge.exposeInMainWorld('lp', Object.freeze(api) as LpApi);
