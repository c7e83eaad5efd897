/**
 * Headless mode's engine: every session event becomes one JSON line on `output`; every line on
 * `input` is a command (commands.ts) answered by one result line. Resolves when the input ends or
 * a `quit` command arrives, after the session has stopped.
 *
 * Output lines:
 *   {"type":"event","event":"ring/offered","data":{…}}
 *   {"type":"result","id":"1","cmd":"send","ok":true,"result":{…}}
 *   {"type":"result","id":"2","cmd":"accept","ok":false,"error":{"code":400,"message":"…","location":"…"}}
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { redact, type AgentSession, type LpErrorInfo, type SessionEvents } from '../lp/index';
import { parseCommandLine, runCommand, type Command, type CommandId } from './commands';

const SESSION_EVENTS = {
  connection: true, profile: true, availability: true,
  'ring/offered': true, 'ring/updated': true, 'ring/ended': true,
  'conversation/upsert': true, 'conversation/removed': true,
  message: true, history: true, typing: true, receipt: true, error: true,
} as const satisfies Record<keyof SessionEvents, true>;

export interface HeadlessIo {
  input: Readable;
  output: Writable;
}

function errorInfo(err: unknown): { code: number; message: string; location: string } {
  const e = err as { code?: unknown; message?: unknown; location?: unknown };
  return {
    code: typeof e.code === 'number' ? e.code : 0,
    message: redact(typeof e.message === 'string' ? e.message : String(err)),
    location: typeof e.location === 'string' ? e.location : 'Headless#Command',
  };
}

export interface HeadlessOutcome {
  /** The login was refused (wrong credentials, unknown account): retrying cannot help. */
  authFailed: boolean;
  /** The server's certificate was not accepted, or TLS and plain HTTP were mixed up: retrying cannot help either. */
  tlsFailed?: { kind: NonNullable<LpErrorInfo['kind']>; message: string };
}

export async function runHeadless(session: AgentSession, io: HeadlessIo): Promise<HeadlessOutcome> {
  const write = (obj: unknown): void => {
    io.output.write(`${JSON.stringify(obj)}\n`);
  };
  const unsubscribe = (Object.keys(SESSION_EVENTS) as Array<keyof SessionEvents>).map((event) =>
    session.on(event, (data) => write({ type: 'event', event, data })),
  );

  const pending = new Set<Promise<void>>();
  let quitRequested = false;
  const rl = createInterface({ input: io.input, crlfDelay: Infinity });
  const done = new Promise<void>((resolve) => rl.once('close', resolve));
  let stopping = false;
  let authFailed = false;
  let tlsFailed: HeadlessOutcome['tlsFailed'];
  let lastKinded: HeadlessOutcome['tlsFailed'];
  unsubscribe.push(session.on('error', (e) => {
    lastKinded = e.kind ? { kind: e.kind, message: e.message } : undefined;
  }));
  unsubscribe.push(session.on('connection', (state) => {
    // A refused login is final until the credentials change: end instead of waiting forever.
    if (state.phase === 'auth-failed') {
      authFailed = true;
      rl.close();
    }
    // So is a certificate or TLS failure (the core stops retrying, 'offline'): end, saying what it is.
    if (state.phase === 'offline' && !stopping && lastKinded) {
      tlsFailed = lastKinded;
      rl.close();
    }
  }));

  const answer = (id: CommandId, cmd: Command['cmd'] | undefined, outcome: { ok: true; result: unknown } | { ok: false; error: unknown }): void => {
    write(outcome.ok
      ? { type: 'result', id, cmd, ok: true, result: outcome.result }
      : { type: 'result', id, cmd, ok: false, error: outcome.error });
  };

  rl.on('line', (line) => {
    if (line.trim() === '' || quitRequested) return;
    const parsed = parseCommandLine(line);
    if (!parsed.ok) {
      answer(parsed.id, undefined, { ok: false, error: { code: 400, message: parsed.error, location: 'Headless#Parse' } });
      return;
    }
    const { command } = parsed;
    if (command.cmd === 'quit') {
      quitRequested = true;
      answer(command.id, 'quit', { ok: true, result: null });
      rl.close();
      return;
    }
    const p = runCommand(session, command).then(
      (result) => answer(command.id, command.cmd, { ok: true, result: result ?? null }),
      (err: unknown) => answer(command.id, command.cmd, { ok: false, error: errorInfo(err) }),
    ).finally(() => pending.delete(p));
    pending.add(p);
  });

  await session.start().catch((err: unknown) => write({ type: 'event', event: 'error', data: errorInfo(err) }));
  await done;
  await Promise.allSettled([...pending]);
  stopping = true;
  await session.stop().catch((err: unknown) => write({ type: 'event', event: 'error', data: errorInfo(err) }));
  for (const off of unsubscribe) off();
  return tlsFailed ? { authFailed, tlsFailed } : { authFailed };
}
