/** Sounds and unread counts in the window (#14.1, #14.2): main decides, the window plays and shows. */
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SOUND_URLS } from '../../src-renderer/lib/sounds';
import { baseSnapshot, conversation } from './fake-lp';
import { renderApp } from './render';

const played: Array<{ src: string; volume: number; element: HTMLMediaElement; from: number }> = [];
beforeEach(() => {
  played.length = 0;
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function play(this: HTMLMediaElement) {
    played.push({ src: this.src, volume: this.volume, element: this, from: this.currentTime });
    return Promise.resolve();
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const kind = (src: string): string => (src.endsWith(SOUND_URLS.message) ? 'message' : src.endsWith(SOUND_URLS.ring) ? 'ring' : src);

describe('sounds', () => {

  it('plays the sound main asks for, at its volume, every time (a repeat too)', async () => {
    const { lp } = await renderApp(baseSnapshot({ seq: 1 }));
    for (const [sound, volume] of [['ring', 0.8], ['ring', 0.8], ['message', 0.25]] as const) {
      await act(async () => {
        lp.emit('attention/sound', { sound, volume });
      });
    }
    expect(played.map((p) => [kind(p.src), p.volume])).toEqual([['ring', 0.8], ['ring', 0.8], ['message', 0.25]]);
  });

  it('sounds arriving together play once per kind', async () => {
    const { lp } = await renderApp(baseSnapshot({ seq: 1 }));
    await act(async () => {
      lp.emit('attention/sound', { sound: 'ring', volume: 0.5 });
      lp.emit('attention/sound', { sound: 'ring', volume: 0.5 });
      lp.emit('attention/sound', { sound: 'message', volume: 0.5 });
    });
    expect(played.map((p) => kind(p.src))).toEqual(['ring', 'message']);
  });

  it('settings: volume, test button at that volume, escalation delay checked, alerts toggles', async () => {
    const { lp } = await renderApp(baseSnapshot({ seq: 1 }));
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Test sound' }));
    expect(played).toHaveLength(1);
    expect(played[0]?.volume).toBe(0.8);
    const delay = within(dialog).getByLabelText(/repeat the sound and flash/);
    await userEvent.clear(delay);
    await userEvent.type(delay, '2{Enter}');
    expect(within(dialog).getByRole('alert').textContent).toMatch(/from 5 to 300/);
    await userEvent.clear(delay);
    await userEvent.type(delay, '30{Enter}');
    await userEvent.click(within(dialog).getByLabelText(/bring the window to the front/));
    await userEvent.click(within(dialog).getByLabelText(/new consumer messages/));
    expect(lp.callsTo('settingsSet')).toEqual([{ escalateAfterSeconds: 30 }, { bringToFrontOnRing: true }, { messageAlerts: false }]);
  });
});

describe('sound players (lib/sounds.ts)', () => {
  /** A fresh copy of the module (its players live for the window's life) and every Audio it makes. */
  async function freshSounds() {
    vi.resetModules();
    const made: HTMLAudioElement[] = [];
    const RealAudio = window.Audio;
    vi.stubGlobal('Audio', class extends RealAudio {
      constructor(src?: string) {
        super(src);
        made.push(this);
      }
    });
    const sounds = await import('../../src-renderer/lib/sounds');
    return { sounds, made };
  }
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('one element per sound for the window: a repeat rewinds it instead of loading the file again', async () => {
    const { sounds, made } = await freshSounds();
    await sounds.playSound('ring', 0.8);
    made[0]!.currentTime = 0.3; // still playing when the next ring sounds
    await sounds.playSound('ring', 0.5);
    await sounds.playSound('message', 0.25);
    expect(made.map((a) => kind(a.src))).toEqual(['ring', 'message']);
    expect(played.map((p) => [kind(p.src), p.volume, p.from])).toEqual([['ring', 0.8, 0], ['ring', 0.5, 0], ['message', 0.25, 0]]);
    expect(played[1]?.element).toBe(played[0]?.element);
    expect(made.every((a) => a.preload === 'auto')).toBe(true);
  });

  it('preloading loads each sound once; later plays use those elements', async () => {
    const { sounds, made } = await freshSounds();
    sounds.preloadSounds();
    sounds.preloadSounds();
    expect(made.map((a) => kind(a.src)).sort()).toEqual(['message', 'ring']);
    await sounds.playSound('ring', 1);
    expect(made).toHaveLength(2);
    expect(played[0]?.element).toBe(made.find((a) => kind(a.src) === 'ring'));
  });

  it('loading when idle: nothing on the caller\'s path, each sound once afterwards; cancellable', async () => {
    const { sounds, made } = await freshSounds();
    vi.useFakeTimers();
    try {
      sounds.preloadSoundsWhenIdle();
      expect(made).toHaveLength(0);
      await vi.runOnlyPendingTimersAsync();
      expect(made.map((a) => kind(a.src)).sort()).toEqual(['message', 'ring']);
      const fresh = await freshSounds();
      fresh.sounds.preloadSoundsWhenIdle()();
      await vi.runOnlyPendingTimersAsync();
      expect(fresh.made).toHaveLength(0);
      expect(played).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a refused play is reported to the caller, not thrown', async () => {
    const { sounds } = await freshSounds();
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => {
      throw new Error('no audio output');
    });
    await expect(sounds.playSound('ring', 1)).rejects.toThrow('no audio output');
  });
});

describe('sound output (lib/sounds.ts with Web Audio)', () => {
  /** A stand-in AudioContext: records what the module asks of it, in order. */
  class FakeAudioContext {
    static made: FakeAudioContext[] = [];
    readonly log: string[] = [];
    readonly destination = { kind: 'destination' };
    readonly routed: HTMLMediaElement[] = [];
    state: 'running' | 'suspended' = 'running';
    constructor(readonly options: AudioContextOptions) {
      FakeAudioContext.made.push(this);
    }
    createMediaElementSource(el: HTMLMediaElement) {
      return {
        connect: (to: unknown) => {
          if (to === this.destination) this.routed.push(el);
        },
      };
    }
    resume() {
      this.log.push('resume');
      this.state = 'running';
      return Promise.resolve();
    }
    suspend() {
      this.log.push('suspend');
      this.state = 'suspended';
      return Promise.resolve();
    }
  }

  async function withWebAudio() {
    vi.resetModules();
    FakeAudioContext.made = [];
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const sounds = await import('../../src-renderer/lib/sounds');
    return { sounds };
  }
  /** The element plays until `end` is called: paused false, then paused and 'ended' as a browser does. */
  function playing(el: HTMLMediaElement, isPaused: boolean): void {
    Object.defineProperty(el, 'paused', { value: isPaused, configurable: true });
  }
  function end(el: HTMLMediaElement): void {
    playing(el, true);
    el.dispatchEvent(new Event('ended'));
  }
  beforeEach(() => {
    vi.mocked(HTMLMediaElement.prototype.play).mockImplementation(function play(this: HTMLMediaElement) {
      played.push({ src: this.src, volume: this.volume, element: this, from: this.currentTime });
      FakeAudioContext.made[0]?.log.push(`play:${kind(this.src)}`);
      playing(this, false);
      return Promise.resolve();
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('every sound goes through one context, suspended until something plays', async () => {
    const { sounds } = await withWebAudio();
    sounds.preloadSounds();
    expect(FakeAudioContext.made).toHaveLength(1);
    const ctx = FakeAudioContext.made[0]!;
    expect(ctx.options.latencyHint).toBe('playback');
    expect(ctx.routed.map((el) => kind(el.src)).sort()).toEqual(['message', 'ring']);
    expect(ctx.log).toEqual(['suspend']);
    expect(ctx.state).toBe('suspended');
  });

  it('resumed before each play, released when the last sound ends, not while another still plays', async () => {
    const { sounds } = await withWebAudio();
    await sounds.playSound('ring', 0.6);
    const ctx = FakeAudioContext.made[0]!;
    expect(ctx.log).toEqual(['suspend', 'resume', 'play:ring']);
    expect(played[0]?.volume).toBe(0.6);
    await sounds.playSound('message', 0.3);
    const [ring, message] = [played[0]!.element, played[1]!.element];
    end(message);
    expect(ctx.log.at(-1)).toBe('play:message'); // the ring still sounds
    end(ring);
    expect(ctx.log.at(-1)).toBe('suspend');
    expect(ctx.state).toBe('suspended');
    // The next ring asks for the output again, even when the context already says running
    // (a suspend on its way must not silence it).
    ctx.state = 'running';
    await sounds.playSound('ring', 1);
    expect(ctx.log.slice(-2)).toEqual(['resume', 'play:ring']);
  });

  it('a refused play is still reported, and the output is released', async () => {
    const { sounds } = await withWebAudio();
    vi.mocked(HTMLMediaElement.prototype.play).mockImplementation(() => Promise.reject(new Error('no audio output')));
    await expect(sounds.playSound('ring', 1)).rejects.toThrow('no audio output');
    expect(FakeAudioContext.made[0]!.log).toEqual(['suspend', 'resume', 'suspend']);
  });
});

describe('unread counts', () => {
  it('tells main what is on screen and shows its counts per conversation', async () => {
    const snap = baseSnapshot({ seq: 1 });
    snap.session.conversations = [conversation({ conversationId: 'c1', consumerName: 'Ann' }), conversation({ conversationId: 'c2', consumerName: 'Bo' })];
    const { lp } = await renderApp(snap);
    expect(lp.callsTo('attentionViewing')).toEqual([{ conversationId: null }]);
    await act(async () => {
      lp.emit('attention/unread', { counts: { c2: 3 }, total: 3 });
    });
    const list = screen.getByRole('listbox', { name: /Conversations/ });
    const bo = within(list).getByRole('option', { name: /Bo/ });
    expect(within(bo).getByTestId('conv-unread').textContent).toBe('3 unread');
    await userEvent.click(bo);
    expect(lp.callsTo('attentionViewing')).toEqual([{ conversationId: null }, { conversationId: 'c2' }]);
  });
});
