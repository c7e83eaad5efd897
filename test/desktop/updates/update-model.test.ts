// The update decisions on a fake clock: when checks are due, what each updater event does to the
// status, problems logged once, and the restart rule (never while a conversation or a ring is open).
import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS, checkStarted, classifyUpdateProblem, FIRST_CHECK_DELAY_MS, initialUpdateModel, isCheckDue, onUpdaterEvent,
  restartDecision, retryDelay, RETRY_DELAYS_MS, type UpdateModel, type UpdaterEvent,
} from '../../../src-main/desktop/updates/update-model';

const T0 = 1_000_000;
const run = (model: UpdateModel, events: Array<[number, UpdaterEvent]>): { model: UpdateModel; logs: string[] } => {
  const logs: string[] = [];
  let m = model;
  for (const [at, e] of events) {
    const step = onUpdaterEvent(m, e, at);
    m = step.model;
    if (step.log) logs.push(step.log);
  }
  return { model: m, logs };
};

describe('update schedule', () => {
  it('first check shortly after start, then every few hours after a successful check', () => {
    const m0 = initialUpdateModel(T0, { on: true });
    expect(isCheckDue(m0, T0)).toBe(false);
    expect(isCheckDue(m0, T0 + FIRST_CHECK_DELAY_MS - 1)).toBe(false);
    expect(isCheckDue(m0, T0 + FIRST_CHECK_DELAY_MS)).toBe(true);
    const checking = checkStarted(m0);
    expect(isCheckDue(checking, T0 + FIRST_CHECK_DELAY_MS + 1)).toBe(false);
    const at = T0 + FIRST_CHECK_DELAY_MS + 500;
    const { model } = run(checking, [[at, { type: 'checking' }], [at + 10, { type: 'not-available', latest: '0.1.0' }]]);
    expect(model.status).toEqual({ state: 'idle', lastCheckedAt: at + 10, latest: '0.1.0' });
    expect(isCheckDue(model, at + 10 + CHECK_INTERVAL_MS - 1)).toBe(false);
    expect(isCheckDue(model, at + 10 + CHECK_INTERVAL_MS)).toBe(true);
  });

  it('off: never due, events change nothing', () => {
    const m = initialUpdateModel(T0, { on: false, reason: 'development' });
    expect(isCheckDue(m, T0 + 10 * CHECK_INTERVAL_MS)).toBe(false);
    expect(onUpdaterEvent(m, { type: 'available', version: '9.0.0' }, T0).model).toBe(m);
  });

  it('a failure is retried sooner, backing off, never later than the regular interval; success resets it', () => {
    expect(RETRY_DELAYS_MS.every((d) => d <= CHECK_INTERVAL_MS)).toBe(true);
    expect(retryDelay(1)).toBe(RETRY_DELAYS_MS[0]);
    expect(retryDelay(2)).toBeGreaterThan(retryDelay(1));
    expect(retryDelay(99)).toBe(RETRY_DELAYS_MS.at(-1));
    let m = initialUpdateModel(T0, { on: true });
    const err: UpdaterEvent = { type: 'error', message: 'net::ERR_CONNECTION_REFUSED' };
    m = run(m, [[T0, { type: 'checking' }], [T0 + 1, err]]).model;
    expect(m.failures).toBe(1);
    expect(m.nextCheckAt).toBe(T0 + 1 + retryDelay(1));
    expect(isCheckDue(m, T0 + 1 + retryDelay(1))).toBe(true);
    m = run(m, [[T0 + 2, { type: 'checking' }], [T0 + 3, err]]).model;
    expect(m.nextCheckAt).toBe(T0 + 3 + retryDelay(2));
    m = run(m, [[T0 + 4, { type: 'checking' }], [T0 + 5, { type: 'not-available', latest: '0.1.0' }]]).model;
    expect(m.failures).toBe(0);
    expect(m.status).not.toHaveProperty('problem');
  });
});

