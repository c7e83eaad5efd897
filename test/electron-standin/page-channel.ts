/**
 * main → renderer messages for the stand-in's webContents.send: a raw CDP WebSocket to the page's
 * target (Chromium runs with --remote-debugging-port), one `Runtime.evaluate` per message.
 *
 * Why not page.evaluate: Electron's webContents.send posts the message at once, while main goes on.
 * page.evaluate goes through Playwright's in-process client/server hops before anything is written,
 * so every synchronous thing main does after a send (the notification, the tray) delayed the
 * renderer, and the stand-in measured itself more than the app (bench ring-latency (b)). Here the
 * frame is written to the socket inside send(); a CDP session runs its commands in order, so
 * messages arrive in the order they were sent, without waiting for each other's round trip.
 */
import WebSocket from 'ws';

/** What the page-side expression returns when the preload's dispatcher is not there. */
export const NO_DISPATCHER = -1;

export interface Delivery {
  ok: boolean;
  error?: string;
}

interface EvaluateReply {
  id?: number;
  result?: { result?: { value?: unknown }; exceptionDetails?: { text?: string; exception?: { description?: string } } };
  error?: { message?: string };
}

export class PageChannel {
  private ws: WebSocket | null = null;
  private readonly queued: string[] = [];
  private readonly pending = new Map<number, (d: Delivery) => void>();
  private nextId = 1;
  private closedWith: string | null = null;

  /** Connects to ws://127.0.0.1:<port>/devtools/page/<targetId>; messages sent before that wait. */
  connect(url: string): Promise<void> {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 0 });
    ws.on('message', (data) => this.onReply(String(data)));
    ws.on('close', () => this.close('the page is gone'));
    ws.on('error', () => undefined); // 'close' follows
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        ws.off('error', reject);
        this.ws = ws;
        for (const frame of this.queued.splice(0)) ws.send(frame);
        resolve();
      });
      ws.once('error', reject);
    });
  }

  /** Evaluates `expression` in the page's main world; resolves when Chromium answered. */
  evaluate(expression: string): Promise<Delivery> {
    if (this.closedWith !== null) return Promise.resolve({ ok: false, error: this.closedWith });
    const id = this.nextId++;
    const frame = JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } });
    const done = new Promise<Delivery>((resolve) => this.pending.set(id, resolve));
    if (this.ws) this.ws.send(frame);
    else this.queued.push(frame);
    return done;
  }

  close(reason: string): void {
    if (this.closedWith !== null) return;
    this.closedWith = reason;
    this.queued.length = 0;
    for (const resolve of this.pending.values()) resolve({ ok: false, error: reason });
    this.pending.clear();
    this.ws?.close();
  }

  private onReply(text: string): void {
    let reply: EvaluateReply;
    try {
      reply = JSON.parse(text) as EvaluateReply;
    } catch {
      return;
    }
    if (reply.id === undefined) return; // an event (none are enabled)
    const resolve = this.pending.get(reply.id);
    if (!resolve) return;
    this.pending.delete(reply.id);
    const ex = reply.result?.exceptionDetails;
    if (reply.error) resolve({ ok: false, error: reply.error.message ?? 'CDP error' });
    else if (ex) resolve({ ok: false, error: ex.exception?.description ?? ex.text ?? 'exception in the page' });
    else if (reply.result?.result?.value === NO_DISPATCHER) resolve({ ok: false, error: 'dropped: the page has no preload dispatcher (navigating?)' });
    else resolve({ ok: true });
  }
}
