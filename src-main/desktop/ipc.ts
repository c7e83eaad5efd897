/**
 * The one way main answers the renderer: `handle(name, handler)` registers `lp:req:<name>` so that
 * (1) the sender frame must be our own page, (2) the argument must parse with the contract's zod
 * schema — both before the handler runs — and (3) any failure reaches the renderer as an Error
 * whose message is `code|location|message`, redacted. Nothing unchecked reaches the core.
 */
import type { z } from 'zod';
import { requestChannel, type IpcErrorShape, type RequestName, type RequestResult, type RequestSchema } from '../../src-preload/api';
import { requestSchemas } from '../../src-preload/request-schemas';
import type { Logger } from '../lp/index';

/** What a handler receives: the parsed (defaults applied) argument. */
export type RequestInput<N extends RequestName> = z.output<RequestSchema<N>>;
export type RequestHandler<N extends RequestName> = (args: RequestInput<N>) => Promise<RequestResult<N>> | RequestResult<N>;

export interface InvokeEventLike {
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * Where our renderer is allowed to live: the app protocol's origin (`app://lp`, app-protocol.ts), and
 * in development a dev server origin. Compared by scheme and host, never by a file path: a file://
 * URL differs from `pathToFileURL` on Windows (drive-letter case, `%` kept literally) — issue 16.8.
 */
export interface TrustedRenderer {
  appOrigin: string;
  devOrigin?: string;
}

export function isTrustedSender(url: string | undefined, trusted: TrustedRenderer): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const app = new URL(trusted.appOrigin);
  // Custom schemes have an opaque `origin` in WHATWG URL terms: compare scheme and host.
  if (parsed.protocol === app.protocol) return parsed.host.toLowerCase() === app.host.toLowerCase() && parsed.username === '' && parsed.password === '';
  return trusted.devOrigin !== undefined && /^https?:$/.test(parsed.protocol) && parsed.origin === new URL(trusted.devOrigin).origin;
}

/** The error shape of anything thrown (LpError-like objects keep code and location). */
export function toErrorShape(err: unknown, fallbackLocation: string): IpcErrorShape {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown; location?: unknown };
  return {
    code: typeof e.code === 'number' ? e.code : 0,
    location: typeof e.location === 'string' && e.location !== '' ? e.location : fallbackLocation,
    message: typeof e.message === 'string' ? e.message : String(err),
  };
}

/** `code|location|message`, with `|` and newlines in the parts flattened so the renderer can split it. */
export function serialiseError(shape: IpcErrorShape, redact: (s: string) => string): string {
  const clean = (s: string): string => redact(s).replace(/\s*[|\r\n]+\s*/g, ' ').trim();
  return `${shape.code}|${clean(shape.location)}|${clean(shape.message)}`;
}

/** Parse `code|location|message` back (the renderer does the same). */
export function parseSerialisedError(message: string): IpcErrorShape | undefined {
  const m = /^(-?\d+)\|([^|]*)\|([\s\S]*)$/.exec(message);
  return m ? { code: Number(m[1]), location: m[2] ?? '', message: m[3] ?? '' } : undefined;
}

/**
 * What a failed request throws. Electron logs every rejected `ipcMain.handle` with console.error of
 * the whole object, so it holds only redacted text: the message and `shape` are both redacted, and
 * neither the original error nor its fields are kept.
 */
export class IpcRequestError extends Error {
  readonly shape: IpcErrorShape;

  constructor(shape: IpcErrorShape, redact: (s: string) => string) {
    const message = serialiseError(shape, redact);
    super(message);
    this.name = 'IpcRequestError';
    this.shape = parseSerialisedError(message) ?? { code: shape.code, location: '', message: '' };
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.length > 0 ? i.path.join('.') : '(argument)'}: ${i.message}`).join('; ');
}

export interface IpcRegistry {
  handle<N extends RequestName>(name: N, handler: RequestHandler<N>): void;
  /** Removes every handler registered here (quit, tests). */
  dispose(): void;
}

export function createIpcRegistry(deps: {
  ipcMain: IpcMainLike;
  trusted: TrustedRenderer;
  redact: (s: string) => string;
  logger: Logger;
}): IpcRegistry {
  const channels: string[] = [];
  return {
    handle(name, handler) {
      const channel = requestChannel(name);
      const schema: z.ZodType = requestSchemas[name];
      deps.ipcMain.handle(channel, async (event, ...args) => {
        const location = `IPC#${name}`;
        if (!isTrustedSender(event.senderFrame?.url, deps.trusted)) {
          deps.logger.log('warn', `${location}: rejected a call from ${event.senderFrame?.url ?? 'an unknown frame'}`);
          // eslint-disable-next-line no-restricted-syntax -- a contract violation (foreign frame, broken call), never an agent's error: not catalogue text
          throw new IpcRequestError({ code: 403, location, message: `${name} rejected: the sender is not the app window` }, deps.redact);
        }
        if (args.length > 1) {
          // eslint-disable-next-line no-restricted-syntax -- a contract violation (foreign frame, broken call), never an agent's error: not catalogue text
          throw new IpcRequestError({ code: 400, location, message: `${name}: invalid argument: expected at most one argument` }, deps.redact);
        }
        // No request takes null; a serialiser that turns a missing argument into null must not fail the call.
        const parsed = schema.safeParse(args[0] === null ? undefined : args[0]);
        if (!parsed.success) {
          // eslint-disable-next-line no-restricted-syntax -- a contract violation (foreign frame, broken call), never an agent's error: not catalogue text
          throw new IpcRequestError({ code: 400, location, message: `${name}: invalid argument: ${describeIssues(parsed.error)}` }, deps.redact);
        }
        try {
          return await (handler as (a: unknown) => unknown)(parsed.data);
        } catch (err) {
          if (err instanceof IpcRequestError) throw err;
          const shape = toErrorShape(err, location);
          deps.logger.log('warn', `${location} failed: ${shape.code} ${shape.location} ${shape.message}`);
          throw new IpcRequestError(shape, deps.redact);
        }
      });
      channels.push(channel);
    },
    dispose() {
      for (const c of channels.splice(0)) deps.ipcMain.removeHandler(c);
    },
  };
}
