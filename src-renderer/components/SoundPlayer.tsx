/**
 * Plays the sounds main asked for (`attention/sound`: main decides when a ring or a message is
 * heard, from settings, escalation and focus; the window is the process with an audio output).
 * Sounds that arrive between two renders play once per kind (two rings at the same instant are one
 * chime, not a cacophony). Each sound is decoded once, when the window has been online a moment and
 * is idle (never during start-up: lib/sounds.ts says why), or at its first play if that comes first,
 * and played through Web Audio from the start on every play. Renders nothing.
 */
import { memo, useEffect, useRef } from 'react';
import type { SoundName } from '../../src-preload/api';
import { useSelector } from '../state/hooks';
import { playSound, preloadSoundsWhenSettled } from '../lib/sounds';

function SoundPlayerView() {
  const sounds = useSelector((s) => s.sounds);
  // Sounds queued before this player mounted (a page reload) are old news.
  const played = useRef(sounds.at(-1)?.nonce ?? 0);
  const online = useSelector((s) => s.connection.phase === 'online');
  // Prepared once start-up has settled, when the window has nothing better to do (lib/sounds.ts); again
  // after a reconnect costs nothing (what was decoded is kept).
  useEffect(() => (online ? preloadSoundsWhenSettled() : undefined), [online]);
  useEffect(() => {
    const fresh = sounds.filter((s) => s.nonce > played.current);
    played.current = sounds.at(-1)?.nonce ?? played.current;
    const volumes = new Map<SoundName, number>();
    for (const s of fresh) volumes.set(s.sound, s.volume);
    // A refused play (no audio output) must not become an error banner per ring: the OS toast and
    // the escalation still draw attention.
    for (const [sound, volume] of volumes) playSound(sound, volume).catch(() => undefined);
  }, [sounds]);
  return null;
}

/** Memoised: its props are stable, it reads what it shows from the store (a flood re-rendered it with the Workspace, issue #15). */
export const SoundPlayer = memo(SoundPlayerView);
