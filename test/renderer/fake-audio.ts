/**
 * A Web Audio stand-in for jsdom (which has none): the parts lib/sounds.ts uses, recording what the
 * module asks of it. A decoded buffer knows which of the app's sound files its bytes are (compared
 * with src-renderer/assets/sounds/*.wav); a started source records that sound and the product of the
 * gains between it and the context's destination (what would be heard; 0 when not connected).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Vitest runs from the project root (jsdom's import.meta.url is not a file URL). */
const SOUNDS = resolve('src-renderer/assets/sounds');
const SOUND_FILES = {
  ring: readFileSync(resolve(SOUNDS, 'ring.wav')),
  message: readFileSync(resolve(SOUNDS, 'message.wav')),
};

export interface FakePlay { sound: string; volume: number; source: FakeSource; context: FakeAudioContext }

class FakeNode {
  readonly outputs: FakeNode[] = [];
  constructor(readonly context: FakeAudioContext) {}
  connect<T extends FakeNode>(to: T): T {
    this.outputs.push(to);
    return to;
  }
  disconnect(): void {
    this.outputs.length = 0;
  }
  /** The loudest path's gain product from here to the destination, 0 when none reaches it. */
  heard(): number {
    if (this === this.context.destination) return 1;
    const own = this instanceof FakeGain ? this.gain.value : 1;
    return own * Math.max(0, ...this.outputs.map((o) => o.heard()));
  }
}

export class FakeGain extends FakeNode {
  readonly gain = { value: 1 };
}

export class FakeBuffer {
  constructor(readonly sound: string) {}
}

export class FakeSource extends FakeNode {
  buffer: FakeBuffer | null = null;
  started = false;
  stopped = false;
  private readonly ended = new Set<() => void>();
  addEventListener(type: 'ended', listener: () => void): void {
    if (type === 'ended') this.ended.add(listener);
  }
  start(): void {
    if (this.started) throw new Error('InvalidStateError: start() called twice');
    this.started = true;
    FakeAudioContext.plays.push({ sound: this.buffer?.sound ?? '(no buffer)', volume: this.heard(), source: this, context: this.context });
    this.context.log.push(`start:${this.buffer?.sound ?? '?'}`);
  }
  stop(): void {
    this.stopped = true;
    this.end();
  }
  /** The buffer played to its end (or was stopped): 'ended', as the browser fires it. */
  end(): void {
    const listeners = [...this.ended];
    this.ended.clear();
    for (const l of listeners) l();
  }
}

export class FakeAudioContext {
  /** Every context made and every source started, across contexts, in order. */
  static made: FakeAudioContext[] = [];
  static plays: FakePlay[] = [];
  /** When set, decodeAudioData rejects with it. */
  static decodeError: Error | null = null;
  /** When set, resume() never settles (an audio device the OS took away). */
  static resumeHangs = false;
  static reset(): void {
    FakeAudioContext.resumeHangs = false;
    FakeAudioContext.made = [];
    FakeAudioContext.plays = [];
    FakeAudioContext.decodeError = null;
  }

  readonly log: string[] = [];
  readonly destination: FakeNode = new FakeNode(this);
  state: 'running' | 'suspended' | 'closed' = 'running';
  constructor(readonly options: AudioContextOptions = {}) {
    FakeAudioContext.made.push(this);
  }
  decodeAudioData(bytes: ArrayBuffer): Promise<FakeBuffer> {
    if (FakeAudioContext.decodeError) return Promise.reject(FakeAudioContext.decodeError);
    const view = Buffer.from(bytes);
    const sound = Object.entries(SOUND_FILES).find(([, file]) => file.equals(view))?.[0] ?? `(unknown ${view.length} bytes)`;
    this.log.push(`decode:${sound}`);
    return Promise.resolve(new FakeBuffer(sound));
  }
  createBufferSource(): FakeSource {
    return new FakeSource(this);
  }
  createGain(): FakeGain {
    return new FakeGain(this);
  }
  resume(): Promise<void> {
    this.log.push('resume');
    if (FakeAudioContext.resumeHangs) return new Promise<void>(() => undefined);
    this.state = 'running';
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.log.push('close');
    this.state = 'closed';
    return Promise.resolve();
  }
  suspend(): Promise<void> {
    this.log.push('suspend');
    this.state = 'suspended';
    return Promise.resolve();
  }
}
