/** Compile-time fits, checked by tsc (type-only imports: nothing Electron-bound runs here), and the shared limits. */
import type * as ElectronModule from 'electron';
import { describe, expect, it } from 'vitest';
import type { runApp } from '../../src-main/desktop/app';
import type { NotificationClass } from '../../src-main/desktop/notifications';
import { parseCommandLine } from '../../src-main/headless/commands';
import { AVAILABILITIES, CHAT_STATES, INPUT_LIMITS, type Availability, type ChatState } from '../../src-main/lp/index';
import { requestSchemas } from '../../src-preload/request-schemas';

// main.ts: `import * as electron from 'electron'; runApp(electron)` must type-check.
type RunAppTakesTheRealModule = typeof ElectronModule extends Parameters<typeof runApp>[0] ? true : never;
const _runAppFits: RunAppTakesTheRealModule = true;
// The real Notification class fits what the ring notifier constructs.
type NotificationFits = typeof ElectronModule.Notification extends NotificationClass ? true : never;
const _notificationFits: NotificationFits = true;
// The vocabulary's lists are exactly the core model's unions (until the model derives them from it).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _availabilitiesFit: Same<(typeof AVAILABILITIES)[number], Availability> = true;
const _chatStatesFit: Same<(typeof CHAT_STATES)[number], ChatState> = true;

describe('compile-time fits', () => {
  it('hold (checked by tsc)', () => {
    expect([_runAppFits, _notificationFits, _availabilitiesFit, _chatStatesFit]).toEqual([true, true, true, true]);
  });
});

describe('the window (IPC) and headless mode take the same values and limits', () => {
  const ipcOk = (name: keyof typeof requestSchemas, arg: unknown): boolean => requestSchemas[name].safeParse(arg).success;
  const cliOk = (command: Record<string, unknown>): boolean => parseCommandLine(JSON.stringify(command)).ok;
  const long = (n: number): string => 'x'.repeat(n);
  const seqs = (n: number): number[] => Array.from({ length: n }, (_v, i) => i);

  it.each([
    ['conversation id', INPUT_LIMITS.conversationIdLength, (n: number) => [ipcOk('conversation/close', { conversationId: long(n) }), cliOk({ cmd: 'close', conversationId: long(n) })]],
    ['ring id', INPUT_LIMITS.idLength, (n: number) => [ipcOk('ring/accept', { ringId: long(n) }), cliOk({ cmd: 'accept', ringId: long(n) })]],
    ['consumer id', INPUT_LIMITS.idLength, (n: number) => [ipcOk('consumer/profile', { consumerId: long(n) }), cliOk({ cmd: 'profile', consumerId: long(n) })]],
    ['skill id', INPUT_LIMITS.skillIdLength, (n: number) => [ipcOk('conversation/transfer', { conversationId: 'c1', skillId: long(n) }), cliOk({ cmd: 'transfer', conversationId: 'c1', skillId: long(n) })]],
    ['text', INPUT_LIMITS.textLength, (n: number) => [ipcOk('message/send', { conversationId: 'c1', text: long(n) }), cliOk({ cmd: 'send', conversationId: 'c1', text: long(n) })]],
    ['read receipt', INPUT_LIMITS.readReceiptCount, (n: number) => [ipcOk('conversation/read', { conversationId: 'c1', sequences: seqs(n) }), cliOk({ cmd: 'read', conversationId: 'c1', sequences: seqs(n) })]],
  ])('%s: accepted at the limit, refused past it, by both', (_what, limit, check) => {
    expect(check(limit)).toEqual([true, true]);
    expect(check(limit + 1)).toEqual([false, false]);
  });

  it('availabilities and chat states: every one accepted by both, anything else refused by both', () => {
    for (const availability of AVAILABILITIES) {
      expect([ipcOk('agent/set-availability', { availability }), cliOk({ cmd: 'state', availability })]).toEqual([true, true]);
    }
    for (const state of CHAT_STATES) {
      expect([ipcOk('conversation/typing', { conversationId: 'c1', state }), cliOk({ cmd: 'typing', conversationId: 'c1', state })]).toEqual([true, true]);
    }
    expect([ipcOk('agent/set-availability', { availability: 'SLEEPING' }), cliOk({ cmd: 'state', availability: 'SLEEPING' })]).toEqual([false, false]);
    expect([ipcOk('conversation/typing', { conversationId: 'c1', state: 'BACKGROUND' }), cliOk({ cmd: 'typing', conversationId: 'c1', state: 'BACKGROUND' })]).toEqual([false, false]);
  });
});
