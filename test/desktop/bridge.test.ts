import type { IpcRenderer } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildApi, remoteErrorMessage, type IpcRendererLike } from '../../src-preload/bridge';
import { camel, eventChannel, eventNames, onName, requestChannel, requests } from '../../src-preload/api';

type Listener = (event: unknown, payload: unknown) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: Array<[string, unknown]> = [];
  let reply: (channel: string, arg: unknown) => Promise<unknown> = async () => 'ok';
  const ipc: IpcRendererLike = {
    invoke: (channel, arg) => {
      invoked.push([channel, arg]);
      return reply(channel, arg);
    },
    on: (channel, l) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(l);
    },
    removeListener: (channel, l) => {
      listeners.get(channel)?.delete(l);
    },
  };
  return {
    ipc, invoked, listeners,
    setReply: (r: typeof reply) => {
      reply = r;
    },
    fire: (channel: string, payload: unknown) => {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'ipc-event-object' }, payload);
    },
  };
}

describe('buildApi', () => {
  it('holds exactly one method per request and one onX per event, nothing else', () => {
    const api = buildApi(fakeIpc().ipc);
    const expected = [...Object.keys(requests).map(camel), ...eventNames.map(onName)].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const k of ['send', 'on', 'invoke', 'ipcRenderer', 'removeListener']) expect(k in api).toBe(false);
  });

  it('is deep-frozen', () => {
    const api = buildApi(fakeIpc().ipc) as unknown as Record<string, unknown>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((f) => Object.isFrozen(f))).toBe(true);
    expect(() => {
      api.sessionLogin = () => 'hijacked';
    }).toThrow();
  });

  it('invokes the request channel with the argument', async () => {
    const f = fakeIpc();
    const api = buildApi(f.ipc);
    await expect(api.ringAccept({ ringId: 'r1' })).resolves.toBe('ok');
    await api.appState();
    expect(f.invoked).toEqual([[requestChannel('ring/accept'), { ringId: 'r1' }], [requestChannel('app/state'), undefined]]);
  });

  it("rejects with main's code|location|message, Electron's prefix removed", async () => {
    const f = fakeIpc();
    f.setReply(async () => {
      throw new Error("Error invoking remote method 'lp:req:ring/accept': Error: 409|App#Session|Not signed in");
    });
    await expect(buildApi(f.ipc).ringAccept({ ringId: 'r1' })).rejects.toThrow(/^409\|App#Session\|Not signed in$/);
    expect(remoteErrorMessage(new Error('plain'))).toBe('plain');
  });

  it('onX drops the IPC event, unwraps the envelope into (data, seq) and unsubscribes', () => {
    const f = fakeIpc();
    const api = buildApi(f.ipc);
    const got: Array<[unknown, number]> = [];
    const off = api.onRingOffered((data, seq) => got.push([data, seq]));
    f.fire(eventChannel('ring/offered'), { seq: 7, data: { ringId: 'r1' } });
    f.fire(eventChannel('ring/offered'), 'not an envelope');
    expect(got).toEqual([[{ ringId: 'r1' }, 7]]);
    off();
    off();
    f.fire(eventChannel('ring/offered'), { seq: 8, data: { ringId: 'r2' } });
    expect(got).toHaveLength(1);
    expect(f.listeners.get(eventChannel('ring/offered'))?.size).toBe(0);
  });
});

// Compile-time: Electron's real ipcRenderer fits what buildApi takes (preload.ts passes it in as is).
type _IpcRendererFits = IpcRenderer extends IpcRendererLike ? true : never;
const _ipcRendererFits: _IpcRendererFits = true;
void _ipcRendererFits;
