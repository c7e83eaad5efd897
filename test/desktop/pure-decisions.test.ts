import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-preload/api';
import { decideExternalLink } from '../../src-main/desktop/external-links';
import { decideRingAlert, escapeMarkup } from '../../src-main/desktop/notifications';
import { ringSummary, timeLeft, waitingRings } from '../../src-main/desktop/ring-text';
import { trayIconFile } from '../../src-main/desktop/tray';
import { trayModel, trayStatus, type TrayState } from '../../src-main/desktop/tray-model';
import { boundsVisible, permissionAllowed } from '../../src-main/desktop/window';
import { ring } from './fakes';

const skills = [{ id: '11', name: 'Billing' }];

describe('ring text', () => {
  it('formats time left as m:ss, never negative', () => {
    expect(timeLeft(100_000, 59_000)).toBe('0:41 left');
    expect(timeLeft(200_000, 59_000)).toBe('2:21 left');
    expect(timeLeft(1_000, 59_000)).toBe('0:00 left');
  });
  it('names consumer, skill and time left; unknown skill by id', () => {
    expect(ringSummary(ring({ consumerName: 'Dana' }), skills, 59_000)).toBe('Dana · Billing · 0:41 left');
    expect(ringSummary(ring({ skillId: '99' }), skills, 59_000)).toBe('A consumer · skill 99 · 0:41 left');
  });
  it('keeps waiting rings only, oldest first', () => {
    const list = waitingRings([ring({ ringId: 'b', offeredAt: 2 }), ring({ ringId: 'a', offeredAt: 1 }), ring({ ringId: 'x', state: 'ACCEPTED' })]);
    expect(list.map((r) => r.ringId)).toEqual(['a', 'b']);
  });
});

