/**
 * Plays the sound main asked for (`attention/sound`: main decides when a ring or a message is heard,
 * from settings, escalation and focus; the window is the process with an audio output). Renders nothing.
 */
import { useEffect } from 'react';
import { useSelector } from '../state/hooks';
import { playSound } from '../lib/sounds';

export function SoundPlayer() {
  const sound = useSelector((s) => s.sound);
  useEffect(() => {
    if (!sound) return;
    // A refused play (no audio output) must not become an error banner per ring: the OS toast and
    // the escalation still draw attention.
    playSound(sound.sound, sound.volume).catch(() => undefined);
  }, [sound]);
  return null;
}
