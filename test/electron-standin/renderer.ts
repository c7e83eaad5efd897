/**
 * The renderer side of the stand-in: builds the init script that runs the real bundled preload
 * (dist/preload/preload.cjs) in the page before any page script, with a fake `require` whose only
 * module is a renderer-side `electron` (contextBridge + ipcRenderer) bridged to main through one
 * Playwright binding. There is no real context isolation here (the preload runs in the page's
 * world): isolation itself is checked statically and by the real-Electron run.
 */
import type { IpcRendererEvent } from 'electron';

/** Page → main messages carried by the binding. */
export type PageMessage =
  | { kind: 'invoke'; channel: string; args: unknown[] }
  | { kind: 'send'; channel: string; args: unknown[] }
  | { kind: 'window-open'; url: string; target: string; features: string }
  /** The page started playing a sound (HTMLMediaElement.play): recorded in `StandinState.sounds`. */
  | { kind: 'sound'; src: string; volume: number }
  /**
   * The page started a Web Audio buffer source (AudioBufferSourceNode.start): `sha256` of the encoded
   * bytes its buffer was decoded from ('' when not decoded here), `volume` the product of the gains on
   * the loudest path to its context's destination (0: not connected, not heard). Main names the file
   * (electron/sound-files.ts) and records it in `StandinState.sounds`.
   */
  | { kind: 'web-audio-sound'; sha256: string; volume: number };

export type PageReply = { ok: true; result: unknown } | { ok: false; error: string };

export interface BootstrapOptions {
  binding: string;
  dispatch: string;
  /** Global the window sets to true while it is hidden or minimised (browser-window.ts). */
  hiddenFlag: string;
  platform: string;
  versions: Record<string, string>;
}