describe('update status', () => {
  it('newer version: checking → downloading with progress → ready; no more checks once ready', () => {
    const { model, logs } = run(initialUpdateModel(T0, { on: true }), [
      [T0, { type: 'checking' }], [T0 + 1, { type: 'available', version: '0.2.0' }],
      [T0 + 2, { type: 'progress', percent: 41.7 }],
    ]);
    expect(model.status).toEqual({ state: 'downloading', version: '0.2.0', percent: 41 });
    const ready = run(model, [[T0 + 3, { type: 'downloaded', version: '0.2.0' }]]);
    expect(ready.model.status).toEqual({ state: 'ready', version: '0.2.0' });
    expect(ready.model.nextCheckAt).toBeNull();
    expect(isCheckDue(ready.model, T0 + 100 * CHECK_INTERVAL_MS)).toBe(false);
    expect([...logs, ...ready.logs].join('\n')).toMatch(/0\.2\.0 found[\s\S]*downloaded and verified/);
    // A late error (e.g. a second check) never takes a verified update away.
    expect(onUpdaterEvent(ready.model, { type: 'error', message: 'ECONNRESET' }, T0 + 4).model.status.state).toBe('ready');
  });

  it('a download that fails keeps the app going: idle with the problem, retried later', () => {
    const { model, logs } = run(initialUpdateModel(T0, { on: true }), [
      [T0, { type: 'checking' }], [T0 + 1, { type: 'available', version: '0.2.0' }],
      [T0 + 2, { type: 'error', code: 'ERR_CHECKSUM_MISMATCH', message: 'sha512 checksum mismatch, expected x, got y' }],
    ]);
    expect(model.status).toEqual({ state: 'idle', problem: { kind: 'checksum' } });
    expect(model.nextCheckAt).toBe(T0 + 2 + retryDelay(1));
    expect(logs.at(-1)).toMatch(/update problem: .*sha512.*ERR_CHECKSUM_MISMATCH/);
  });

  it('the same problem is logged once, a different one again; the problem stays shown while checking', () => {
    const err: UpdaterEvent = { type: 'error', message: 'connect ECONNREFUSED 127.0.0.1:9' };
    const { model, logs } = run(initialUpdateModel(T0, { on: true }), [
      [T0, { type: 'checking' }], [T0 + 1, err], [T0 + 2, { type: 'checking' }], [T0 + 3, err], [T0 + 4, { type: 'checking' }],
    ]);
    expect(logs.filter((l) => l.startsWith('update problem'))).toHaveLength(1);
    expect(model.status).toEqual({ state: 'checking', problem: { kind: 'unreachable' } });
    const other = run(model, [[T0 + 5, { type: 'error', message: 'HttpError: 404 Not Found' }]]);
    expect(other.logs).toEqual([expect.stringMatching(/HTTP 404/)]);
  });

  it('an updater that is inactive for this installation turns updates off (no more checks)', () => {
    const { model, logs } = run(initialUpdateModel(T0, { on: true }), [[T0, { type: 'inactive' }]]);
    expect(model.status).toMatchObject({ state: 'off' });
    expect(isCheckDue(model, T0 + 10 * CHECK_INTERVAL_MS)).toBe(false);
    expect(logs).toEqual(['updates off: electron-updater is inactive for this installation']);
  });

  it('classifies the failures electron-updater reports', () => {
    expect(classifyUpdateProblem({ message: 'YAMLException: end of the stream or a document separator is expected' })).toEqual({ kind: 'invalid-feed' });
    expect(classifyUpdateProblem({ code: 'ERR_UPDATER_INVALID_UPDATE_INFO', message: 'Cannot parse update info' })).toEqual({ kind: 'invalid-feed' });
    expect(classifyUpdateProblem({ code: 'ERR_UPDATER_INVALID_SIGNATURE', message: 'New version 0.3.0 is not signed by the application owner' })).toEqual({ kind: 'signature' });
    expect(classifyUpdateProblem({ message: 'HttpError: 503 Service Unavailable\n"method: GET url: …"' })).toEqual({ kind: 'http', status: '503' });
    expect(classifyUpdateProblem({ message: '502 Bad Gateway\nmethod: GET url: https://u.example/latest.yml' })).toEqual({ kind: 'http', status: '502' });
    expect(classifyUpdateProblem({ code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND', message: 'Cannot find channel "latest.yml" update info: HttpError: 404' })).toEqual({ kind: 'no-channel' });
    expect(classifyUpdateProblem({ message: 'getaddrinfo ENOTFOUND updates.corp.example' })).toEqual({ kind: 'unreachable' });
    expect(classifyUpdateProblem({ message: 'something odd\nat stack' })).toEqual({ kind: 'other', message: 'something odd' });
  });
});

describe('restartDecision', () => {
  const ready = run(initialUpdateModel(T0, { on: true }), [[T0, { type: 'checking' }], [T0, { type: 'available', version: '0.2.0' }], [T0, { type: 'downloaded', version: '0.2.0' }]]).model;
  it('restarts only with a ready update, no open conversation and no waiting ring', () => {
    expect(restartDecision(ready, { openConversations: 0, waitingRings: 0 })).toEqual({ restarting: true });
    expect(restartDecision(ready, { openConversations: 2, waitingRings: 0 })).toEqual({ restarting: false, reason: 'conversations-open', count: 2 });
    expect(restartDecision(ready, { openConversations: 0, waitingRings: 1 })).toMatchObject({ restarting: false, reason: 'ring-waiting' });
    expect(restartDecision(initialUpdateModel(T0, { on: true }), { openConversations: 0, waitingRings: 0 })).toMatchObject({ restarting: false, reason: 'no-update' });
  });
});
