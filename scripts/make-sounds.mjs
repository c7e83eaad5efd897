// `node scripts/make-sounds.mjs`: generates the app's built-in sounds (the project's own, so no
// licence question) as 16-bit mono PCM WAV from sine partials under an attack/decay envelope.
// The outputs are committed; re-run only when the sound design changes.
//   src-renderer/assets/sounds/ring.wav     two rising chimes (~0.9 s): a ring, announced and repeated
//   src-renderer/assets/sounds/message.wav  one soft low note (~0.3 s): a consumer message
// Vite bundles them into dist/renderer/assets; the renderer plays them (components/SoundPlayer.tsx).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = 22_050;
const out = join(fileURLToPath(new URL('..', import.meta.url)), 'src-renderer', 'assets', 'sounds');

/** notes: [{ at (s), freq (Hz), dur (s), gain }]; each note a fundamental plus two soft partials. */
function render(notes, seconds) {
  const samples = new Float64Array(Math.round(RATE * seconds));
  for (const { at, freq, dur, gain } of notes) {
    const start = Math.round(at * RATE);
    const len = Math.round(dur * RATE);
    for (let i = 0; i < len && start + i < samples.length; i++) {
      const t = i / RATE;
      const attack = Math.min(1, t / 0.008);
      const decay = Math.exp(-t * 5 / dur);
      const tone = Math.sin(2 * Math.PI * freq * t) + 0.3 * Math.sin(4 * Math.PI * freq * t) + 0.12 * Math.sin(6 * Math.PI * freq * t);
      samples[start + i] += gain * attack * decay * tone / 1.42;
    }
  }
  return samples;
}

function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32_767), i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'ring.wav'), wav(render([
  { at: 0, freq: 880, dur: 0.35, gain: 0.7 }, { at: 0.12, freq: 1318.5, dur: 0.4, gain: 0.6 },
  { at: 0.45, freq: 880, dur: 0.35, gain: 0.7 }, { at: 0.57, freq: 1318.5, dur: 0.33, gain: 0.6 },
], 0.9)));
writeFileSync(join(out, 'message.wav'), wav(render([{ at: 0, freq: 659.3, dur: 0.3, gain: 0.35 }], 0.3)));
console.log('sounds: src-renderer/assets/sounds/ring.wav, message.wav');
