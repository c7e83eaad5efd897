/**
 * When the window prepares its sounds (components/SoundPlayer.tsx over lib/sounds.ts): never during
 * start-up, only once it is online and start-up has settled; a ring before that still plays. Its own
 * file: lib/sounds.ts keeps its context for the window's life, so this needs a module nobody played yet.
 */
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { PRELOAD_SETTLE_MS } from '../../src-renderer/lib/sounds';
// Loaded up front: lib/sounds.ts imports it lazily.
import '../../src-renderer/lib/sound-files';
import { FakeAudioContext } from './fake-audio';
import { baseSnapshot } from './fake-lp';
import { renderApp } from './render';

beforeEach(() => {
  FakeAudioContext.reset();
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const advance = (ms: number): Promise<void> => act(async () => {
  await vi.advanceTimersByTimeAsync(ms);
});
const decodes = (): string[] => FakeAudioContext.made.flatMap((c) => c.log.filter((l) => l.startsWith('decode:')));

it('sounds are prepared only once online and settled; a ring before that plays, prepared on the spot', async () => {
  const snapshot = baseSnapshot({ seq: 1 });
  snapshot.session.connection = { phase: 'connecting', reconnects: 0, since: 0 };
  const { lp } = await renderApp(snapshot);
  // Start-up, not online yet: no context, nothing loaded or decoded, however long it takes.
  await advance(PRELOAD_SETTLE_MS * 2);
  expect(FakeAudioContext.made).toHaveLength(0);

  await act(async () => {
    lp.emit('connection/state', { phase: 'online', reconnects: 0, since: 0 });
  });
  await advance(PRELOAD_SETTLE_MS / 2);
  expect(FakeAudioContext.made).toHaveLength(0);

  // The first ring comes before the sounds were prepared: it is decoded and heard now.
  await act(async () => {
    lp.emit('attention/sound', { sound: 'ring', volume: 0.7 });
  });
  await advance(0);
  expect(FakeAudioContext.plays.map((p) => [p.sound, p.volume])).toEqual([['ring', 0.7]]);
  expect(decodes()).toEqual(['decode:ring']);

  // Settled and idle: the rest is prepared in the same context, the ring is not decoded again.
  await advance(PRELOAD_SETTLE_MS);
  expect(FakeAudioContext.made).toHaveLength(1);
  expect(decodes()).toEqual(['decode:ring', 'decode:message']);
  expect(FakeAudioContext.plays).toHaveLength(1);
});
