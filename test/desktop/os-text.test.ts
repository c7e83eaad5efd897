/**
 * The OS-text sanitiser (#14.3, #17.9) on every surface function that feeds the OS: the tray menu
 * labels and tooltip (trayModel), the notification title/body (decideRingAlert), the ring words
 * (ringSummary), with the e2e hostile corpus plus invisible characters, lone surrogates, very long
 * names and `&` mnemonics.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-preload/api';
import { decideRingAlert, escapeMarkup } from '../../src-main/desktop/notifications';
import { capGraphemes, menuMnemonics, OS_TEXT_LIMITS, osText } from '../../src-main/desktop/os-text';
import { ringSummary } from '../../src-main/desktop/ring-text';
import { MAX_TRAY_RINGS, trayModel, type TrayState } from '../../src-main/desktop/tray-model';
import { PAYLOADS } from '../e2e/xss-payloads';
import { ring } from './fakes';

const skills = [{ id: '11', name: 'Billing' }];
const now = 59_000;

/** Nothing a surface may carry: bidi controls, direction marks, zero-width, controls, separators, lone surrogates. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u200C\u2060-\u2064\uFEFF\u3164\uFFA0\u0000-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const graphemes = (s: string): number => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)).length;

const EXTRA: Array<{ name: string; text: string }> = [
  { name: 'zero-width', text: 'Da\u200Bna\u200C Sm\u2060ith\uFEFF' },
  { name: 'blank-fillers', text: '\u3164\uFFA0\u3164' },
  { name: 'rlm-lrm-alm', text: '\u200FDana\u200E Smith\u061C' },
  { name: 'lone-surrogates', text: 'Dana \uD800 Smith \uDC00 end \uD83D' },
  { name: 'thousand-chars', text: 'D'.repeat(1_000) },
  { name: 'thousand-emoji', text: '\u{1F600}'.repeat(1_000) },
  { name: 'mnemonic', text: 'Tom & &Jerry &&' },
  { name: 'separators', text: 'line\u2028para\u2029tab\tnul\u0000c1\u0085' },
];
const CORPUS = [...PAYLOADS.map((p) => ({ name: p.name, text: p.text })), ...EXTRA];

describe('osText', () => {
  it('shows bidi controls as markers', () => {
    expect(osText('Invoice \u202Egnp.exe\u202C')).toBe('Invoice [U+202E]gnp.exe[U+202C]');
  });
  it('removes zero-width characters, direction marks and lone surrogates', () => {
    expect(osText('Da\u200Bna\u200C Sm\u2060ith\uFEFF')).toBe('Dana Smith');
    expect(osText('\u200FDana\u200E Smith\u061C')).toBe('Dana Smith');
    expect(osText('a\uD800b\uDC00c\uD83D')).toBe('abc');
    expect(osText('\u3164Da\u00ADna\uFFA0 \u115FSmith\u034F')).toBe('Dana Smith');
  });
  it('keeps a zero-width joiner inside an emoji sequence only', () => {
    expect(osText('\u{1F469}\u200D\u{1F4BB} a\u200Db')).toBe('\u{1F469}\u200D\u{1F4BB} ab');
  });
  it('turns C0/C1 controls and U+2028/2029 into spaces', () => {
    expect(osText('a\nb\tc\u0000d\u0085e\u2028f\u2029g')).toBe('a b c d e f g');
  });
  it('caps by grapheme with an ellipsis, never cutting a surrogate pair or an emoji sequence', () => {
    expect(osText('abcdef', { maxLength: 4 })).toBe('abc…');
    expect(osText('abcd', { maxLength: 4 })).toBe('abcd');
    const emoji = '\u{1F600}'.repeat(10);
    expect(osText(emoji, { maxLength: 4 })).toBe(`${'\u{1F600}'.repeat(3)}…`);
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    expect(capGraphemes(`${family}${family}${family}`, 2)).toBe(`${family}…`);
  });
  it('doubles & only when asked (menus with mnemonics: Windows and Linux, not macOS)', () => {
    expect(osText('Tom & Jerry', { mnemonics: true })).toBe('Tom && Jerry');
    expect(osText('Tom & Jerry')).toBe('Tom & Jerry');
    expect([menuMnemonics('win32'), menuMnemonics('linux'), menuMnemonics('darwin')]).toEqual([true, true, false]);
  });
  it('treats a plain name (ASCII and Latin-1, the short way) as the full passes would: trimmed, capped, & doubled', () => {
    expect(osText('  Dana   Smith  ', { maxLength: 40 })).toBe('Dana   Smith');
    expect(osText(`${'x'.repeat(38)}  yz`, { maxLength: 40, mnemonics: true })).toBe(`${'x'.repeat(38)}…`);
    expect(osText('R&D & Co', { maxLength: 7, mnemonics: true })).toBe('R&&D &&…');
    // The same name with one character outside printable ASCII takes the full passes and caps alike.
    expect(osText(`  ${'x'.repeat(38)}éyz `, { maxLength: 40 })).toBe(`${'x'.repeat(38)}é…`);
    expect(osText('Dana	Smith')).toBe('Dana Smith');
  });
  it('leaves markup as inert characters', () => {
    expect(osText('<b>Dana</b>')).toBe('<b>Dana</b>');
  });
});

describe('every OS surface with the hostile corpus', () => {
  const base: TrayState = { mode: 'live', phase: 'online', availability: 'ONLINE', rings: [], skills, windowVisible: true, now };

  it.each(CORPUS)('$name', ({ text }) => {
    const r = ring({ consumerName: text });
    const hostileSkills = [{ id: '11', name: text }];

    const summary = ringSummary(r, hostileSkills, now);
    expect(summary).not.toMatch(FORBIDDEN);

    for (const platform of ['win32', 'linux', 'darwin']) {
      const m = trayModel({ ...base, rings: [r], skills: hostileSkills, platform });
      const labels = m.items.flatMap((i) => (i.type === 'separator' ? [] : [i.label]));
      for (const label of [...labels, m.tooltip]) {
        expect(label).not.toMatch(FORBIDDEN);
        expect(graphemes(label.replace(/&&/g, '&'))).toBeLessThanOrEqual(OS_TEXT_LIMITS.menuLabel);
      }
      expect(graphemes(m.tooltip)).toBeLessThanOrEqual(OS_TEXT_LIMITS.tooltip);
      const accept = labels[0] ?? '';
      // Every & of the consumer's text is doubled where menus read mnemonics: no single & is left.
      if (platform !== 'darwin') expect(accept.replace(/&&/g, '')).not.toContain('&');
      else expect(accept).toBe(`Accept — ${summary}`);

      const alert = decideRingAlert(r, DEFAULT_SETTINGS, false, platform, { skills: hostileSkills, now });
      for (const t of [alert.title, alert.body]) expect(t).not.toMatch(FORBIDDEN);
      if (platform === 'linux') {
        expect(alert.body).toBe(escapeMarkup(summary));
        expect(alert.body).not.toMatch(/[<>"']/);
        // Only the five named entities the daemons accept, never a numeric one.
        expect(alert.body.replace(/&(?:amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
      } else {
        expect(alert.body).toBe(summary);
      }
      expect(graphemes(summary)).toBeLessThanOrEqual(OS_TEXT_LIMITS.name + OS_TEXT_LIMITS.skill + 20);
    }
  });

  it('caps a 1,000-character name in the tray label (430 characters were seen before)', () => {
    const m = trayModel({ ...base, rings: [ring({ consumerName: 'N'.repeat(1_000) })], platform: 'win32' });
    const label = m.items[0]?.type === 'normal' ? m.items[0].label : '';
    expect(label).toBe(`Accept — ${'N'.repeat(OS_TEXT_LIMITS.name - 1)}… · Billing · 0:41 left`);
  });

  it('caps the ring items with "+N more waiting…" that shows the window on the oldest ring', () => {
    const rings = Array.from({ length: MAX_TRAY_RINGS + 3 }, (_, i) => ring({ ringId: `r${i}`, offeredAt: i }));
    const m = trayModel({ ...base, rings, platform: 'linux' });
    expect(m.items.filter((i) => i.id.startsWith('accept:'))).toHaveLength(MAX_TRAY_RINGS);
    expect(m.items.find((i) => i.id === 'more-rings')).toMatchObject({ label: '+3 more waiting…', enabled: true, action: { kind: 'show-window', ringId: 'r0' } });
    expect(m.badge).toBe(MAX_TRAY_RINGS + 3);
    expect(trayModel({ ...base, rings: rings.slice(0, MAX_TRAY_RINGS) }).items.some((i) => i.id === 'more-rings')).toBe(false);
  });
});
