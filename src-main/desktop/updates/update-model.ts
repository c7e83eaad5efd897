/**
 * The update decisions as data (no Electron, no electron-updater, no timers): when to check, what an
 * updater event means for the status the window shows, which problem is new enough to log, and when
 * a restart is allowed. updater.ts applies them; test/desktop/updates/update-model.test.ts drives
 * them on a fake clock.
 *
 * - Checks: the first FIRST_CHECK_DELAY_MS after start (start-up stays quick), then every
 *   CHECK_INTERVAL_MS. A failed check or download is retried sooner: RETRY_DELAYS_MS by failure
 *   count, never later than the regular interval. No check while one runs, while downloading, or
 *   once an update is ready (it installs on quit).
 * - Restart: only when an update is ready, no conversation is open and no ring waits. The app never
 *   restarts by itself; "Restart to update" asks this first, and otherwise the update installs when
 *   the app quits (electron-updater's autoInstallOnAppQuit).
 * - Problems (feed unreachable, a corrupt latest.yml, a sha512 mismatch…) are classified (the window
 *   puts the kind in words, in its language), logged once per distinct problem (the same failure
 *   every few hours is one log line), kept in the status (Diagnostics shows it) until a check
 *   succeeds; the app carries on.
 */
import type { UpdateOffReason, UpdateProblem, UpdateRestartResult, UpdateStatus } from '../../../src-preload/api';

export const FIRST_CHECK_DELAY_MS = 30_000;
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

/** What electron-updater reported, reduced to what the decisions need. */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available'; latest: string }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; code?: string; message: string }
  /** checkForUpdates answered null: electron-updater is inactive for this installation (not packaged, an unpacked folder, a snap…). */
  | { type: 'inactive' };

export interface UpdateModel {
  status: UpdateStatus;
  /** When the next check is due (ms since epoch); null: none (off, busy or ready). */
  nextCheckAt: number | null;
  /** Failed checks/downloads in a row (the retry delay grows with it). */
  failures: number;
  /** The last problem logged (JSON), so the same one is not logged again. */
  lastProblem?: string;
}

/** What the adapter should do after an event: the new model and, maybe, one line for the log. */
export interface ModelStep {
  model: UpdateModel;
  log?: string;
}

export function initialUpdateModel(now: number, feed: { on: true } | { on: false; reason: UpdateOffReason }): UpdateModel {
  if (!feed.on) return { status: { state: 'off', reason: feed.reason }, nextCheckAt: null, failures: 0 };
  return { status: { state: 'idle' }, nextCheckAt: now + FIRST_CHECK_DELAY_MS, failures: 0 };
}

export function isCheckDue(model: UpdateModel, now: number): boolean {
  return model.nextCheckAt !== null && now >= model.nextCheckAt && model.status.state === 'idle';
}

/** The delay before the next try after `failures` failures in a row. */
export function retryDelay(failures: number): number {
  const i = Math.min(Math.max(failures, 1), RETRY_DELAYS_MS.length) - 1;
  return Math.min(RETRY_DELAYS_MS[i] ?? CHECK_INTERVAL_MS, CHECK_INTERVAL_MS);
}

/** What kind of problem an updater error is (the window says it in words). */
export function classifyUpdateProblem(err: { code?: string; message: string }): UpdateProblem {
  const m = err.message;
  if (err.code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch/i.test(m)) return { kind: 'checksum' };
  if (err.code === 'ERR_UPDATER_INVALID_SIGNATURE' || /is not signed by the application owner/i.test(m)) return { kind: 'signature' };
  if (err.code === 'ERR_UPDATER_INVALID_UPDATE_INFO' || err.code === 'ERR_UPDATER_INVALID_VERSION' || /YAMLException|Cannot parse update info/i.test(m)) return { kind: 'invalid-feed' };
  if (err.code === 'ERR_UPDATER_NO_FILE_FOUND' || /Cannot find .* in the latest release artifacts|No files provided/i.test(m)) return { kind: 'no-file' };
  if (err.code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') return { kind: 'no-channel' };
  // builder-util-runtime's HttpError message starts with the status ("503 Service Unavailable"); a failed download says "status 500".
  const status = /^(\d{3}) /.exec(m)?.[1] ?? /HttpError: (\d{3})/.exec(m)?.[1] ?? /status(?:Code)?[ :=]+(\d{3})/i.exec(m)?.[1];
  if (status !== undefined) return { kind: 'http', status };
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|socket hang up|net::ERR_|aborted/i.test(m)) return { kind: 'unreachable' };
  return { kind: 'other', message: m.split('\n')[0]?.slice(0, 200) ?? m };
}

