/**
 * Fault injection over HTTP, for people testing their own bots against the simulator (the in-process
 * SimFaults of api.ts, with JSON bodies). Behind the guard of sim-http.ts. Every route is a POST:
 *   /sim/faults/drop-sockets     {username?, code?, reason?}  → 200 {sockets}: without code the sockets are cut
 *                                                               (no close frame: the client sees 1006); with code
 *                                                               (1000–1014 or 3000–4999) they get that close frame
 *   /sim/faults/expire-tokens    {username?, closeCode?}      → 204: bearers invalid, sockets closed (default 4401)
 *   /sim/faults/refuse-upgrades  {count, status?}             → 204: the next `count` socket upgrades fail (default 502)
 *   /sim/faults/refuse-logins    {count, status?}             → 204: the next `count` logins fail (401 | 500 | 503, default 401)
 *   /sim/faults/fail-refresh     {count, status?}             → 204: the next `count` refreshes fail (401 | 500 | 503, default 401)
 *   /sim/faults/delay-logins     {ms}                         → 204: every login waits `ms` (0 = off)
 *   /sim/faults/delay-responses  {ms, type?}                  → 204: socket responses wait `ms` (0 = off)
 *   /sim/faults/drop-responses   {count, type?}               → 204: the next `count` responses are never sent
 *                                                               (the request IS applied: "response lost")
 *   /sim/faults/send-raw         {frame, username?}           → 200 {sockets}: a raw text frame (malformed JSON,
 *                                                               unknown types, …) to the matching agent sockets
 *   /sim/faults/reset                                         → 204: every pending fault cleared
 * `type` matches a request type exactly or by its ending (".GetClock" matches "GetClock"); absent = all.
 * Errors: 400 {error} for a bad body, 404 for an unknown fault.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimFaults } from './api';
import { parseJsonObject, readBody, sendEmpty, sendJson } from './http-util';

const PATH = /^\/sim\/faults\/([a-z-]+)$/;

class BadBody extends Error {}

type Body = Record<string, unknown>;

function int(body: Body, key: string, min: number, max: number, fallback?: number): number {
  const v = body[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new BadBody(`${key} must be an integer from ${min} to ${max}`);
  return v;
}

function str(body: Body, key: string): string | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new BadBody(`${key} must be a string`);
  return v;
}

function loginStatus(body: Body): 401 | 500 | 503 {
  const s = int(body, 'status', 401, 503, 401);
  if (s !== 401 && s !== 500 && s !== 503) throw new BadBody('status must be 401, 500 or 503');
  return s;
}

function closeCode(body: Body, key: string): number | undefined {
  if (body[key] === undefined) return undefined;
  const c = int(body, key, 1000, 4999);
  if ((c >= 1004 && c <= 1006) || (c > 1014 && c < 3000)) throw new BadBody(`${key} must be 1000–1003, 1007–1014 or 3000–4999 (a code a close frame may carry)`);
  return c;
}

function typeMatch(body: Body): ((type: string) => boolean) | undefined {
  const t = str(body, 'type');
  if (t === undefined || t === '') return undefined;
  const bare = t.replace(/^\.+/, '');
  return (type) => type === t || type.replace(/^\.+/, '').endsWith(bare);
}

const filter = (body: Body): { username?: string } => {
  const username = str(body, 'username');
  return username ? { username } : {};
};

/** Applies one fault: a JSON result (200) or nothing (204). */
function apply(faults: SimFaults, name: string, body: Body): { sockets: number } | null | 'unknown' {
  switch (name) {
    case 'drop-sockets': {
      const code = closeCode(body, 'code');
      return { sockets: code === undefined ? faults.dropSockets(filter(body)) : faults.closeSockets(code, str(body, 'reason') ?? '', filter(body)) };
    }
    case 'expire-tokens': {
      const code = closeCode(body, 'closeCode');
      faults.expireTokens({ ...filter(body), ...(code === undefined ? {} : { closeCode: code }) });
      return null;
    }
    case 'refuse-upgrades': faults.refuseUpgrades(int(body, 'count', 0, 1_000_000), int(body, 'status', 400, 599, 502)); return null;
    case 'refuse-logins': faults.refuseLogins(int(body, 'count', 0, 1_000_000), loginStatus(body)); return null;
    case 'fail-refresh': faults.failRefresh(int(body, 'count', 0, 1_000_000), loginStatus(body)); return null;
    case 'delay-logins': faults.delayLogins(int(body, 'ms', 0, 600_000)); return null;
    case 'delay-responses': faults.delayResponses(int(body, 'ms', 0, 600_000), typeMatch(body)); return null;
    case 'drop-responses': faults.dropResponses(int(body, 'count', 0, 1_000_000), typeMatch(body)); return null;
    case 'send-raw': {
      const frame = str(body, 'frame');
      if (frame === undefined) throw new BadBody('frame must be a string');
      return { sockets: faults.sendRaw(frame, filter(body)) };
    }
    case 'reset': faults.reset(); return null;
    default: return 'unknown';
  }
}

async function handle(faults: SimFaults, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readBody(req);
  const body = text.trim() === '' ? {} : parseJsonObject(text);
  if (body === null) { sendJson(res, 400, { error: 'body must be a JSON object' }); return; }
  try {
    const result = apply(faults, name, body);
    if (result === 'unknown') sendJson(res, 404, { error: `unknown fault ${name}` });
    else if (result === null) sendEmpty(res, 204);
    else sendJson(res, 200, result);
  } catch (e) {
    if (e instanceof BadBody) { sendJson(res, 400, { error: e.message }); return; }
    throw e;
  }
}

export function handleFaultHttp(faults: SimFaults, method: string, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  const m = PATH.exec(path);
  if (!m?.[1]) return false;
  if (method !== 'POST') { sendJson(res, 405, { error: 'method not allowed' }); return true; }
  handle(faults, m[1], req, res).catch((e: unknown) => {
    if (!res.headersSent) sendJson(res, 500, { error: e instanceof Error ? e.message : 'internal error' });
  });
  return true;
}