/** Runs in the page (serialised with toString): it may reference nothing outside itself. */
function bootstrap(opts: BootstrapOptions) {
  const w = window as unknown as Record<string, unknown>;
  const call = w[opts.binding] as (message: PageMessage) => Promise<PageReply>;
  // Hide the binding from page scripts: only the preload's ipcRenderer holds it.
  delete w[opts.binding];

  type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;
  // Electron's IPC is a structured clone: a function or symbol in the arguments throws in the caller.
  const cloneable = (args: unknown[]): void => {
    try {
      structuredClone(args);
    } catch {
      throw new Error('An object could not be cloned.');
    }
  };
  // Playwright's binding carries JSON-like values only; structured clone keeps typed arrays (Electron
  // docs, ipc-renderer.md: a Buffer/Uint8Array arrives in main as a Uint8Array). Bytes travel as a
  // marked base64 string and main (web-contents.ts decodeBytes) turns them back into a Uint8Array.
  const BYTES = '\u0000standin-bytes';
  const encode = (v: unknown, depth: number): unknown => {
    if (depth > 64 || v === null || typeof v !== 'object') return v;
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
      const u8 = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      let bin = '';
      for (let i = 0; i < u8.length; i += 0x8000) bin += String.fromCharCode(...u8.subarray(i, i + 0x8000));
      return { [BYTES]: btoa(bin) };
    }
    if (Array.isArray(v)) return v.map((x) => encode(x, depth + 1));
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: encode((v as Record<string, unknown>)[k], depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  };
  const encodeArgs = (args: unknown[]): unknown[] => args.map((a) => encode(a, 0));
  const listeners = new Map<string, Listener[]>();
  const remove = (channel: string, listener: Listener): void => {
    const list = listeners.get(channel);
    if (!list) return;
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
  };
  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      cloneable(args);
      const reply = await call({ kind: 'invoke', channel, args: encodeArgs(args) });
      if (!reply.ok) throw new Error(reply.error);
      return reply.result;
    },
    send(channel: string, ...args: unknown[]): void {
      cloneable(args);
      void call({ kind: 'send', channel, args: encodeArgs(args) });
    },
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    once(channel: string, listener: Listener) {
      const once: Listener = (event, ...args) => {
        remove(channel, once);
        listener(event, ...args);
      };
      return ipcRenderer.on(channel, once);
    },
    removeListener(channel: string, listener: Listener) {
      remove(channel, listener);
      return ipcRenderer;
    },
    off(channel: string, listener: Listener) {
      remove(channel, listener);
      return ipcRenderer;
    },
    removeAllListeners(channel?: string) {
      if (channel === undefined) listeners.clear();
      else listeners.delete(channel);
      return ipcRenderer;
    },
  };
  const event = { sender: ipcRenderer, senderId: 0, ports: [] } as unknown as IpcRendererEvent;
  Object.defineProperty(window, opts.dispatch, {
    value: (channel: string, args: unknown[]): number => {
      const list = [...(listeners.get(channel) ?? [])];
      for (const listener of list) listener(event, ...args);
      return list.length;
    },
    enumerable: false,
    configurable: false,
    writable: false,
  });
  const contextBridge = {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (apiKey in window) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${apiKey}`);
      Object.defineProperty(window, apiKey, { value: api, enumerable: true, configurable: false, writable: false });
    },
  };
  // window.open asks main (setWindowOpenHandler) and returns null, as Electron does when denied.
  const open = (url?: string | URL, target?: string, features?: string): null => {
    void call({ kind: 'window-open', url: url === undefined ? '' : String(url), target: target ?? '', features: features ?? '' });
    return null;
  };
  Object.defineProperty(window, 'open', { value: open, configurable: false, writable: false });
  // Page visibility follows the window (Electron docs, browser-window "Page visibility": "the
  // visibility state tracks whether the window is hidden/minimized or not"); main flips the flag
  // and fires 'visibilitychange'.
  const hidden = (): boolean => w[opts.hiddenFlag] === true;
  Object.defineProperty(Document.prototype, 'hidden', { get: hidden, configurable: true });
  Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (hidden() ? 'hidden' : 'visible'), configurable: true });
  // Every sound the page plays is recorded in main (headless Chromium has no speaker to listen to).
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function recordedPlay(this: HTMLMediaElement): Promise<void> {
    void call({ kind: 'sound', src: this.currentSrc || this.src, volume: this.volume });
    return play.call(this);
  };
  // Web Audio: a buffer source started is a sound played. Which sound: the SHA-256 of the bytes its
  // buffer was decoded from (decodeAudioData detaches them, so they are copied first); how loud: the
  // graph as connected (AudioNode.connect / disconnect followed), gains multiplied on the way to the
  // destination (GainNode.gain.value: scheduled automation is not modelled).
  const outputs = new WeakMap<AudioNode, Set<AudioNode>>();
  const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
  AudioNode.prototype.connect = function recordedConnect(this: AudioNode, ...args: unknown[]): unknown {
    const result = connect.apply(this, args);
    const to = args[0];
    if (to instanceof AudioNode) outputs.set(this, (outputs.get(this) ?? new Set()).add(to));
    return result;
  } as typeof AudioNode.prototype.connect;
  const disconnect = AudioNode.prototype.disconnect as (this: AudioNode, ...args: unknown[]) => void;
  AudioNode.prototype.disconnect = function recordedDisconnect(this: AudioNode, ...args: unknown[]): void {
    disconnect.apply(this, args);
    const to = args[0];
    if (to instanceof AudioParam) return;
    // disconnect() / disconnect(output): every outgoing connection; disconnect(node…): that one.
    if (to instanceof AudioNode) outputs.get(this)?.delete(to);
    else outputs.delete(this);
  } as typeof AudioNode.prototype.disconnect;
  const heard = (node: AudioNode, seen: Set<AudioNode>): number => {
    if (node === node.context.destination) return 1;
    if (seen.has(node)) return 0;
    seen.add(node);
    let loudest = 0;
    for (const next of outputs.get(node) ?? []) loudest = Math.max(loudest, heard(next, seen));
    return (node instanceof GainNode ? node.gain.value : 1) * loudest;
  };
  const digests = new WeakMap<AudioBuffer, Promise<string>>();
  const hex = (digest: ArrayBuffer): string => Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  const decode = BaseAudioContext.prototype.decodeAudioData as (this: BaseAudioContext, data: ArrayBuffer, ...callbacks: unknown[]) => Promise<AudioBuffer>;
  BaseAudioContext.prototype.decodeAudioData = function recordedDecode(this: BaseAudioContext, data: ArrayBuffer, ...callbacks: unknown[]): Promise<AudioBuffer> {
    const digest = crypto.subtle.digest('SHA-256', data.slice(0)).then(hex, () => '');
    const decoded = decode.call(this, data, ...callbacks);
    decoded.then((buffer) => digests.set(buffer, digest), () => undefined);
    return decoded;
  } as typeof BaseAudioContext.prototype.decodeAudioData;
  const start = AudioBufferSourceNode.prototype.start as (this: AudioBufferSourceNode, ...args: unknown[]) => void;
  AudioBufferSourceNode.prototype.start = function recordedStart(this: AudioBufferSourceNode, ...args: unknown[]): void {
    const volume = heard(this, new Set());
    const digest = (this.buffer && digests.get(this.buffer)) ?? Promise.resolve('');
    start.apply(this, args);
    void digest.then((sha256) => call({ kind: 'web-audio-sound', sha256, volume }));
  } as typeof AudioBufferSourceNode.prototype.start;
  const electron = { contextBridge, ipcRenderer };
  const require = (id: string): unknown => {
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id} (a sandboxed preload can only require 'electron')`);
  };
  const process = {
    platform: opts.platform, versions: opts.versions, env: {}, argv: [], type: 'renderer', sandboxed: true, contextIsolated: true,
  };
  return { require, module: { exports: {} }, process };
}

/** The init-script source: bootstrap + the bundled preload wrapped like a CommonJS module. */
export function preloadInitScript(preloadSource: string, opts: BootstrapOptions): string {
  return [
    '(() => {',
    // Electron runs preloads in the main frame only (nodeIntegrationInSubFrames is off).
    '  if (window !== window.top) return;',
    `  const rt = (${bootstrap.toString()})(${JSON.stringify(opts)});`,
    '  (function (require, module, exports, process) {',
    preloadSource,
    '\n  })(rt.require, rt.module, rt.module.exports, rt.process);',
    '})();',
  ].join('\n');
}

/** Init script for windows without a preload: window.open still goes through main. */
export function bareInitScript(opts: BootstrapOptions): string {
  return preloadInitScript('', opts);
}
