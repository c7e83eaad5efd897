import type { IpcRenderer } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildApi, remoteErrorMessage, type IpcRendererLike } from '../../src-preload/bridge';
import { camel, EVENT_BATCH_CHANNEL, eventNames, onName, requestChannel, requests } from '../../src-preload/api';

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

  it('onX drops the IPC event, hands each batch entry of its name as (data, seq) and unsubscribes', () => {
    const f = fakeIpc();
    const api = buildApi(f.ipc);
    const got: Array<[unknown, number]> = [];
    const off = api.onRingOffered((data, seq) => got.push([data, seq]));
    f.fire(EVENT_BATCH_CHANNEL, [{ name: 'ring/offered', seq: 7, data: { ringId: 'r1' } }, { name: 'ui/focus', seq: 8, data: {} }]);
    f.fire(EVENT_BATCH_CHANNEL, 'not a batch');
    f.fire(EVENT_BATCH_CHANNEL, [{ seq: 9, data: {} }, 'not an entry', { name: 'ring/offered', seq: 10, data: { ringId: 'r2' } }]);
    expect(got).toEqual([[{ ringId: 'r1' }, 7], [{ ringId: 'r2' }, 10]]);
    off();
    off();
    f.fire(EVENT_BATCH_CHANNEL, [{ name: 'ring/offered', seq: 11, data: { ringId: 'r3' } }]);
    expect(got).toHaveLength(2);
    expect(f.listeners.get(EVENT_BATCH_CHANNEL)?.size).toBe(0);
  });

  it('delivers a batch in seq order across event names, and listens on IPC only while someone listens', () => {
    const f = fakeIpc();
    const api = buildApi(f.ipc);
    const got: string[] = [];
    const offs = [
      api.onMessageUpsert((m, seq) => got.push(`${seq} message ${m.text}`)),
      api.onAttentionUnread((u, seq) => got.push(`${seq} unread ${u.total}`)),
      api.onMessageUpsert((m, seq) => got.push(`${seq} message again ${m.text}`)),
    ];
    expect(f.listeners.get(EVENT_BATCH_CHANNEL)?.size).toBe(1);
    f.fire(EVENT_BATCH_CHANNEL, [
      { name: 'message/upsert', seq: 1, data: { text: 'a' } },
      { name: 'attention/unread', seq: 2, data: { total: 1, counts: {} } },
      { name: 'message/upsert', seq: 3, data: { text: 'b' } },
    ]);
    expect(got).toEqual(['1 message a', '1 message again a', '2 unread 1', '3 message b', '3 message again b']);
    for (const off of offs.slice(0, 2)) off();
    expect(f.listeners.get(EVENT_BATCH_CHANNEL)?.size).toBe(1);
    offs[2]?.();
    expect(f.listeners.get(EVENT_BATCH_CHANNEL)?.size).toBe(0);
  });

  it('a listener that throws loses nothing for the others or the rest of the batch; its error is re-thrown on its own', async () => {
    const f = fakeIpc();
    const api = buildApi(f.ipc);
    const got: number[] = [];
    api.onMessageUpsert((_m, seq) => {
      if (seq === 1) throw new Error('listener broke');
    });
    api.onMessageUpsert((_m, seq) => got.push(seq));
    const rethrown = new Promise<unknown>((resolve) => {
      const original = globalThis.queueMicrotask;
      globalThis.queueMicrotask = (cb) => {
        globalThis.queueMicrotask = original;
        try {
          cb();
        } catch (err) {
          resolve(err);
        }
      };
    });
    f.fire(EVENT_BATCH_CHANNEL, [{ name: 'message/upsert', seq: 1, data: {} }, { name: 'message/upsert', seq: 2, data: {} }]);
    expect(got).toEqual([1, 2]);
    expect(await rethrown).toEqual(new Error('listener broke'));
  });
});

// Compile-time: Electron's real ipcRenderer fits what buildApi takes (preload.ts passes it in as is).
type _IpcRendererFits = IpcRenderer extends IpcRendererLike ? true : never;
const _ipcRendererFits: _IpcRendererFits = true;
void _ipcRendererFits;