/** A problem in English, for the log (the window uses the catalogue). */
export function problemForLog(p: UpdateProblem): string {
  switch (p.kind) {
    case 'checksum': return 'the downloaded update did not match its published sha512 and was discarded';
    case 'signature': return 'the downloaded update is not signed by the expected publisher and was discarded';
    case 'invalid-feed': return 'the feed answered with a file that is not valid update information';
    case 'no-file': return 'the feed lists no file for this platform';
    case 'no-channel': return 'the feed has no update information for this platform (404)';
    case 'unreachable': return 'the feed could not be reached, or the connection was lost';
    case 'http': return `the feed answered HTTP ${p.status}`;
    case 'other': return `checking for updates failed: ${p.message}`;
  }
}

const problemOf = (s: UpdateStatus): UpdateProblem | undefined => (s.state === 'off' || s.state === 'ready' ? undefined : s.problem);
const withProblem = <S extends UpdateStatus>(s: S, problem: UpdateProblem | undefined): S => (problem === undefined ? s : { ...s, problem });

export function onUpdaterEvent(model: UpdateModel, event: UpdaterEvent, now: number): ModelStep {
  const { status } = model;
  if (status.state === 'off') return { model };
  const problem = problemOf(status);
  switch (event.type) {
    case 'inactive':
      return { model: { status: { state: 'off', reason: 'inactive' }, nextCheckAt: null, failures: 0 }, log: 'updates off: electron-updater is inactive for this installation' };
    case 'checking':
      if (status.state === 'ready' || status.state === 'downloading') return { model };
      return { model: { ...model, status: withProblem({ state: 'checking' }, problem), nextCheckAt: null } };
    case 'available':
      return { model: { ...model, status: withProblem({ state: 'downloading', version: event.version, percent: 0 }, problem), nextCheckAt: null }, log: `update ${event.version} found; downloading in the background` };
    case 'progress':
      if (status.state !== 'downloading') return { model };
      return { model: { ...model, status: { ...status, percent: Math.max(0, Math.min(100, Math.floor(event.percent))) } } };
    case 'not-available':
      return {
        model: { status: { state: 'idle', lastCheckedAt: now, latest: event.latest }, failures: 0, nextCheckAt: now + CHECK_INTERVAL_MS },
        log: `no update: the feed's latest version is ${event.latest}`,
      };
    case 'downloaded':
      return {
        model: { status: { state: 'ready', version: event.version }, failures: 0, nextCheckAt: null },
        log: `update ${event.version} downloaded and verified (sha512); offered as "Restart to update", installed on quit otherwise`,
      };
    case 'error': {
      if (status.state === 'ready') return { model }; // a verified update stays ready
      const found = classifyUpdateProblem(event);
      const key = JSON.stringify(found);
      const failures = model.failures + 1;
      const next: UpdateModel = {
        status: { state: 'idle', ...(status.state === 'idle' && status.lastCheckedAt !== undefined ? { lastCheckedAt: status.lastCheckedAt } : {}), problem: found },
        failures, nextCheckAt: now + retryDelay(failures), lastProblem: key,
      };
      return key === model.lastProblem ? { model: next } : { model: next, log: `update problem: ${problemForLog(found)} (${event.code ?? 'no code'}: ${event.message.split('\n')[0] ?? ''})` };
    }
  }
}

/** A check was started by the adapter (so no second one is due meanwhile). */
export function checkStarted(model: UpdateModel): UpdateModel {
  return model.status.state === 'idle' ? { ...model, nextCheckAt: null } : model;
}

export interface Busy {
  openConversations: number;
  waitingRings: number;
}

/** Whether "Restart to update" may restart now. Never while a conversation is open or a ring waits. */
export function restartDecision(model: UpdateModel, busy: Busy): UpdateRestartResult {
  if (model.status.state !== 'ready') return { restarting: false, reason: 'no-update' };
  if (busy.openConversations > 0) return { restarting: false, reason: 'conversations-open', count: busy.openConversations };
  if (busy.waitingRings > 0) return { restarting: false, reason: 'ring-waiting' };
  return { restarting: true };
}