describe('decideRingAlert', () => {
  const now = 59_000;
  it('shows a critical, never-timing-out alert with consumer, skill and time left', () => {
    const a = decideRingAlert(ring({ consumerName: 'Dana' }), DEFAULT_SETTINGS, false, 'win32', { skills, now });
    expect(a).toMatchObject({ show: true, urgency: 'critical', timeoutType: 'never', body: 'Dana · Billing · 0:41 left' });
    expect(a.actions).toEqual([{ type: 'button', text: 'Accept' }]);
  });
  it('has Accept only on win32 and darwin', () => {
    expect(decideRingAlert(ring(), DEFAULT_SETTINGS, false, 'darwin', { now }).actions).toHaveLength(1);
    expect(decideRingAlert(ring(), DEFAULT_SETTINGS, false, 'linux', { now }).actions).toEqual([]);
  });
  it('escapes markup in the body on Linux only', () => {
    const r = ring({ consumerName: `<b>Tom & "Jerry"</b> O'Neil` });
    expect(decideRingAlert(r, DEFAULT_SETTINGS, false, 'linux', { now }).body).toContain('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; O&apos;Neil');
    expect(decideRingAlert(r, DEFAULT_SETTINGS, false, 'win32', { now }).body).toContain(`<b>Tom & "Jerry"</b>`);
    expect(escapeMarkup(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&apos;');
  });
  it('respects the settings: off, only when unfocused, sound', () => {
    expect(decideRingAlert(ring(), { ...DEFAULT_SETTINGS, notifications: false }, false, 'linux', { now })).toMatchObject({ show: false, reason: 'notifications-off' });
    expect(decideRingAlert(ring(), { ...DEFAULT_SETTINGS, onlyWhenUnfocused: true }, true, 'linux', { now })).toMatchObject({ show: false, reason: 'window-focused' });
    expect(decideRingAlert(ring(), { ...DEFAULT_SETTINGS, onlyWhenUnfocused: true }, false, 'linux', { now }).show).toBe(true);
    expect(decideRingAlert(ring(), DEFAULT_SETTINGS, true, 'linux', { now }).show).toBe(true);
    expect(decideRingAlert(ring(), { ...DEFAULT_SETTINGS, sound: false }, false, 'linux', { now }).silent).toBe(true);
  });
  it('is silent whenever the app plays the ring sound itself, so an OS that sounds toasts does not double it', () => {
    expect(DEFAULT_SETTINGS.sound).toBe(true);
    // Sound on and a window to play it (the default): the app's sound only.
    expect(decideRingAlert(ring(), DEFAULT_SETTINGS, false, 'win32', { now }).silent).toBe(true);
    expect(decideRingAlert(ring(), DEFAULT_SETTINGS, false, 'darwin', { now, appPlaysSound: true }).silent).toBe(true);
    // Sound on but no window to play it (macOS, window closed): the toast's own sound.
    expect(decideRingAlert(ring(), DEFAULT_SETTINGS, false, 'darwin', { now, appPlaysSound: false }).silent).toBe(false);
    // Muted: silent either way.
    expect(decideRingAlert(ring(), { ...DEFAULT_SETTINGS, sound: false }, false, 'darwin', { now, appPlaysSound: false }).silent).toBe(true);
  });
  it('does not alert for a ring that is no longer waiting', () => {
    expect(decideRingAlert(ring({ state: 'EXPIRED' }), DEFAULT_SETTINGS, false, 'linux', { now })).toMatchObject({ show: false, reason: 'not-waiting' });
  });
});

describe('trayModel', () => {
  const base: TrayState = { mode: 'demo', phase: 'online', availability: 'ONLINE', rings: [], skills, windowVisible: true, now: 59_000 };
  it('maps connection and availability to an icon', () => {
    expect(trayStatus(base)).toBe('online');
    expect(trayStatus({ ...base, availability: 'AWAY' })).toBe('away');
    expect(trayStatus({ ...base, availability: 'BACK_SOON' })).toBe('away');
    expect(trayStatus({ ...base, phase: 'reconnecting' })).toBe('reconnecting');
    expect(trayStatus({ ...base, phase: 'auth-failed' })).toBe('offline');
    expect(trayStatus({ ...base, mode: 'signed-out' })).toBe('offline');
  });
  it('lists one Accept item per waiting ring, oldest first, then Accept oldest, availability, window, quit', () => {
    const m = trayModel({
      ...base,
      rings: [ring({ ringId: 'r2', offeredAt: 59_500, consumerName: 'Bo', expiresAt: 130_000 }), ring({ ringId: 'r1', consumerName: 'Al' }), ring({ ringId: 'r3', state: 'ACCEPTED' })],
    });
    expect(m.icon).toBe('online-ringing');
    expect(m.badge).toBe(2);
    expect(m.tooltip).toContain('2 waiting requests');
    const labels = m.items.map((i) => (i.type === 'separator' ? '---' : i.label));
    expect(labels).toEqual([
      'Accept — Al · Billing · 0:41 left', 'Accept — Bo · Billing · 1:11 left', 'Accept oldest', '---',
      'Online', 'Away', 'Back soon', 'Offline', '---', 'Hide window', 'Quit',
    ]);
    const online = m.items.find((i) => i.id === 'availability:ONLINE');
    expect(online).toMatchObject({ type: 'radio', checked: true });
  });
  it('disables Accept oldest without rings and availability when signed out', () => {
    const m = trayModel({ ...base, mode: 'signed-out', windowVisible: false });
    expect(m.items.find((i) => i.id === 'accept-oldest')).toMatchObject({ enabled: false });
    expect(m.items.find((i) => i.id === 'availability:ONLINE')).toMatchObject({ enabled: false, checked: false });
    expect(m.items.find((i) => i.id === 'toggle-window')).toMatchObject({ label: 'Show window' });
    expect(m.icon).toBe('offline');
    expect(m.badge).toBe(0);
  });
  it('maps icon keys to the generated tray images', () => {
    expect(trayIconFile('online')).toBe('online.png');
    expect(trayIconFile('reconnecting')).toBe('offline.png');
    expect(trayIconFile('away-ringing')).toBe('ringing.png');
  });
});

describe('decideExternalLink', () => {
  it('allows plain http(s) links', () => {
    expect(decideExternalLink('https://example.com/a?b=1')).toEqual({ status: 'open', url: 'https://example.com/a?b=1', reason: 'allowed' });
    expect(decideExternalLink('http://example.com').status).toBe('open');
  });
  it.each([
    ['javascript:alert(1)'], ['data:text/html,<b>x</b>'], ['file:///etc/passwd'], ['ftp://example.com'],
    ['https://user:pw@example.com/'], ['https://user@example.com/'], ['not a url'], ['vbscript:x'],
  ])('refuses %s', (url) => {
    expect(decideExternalLink(url).status).toBe('refuse');
  });
  it('refuses very long links', () => {
    expect(decideExternalLink(`https://example.com/${'a'.repeat(3000)}`)).toEqual({ status: 'refuse', reason: 'link too long' });
  });
});

describe('window decisions', () => {
  it('grants only the notifications permission', () => {
    expect(permissionAllowed('notifications')).toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) expect(permissionAllowed(p)).toBe(false);
  });
  it('restores bounds only when the title bar is on a visible display', () => {
    const areas = [{ x: 0, y: 0, width: 1920, height: 1050 }];
    expect(boundsVisible({ x: 100, y: 100, width: 800, height: 600 }, areas)).toBe(true);
    expect(boundsVisible({ x: 3000, y: 100, width: 800, height: 600 }, areas)).toBe(false);
    expect(boundsVisible({ x: 1880, y: 100, width: 800, height: 600 }, areas)).toBe(false);
    expect(boundsVisible({ x: 100, y: -500, width: 800, height: 600 }, areas)).toBe(false);
  });
});
