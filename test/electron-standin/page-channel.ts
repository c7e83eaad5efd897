/**
 * main → renderer messages for the stand-in's webContents.send: a raw CDP WebSocket to the page's
 * target (Chromium runs with --remote-debugging-port), one `Runtime.callFunctionOn` per message.
 *
 * Why not page.evaluate: Electron's webContents.send posts the message at once, while main goes on.
 * page.evaluate goes through Playwright's in-process client/server hops before anything is written,
 * so every synchronous thing main does after a send (the notification, the tray) delayed the
 * renderer, and the stand-in measured itself more than the app (bench ring-latency (b)). Here the
 * frame is written to the socket inside send(); a CDP session runs its commands in order, each as
 * its own task on the renderer's main thread, so messages arrive in the order they were sent, one
 * task each, without waiting for each other's round trip (Electron: "Send an asynchronous message to
 * the renderer process via channel" — docs api/web-contents `contents.send`; IPC messages on one
 * channel keep their order, docs tutorial/ipc).
 *
 * Why callFunctionOn and not a Runtime.evaluate per message: an evaluate with the payload inside
 * its source compiles a new script for every message (the flood profile: ~3.4–4.3 s of the
 * renderer's 10 s), which Electron's IPC never does. Here the function is one constant
 * declaration (compiled once, then V8's compilation cache) and the data travel as
 * `CallArgument.value`s (CDP Runtime.callFunctionOn, https://chromedevtools.github.io/devtools-protocol/tot/Runtime/#method-callFunctionOn,
 * `arguments: CallArgument[]`, `executionContextId`). V8's inspector still turns each
 * CallArgument.value into a value by running `(<the value as JSON>)` (v8 src/inspector/injected-script.cc
 * resolveCallArgument), so callers pass a large payload as ONE JSON string (a string literal is a
 * cheap scan) and parse it in the page, as Electron deserialises its structured clone there.
 *
 * The target is the main frame's main world: its `executionContextId`, learnt from
 * `Runtime.executionContextCreated` (auxData `isDefault`, `frameId` = the page target's id) and
 * forgotten on `executionContextDestroyed` / `executionContextsCleared` (a navigation or reload).
 * Messages given while no such context is known (before connect, during a navigation) wait, in
 * order, for the next document's context, as Electron sends to the frame's current document.
 */
import WebSocket from 'ws';

/** What the page-side function returns when the preload's dispatcher is not there. */
export const NO_DISPATCHER = -1;

export interface Delivery {
  ok: boolean;
  error?: string;
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: {
    context?: { id?: number; auxData?: { isDefault?: boolean; frameId?: string } };
    executionContextId?: number;
  };
  result?: { result?: { value?: unknown }; exceptionDetails?: { text?: string; exception?: { description?: string } } };
  error?: { message?: string };
}

interface Call {
  id: number;
  /** The frame without its context: `…"executionContextId":` is spliced in when it is written. */
  head: string;
  tail: string;
}

/** The error Chromium answers for a context that went away between the send and its turn. */
const CONTEXT_GONE = /Cannot find context with specified id|Execution context was destroyed/;

export class PageChannel {
  private ws: WebSocket | null = null;
  private frameId: string | null = null;
  private contextId: number | null = null;
  /** Calls not written yet: no socket or no main-world context; written in order once there is one. */
  private readonly waiting: Call[] = [];
  private readonly pending = new Map<number, (d: Delivery) => void>();
  private nextId = 1;
  private closedWith: string | null = null;

  /**
   * Connects to ws://127.0.0.1:<port>/devtools/page/<targetId> and enables the Runtime domain (its
   * context events name the page's main world); calls made before then wait.
   */
  connect(url: string): Promise<void> {
    const target = /\/devtools\/page\/([^/?#]+)/.exec(url);
    if (!target?.[1]) return Promise.reject(new Error(`not a page target: ${url}`));
    this.frameId = target[1];
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 0 });
    ws.on('message', (data) => this.onMessage(String(data)));
    ws.on('close', () => this.close('the page is gone'));
    ws.on('error', () => undefined); // 'close' follows
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        ws.off('error', reject);
        this.ws = ws;
        ws.send(JSON.stringify({ id: this.nextId++, method: 'Runtime.enable' }));
        resolve();
      });
      ws.once('error', reject);
    });
  }

  /**
   * Calls `functionDeclaration` (a constant: it is compiled once) in the page's main world with
   * `argsJson` (each a JSON text, given as CallArgument.value); resolves when Chromium answered.
   * A return value of NO_DISPATCHER, an exception or a CDP error fails that delivery only.
   */
  call(functionDeclaration: string, argsJson: readonly string[]): Promise<Delivery> {
    if (this.closedWith !== null) return Promise.resolve({ ok: false, error: this.closedWith });
    const id = this.nextId++;
    const args = argsJson.map((json) => (json === 'undefined' ? '{}' : `{"value":${json}}`)).join(',');
    const call: Call = {
      id,
      head: `{"id":${id},"method":"Runtime.callFunctionOn","params":{"functionDeclaration":${JSON.stringify(functionDeclaration)},"returnByValue":true,"arguments":[${args}],"executionContextId":`,
      tail: '}}',
    };
    const done = new Promise<Delivery>((resolve) => this.pending.set(id, resolve));
    if (this.ws && this.contextId !== null && this.waiting.length === 0) this.write(call, this.contextId);
    else this.waiting.push(call);
    return done;
  }

  close(reason: string): void {
    if (this.closedWith !== null) return;
    this.closedWith = reason;
    this.waiting.length = 0;
    for (const resolve of this.pending.values()) resolve({ ok: false, error: reason });
    this.pending.clear();
    this.ws?.close();
  }

  private write(call: Call, contextId: number): void {
    this.ws?.send(`${call.head}${contextId}${call.tail}`);
  }

  private flush(): void {
    if (!this.ws || this.contextId === null) return;
    for (const call of this.waiting.splice(0)) this.write(call, this.contextId);
  }

  private onMessage(text: string): void {
    let msg: CdpMessage;
    try {
      msg = JSON.parse(text) as CdpMessage;
    } catch {
      return;
    }
    if (msg.id === undefined) this.onEvent(msg);
    else this.onReply(msg.id, msg);
  }

  private onEvent(msg: CdpMessage): void {
    if (msg.method === 'Runtime.executionContextCreated') {
      const ctx = msg.params?.context;
      if (ctx?.id === undefined || ctx.auxData?.isDefault !== true || ctx.auxData.frameId !== this.frameId) return;
      this.contextId = ctx.id;
      this.flush();
    } else if (msg.method === 'Runtime.executionContextDestroyed') {
      if (msg.params?.executionContextId === this.contextId) this.contextId = null;
    } else if (msg.method === 'Runtime.executionContextsCleared') {
      this.contextId = null;
    }
  }

  private onReply(id: number, reply: CdpMessage): void {
    const resolve = this.pending.get(id);
    if (!resolve) return; // Runtime.enable's answer
    this.pending.delete(id);
    const ex = reply.result?.exceptionDetails;
    if (reply.error) {
      const message = reply.error.message ?? 'CDP error';
      resolve({ ok: false, error: CONTEXT_GONE.test(message) ? `dropped: the page navigated (${message})` : message });
    } else if (ex) resolve({ ok: false, error: ex.exception?.description ?? ex.text ?? 'exception in the page' });
    else if (reply.result?.result?.value === NO_DISPATCHER) resolve({ ok: false, error: 'dropped: the page has no preload dispatcher (navigating?)' });
    else resolve({ ok: true });
  }
}
