/** Sounds and unread counts in the window (#14.1, #14.2): main decides, the window plays and shows. */
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { baseSnapshot, conversation } from './fake-lp';
import { FakeAudioContext } from './fake-audio';
// Loaded up front: lib/sounds.ts imports it lazily, and a first transform would outlast `settle`.
import '../../src-renderer/lib/sound-files';
import { renderApp } from './render';

beforeEach(() => {
  FakeAudioContext.reset();
  vi.stubGlobal('AudioContext', FakeAudioContext);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** What was started, as [sound, volume heard]. */
const heard = (): Array<[string, number]> => FakeAudioContext.plays.map((p) => [p.sound, p.volume]);
/** Lets the module's awaits (decode, resume) run. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('sounds', () => {

  it('plays the sound main asks for, at its volume, every time (a repeat too)', async () => {
    const { lp } = await renderApp(baseSnapshot({ seq: 1 }));
    for (const [sound, volume] of [['ring', 0.8], ['ring', 0.8], ['message', 0.25]] as const) {
      await act(async () => {
        lp.emit('attention/sound', { sound, volume });
        await settle();
      });
    }
    expect(heard()).toEqual([['ring', 0.8], ['ring', 0.8], ['message', 0.25]]);
  });

  it('sounds arriving together play once per kind', async () => {
    const { lp } = await renderApp(baseSnapshot({ seq: 1 }));
    await act(async () => {
      lp.emit('attention/sound', { sound: 'ring', volume: 0.5 });
      lp.emit('attention/sound', { sound: 'ring', volume: 0.5 });
      lp.emit('attention/sound', { sound: 'message', volume: 0.5 });
      await settle();
    });
    expect(heard().map(([sound]) => sound)).toEqual(['ring', 'message']);
  });

  it('settings: volume, test button at that volume, escalation delay checked, alerts toggles', async () => {
    const { lp } = await renderApp(baseSnapshot({ seq: 1 }));
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Test sound' }));
    await act(settle);
    expect(heard()).toEqual([['ring', 0.8]]);
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

describe('sound output (lib/sounds.ts, Web Audio)', () => {
  /** A fresh copy of the module (its context and decoded sounds live for the window's life). */
  async function freshSounds() {
    vi.resetModules();
    return import('../../src-renderer/lib/sounds');
  }
  const only = (): FakeAudioContext => {
    expect(FakeAudioContext.made).toHaveLength(1);
    return FakeAudioContext.made[0]!;
  };

  it('one context for the window, asking for playback latency; each file decoded once; a source per play at its volume', async () => {
    const sounds = await freshSounds();
    await sounds.playSound('ring', 0.8);
    await sounds.playSound('ring', 0.5);
    await sounds.playSound('message', 0.25);
    const ctx = only();
    expect(ctx.options.latencyHint).toBe('playback');
    expect(ctx.log.filter((l) => l.startsWith('decode:'))).toEqual(['decode:ring', 'decode:message']);
    expect(heard()).toEqual([['ring', 0.8], ['ring', 0.5], ['message', 0.25]]);
    expect(new Set(FakeAudioContext.plays.map((p) => p.source)).size).toBe(3);
  });

  it('a volume outside 0–1 is clamped', async () => {
    const sounds = await freshSounds();
    await sounds.playSound('ring', 1.7);
    await sounds.playSound('message', -0.2);
    expect(heard()).toEqual([['ring', 1], ['message', 0]]);
  });

  it('suspended while quiet: resumed before each start, suspended when the last sound ends, not while another plays', async () => {
    const sounds = await freshSounds();
    sounds.preloadSounds();
    await settle();
    const ctx = only();
    expect(ctx.state).toBe('suspended');
    await sounds.playSound('ring', 0.6);
    expect(ctx.log.slice(-2)).toEqual(['resume', 'start:ring']);
    expect(ctx.state).toBe('running');
    await sounds.playSound('message', 0.3);
    const [ring, message] = FakeAudioContext.plays.map((p) => p.source);
    message!.end();
    expect(ctx.state).toBe('running'); // the ring still sounds
    ring!.end();
    expect(ctx.log.at(-1)).toBe('suspend');
    expect(ctx.state).toBe('suspended');
    // The next ring asks for the output again even when the context says running (a suspend on its way must not silence it).
    ctx.state = 'running';
    await sounds.playSound('ring', 1);
    expect(ctx.log.slice(-2)).toEqual(['resume', 'start:ring']);
  });

  it('a sound played again while it still sounds starts over: the older play stops, the output stays on', async () => {
    const sounds = await freshSounds();
    await sounds.playSound('ring', 1);
    await sounds.playSound('ring', 1);
    const [first, second] = FakeAudioContext.plays.map((p) => p.source);
    expect(first!.stopped).toBe(true);
    expect(second!.stopped).toBe(false);
    expect(only().state).toBe('running');
    second!.end();
    expect(only().state).toBe('suspended');
  });

  it('preloading decodes each sound once; later plays use those buffers', async () => {
    const sounds = await freshSounds();
    sounds.preloadSounds();
    sounds.preloadSounds();
    await settle();
    await sounds.playSound('ring', 1);
    expect(only().log.filter((l) => l.startsWith('decode:')).sort()).toEqual(['decode:message', 'decode:ring']);
    expect(heard()).toEqual([['ring', 1]]);
  });

  it('loading when idle: nothing on the caller\'s path, each sound once afterwards; cancellable', async () => {
    const sounds = await freshSounds();
    vi.useFakeTimers();
    try {
      sounds.preloadSoundsWhenIdle();
      expect(FakeAudioContext.made).toHaveLength(0);
      await vi.runOnlyPendingTimersAsync();
      expect(FakeAudioContext.made).toHaveLength(1);
      const fresh = await freshSounds();
      fresh.preloadSoundsWhenIdle()();
      await vi.runOnlyPendingTimersAsync();
      expect(FakeAudioContext.made).toHaveLength(1);
      expect(FakeAudioContext.plays).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a refused play is reported to the caller, not thrown; the output is released; the next play decodes again', async () => {
    const sounds = await freshSounds();
    FakeAudioContext.decodeError = new Error('EncodingError: unable to decode audio data');
    await expect(sounds.playSound('ring', 1)).rejects.toThrow('unable to decode');
    expect(only().state).toBe('suspended');
    FakeAudioContext.decodeError = null;
    await sounds.playSound('ring', 1);
    expect(heard()).toEqual([['ring', 1]]);
  });

  it('an output that does not resume is given up: that play is refused, the next builds a new context and sounds', async () => {
    const sounds = await freshSounds();
    await sounds.playSound('ring', 1); // decoded and heard once
    vi.useFakeTimers();
    try {
      FakeAudioContext.resumeHangs = true;
      const refused = expect(sounds.playSound('ring', 1)).rejects.toThrow('did not resume');
      // The play reaches its resume (the decoded buffer is a few promise turns away), then times out.
      for (let turn = 0; turn < 50 && vi.getTimerCount() === 0; turn++) await Promise.resolve();
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(sounds.RESUME_TIMEOUT_MS);
      await refused;
      expect(FakeAudioContext.made[0]?.state).toBe('closed');
      FakeAudioContext.resumeHangs = false;
      await sounds.playSound('ring', 1);
    } finally {
      vi.useRealTimers();
    }
    expect(FakeAudioContext.made).toHaveLength(2);
    expect(heard()).toEqual([['ring', 1], ['ring', 1]]);
  });

  it('a context the browser closed is replaced on the next play', async () => {
    const sounds = await freshSounds();
    await sounds.playSound('message', 1);
    await only().close();
    await sounds.playSound('ring', 0.5);
    expect(FakeAudioContext.made).toHaveLength(2);
    expect(heard()).toEqual([['message', 1], ['ring', 0.5]]);
  });

  it('no Web Audio: the play is refused with a reason', async () => {
    vi.stubGlobal('AudioContext', undefined);
    const sounds = await freshSounds();
    await expect(sounds.playSound('ring', 1)).rejects.toThrow('no Web Audio');
    expect(() => sounds.preloadSounds()).not.toThrow();
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
