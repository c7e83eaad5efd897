/**
 * UMS frames at the edge (lp-protocol.md §5): zod schemas for `resp`, `notification` and `req`
 * frames, tolerant of unknown fields; short type aliases normalised to the `.ams.` forms; a helper
 * for "a single-element array may be sent as the bare element". parseFrame never throws.
 */
import { z } from 'zod';
import type { UmsNotification } from './ums';

const PREFIXES: Array<[string, string]> = [
  ['routing.', '.ams.routing.'],
  ['cqm.', '.ams.aam.'],
  ['aam.', '.ams.aam.'],
  ['ms.', '.ams.ms.'],
  ['cm.', '.ams.cm.'],
  ['userprofile.', '.ams.userprofile.'],
  ['ams.', '.ams.'],
];

/**
 * `routing.X` → `.ams.routing.X`, `cqm.X`/`aam.X` → `.ams.aam.X`, `ms.X` → `.ams.ms.X`,
 * `cm.X` → `.ams.cm.X`, `userprofile.X` → `.ams.userprofile.X`, `GetClock` → `.GetClock`
 * (any dot-less name gets the leading dot). Dotted names and unknown prefixes are kept as they are.
 */
export function normaliseType(type: string): string {
  if (type.startsWith('.')) return type;
  for (const [short, full] of PREFIXES) {
    if (type.startsWith(short)) return full + type.slice(short.length);
  }
  if (!type.includes('.')) return `.${type}`;
  return type;
}

/** A bare element where a (single-element) array is expected → [element]; undefined/null → []. */
export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** zod: an array of `item`, also accepting the bare element (§5); undefined/null → []. */
export function arrayOrOne<S extends z.ZodType>(item: S) {
  return z.preprocess(asArray, z.array(item));
}

/** zod: an id sent as a string or a number → string. */
export const idString = z.union([z.string(), z.number()]).transform((v) => String(v));
const id = idString;

const respSchema = z.looseObject({
  kind: z.literal('resp'),
  reqId: id,
  code: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  type: z.string().optional(),
  body: z.unknown().optional(),
});

const notificationSchema = z.looseObject({
  kind: z.literal('notification'),
  type: z.string().min(1),
  body: z.unknown().optional(),
});

const reqSchema = z.looseObject({
  kind: z.literal('req'),
  id: id.optional(),
  type: z.string().min(1),
  body: z.unknown().optional(),
});

interface RespFrame { kind: 'resp'; reqId: string; code: number; type?: string; body: unknown }
/** Shaped as the UmsNotification the socket hands up (type, body, frame): it is handed up as it is, no copy per frame. */
interface NotificationFrame extends UmsNotification { kind: 'notification' }
interface ReqFrame { kind: 'req'; id?: string; type: string; body: unknown }
export type Frame = RespFrame | NotificationFrame | ReqFrame;
/** A frame that could not be read: why, without its content. */
export interface MalformedFrame { kind: 'malformed'; reason: string }

/** What parseFrame returns: the frame itself (no wrapper per frame on the hot path), or why it was refused. */
export type ParsedFrame = Frame | MalformedFrame;

const malformed = (reason: string): MalformedFrame => ({ kind: 'malformed', reason });

/** Redaction-safe description of a raw frame (never its content): length and the class of its first byte. */
function frameSummary(raw: unknown): string {
  if (typeof raw !== 'string') {
    const len = raw instanceof ArrayBuffer ? raw.byteLength : Buffer.isBuffer(raw) ? raw.length : Array.isArray(raw) ? raw.length : 0;
    return `binary frame, ${len} bytes`;
  }
  const first = raw.trimStart().charAt(0);
  const cls = first === '' ? 'empty' : first === '{' ? 'object' : first === '[' ? 'array' : first === '"' ? 'string' : /[0-9-]/.test(first) ? 'number' : /[a-z]/i.test(first) ? 'letters' : 'other';
  return `${raw.length} chars, starts with ${cls}`;
}

/** Parses one text frame. Never throws. */
export function parseFrame(raw: string): ParsedFrame {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return malformed(`not JSON (${frameSummary(raw)})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return malformed(`not an object (${frameSummary(raw)})`);
  const obj = data as Record<string, unknown>;
  // Fast path (every notification; inline, no further call): a well-formed notification frame needs no schema.
  const type = obj.type;
  if (obj.kind === 'notification' && typeof type === 'string' && type !== '') {
    return { kind: 'notification', type: type.charCodeAt(0) === 46 /* '.' */ ? type : normaliseType(type), body: obj.body, frame: obj };
  }
  return parseFrameObject(obj);
}

/** Parses an already decoded frame object (any but a well-formed notification). Never throws. */
function parseFrameObject(obj: Record<string, unknown>): ParsedFrame {
  try {
    // Tolerance: a frame without `kind` is a response when it has reqId, else a notification when typed.
    let kind = obj.kind;
    if (kind === undefined) kind = obj.reqId !== undefined ? 'resp' : obj.type !== undefined ? 'notification' : undefined;
    const candidate = kind === obj.kind ? obj : { ...obj, kind };
    switch (kind) {
      case 'resp': {
        const r = respSchema.safeParse(candidate);
        if (!r.success) return malformed('bad resp frame');
        return { kind: 'resp', reqId: r.data.reqId, code: r.data.code, ...(r.data.type !== undefined ? { type: r.data.type } : {}), body: r.data.body };
      }
      case 'notification': {
        const r = notificationSchema.safeParse(candidate);
        if (!r.success) return malformed('bad notification frame');
        return { kind: 'notification', type: normaliseType(r.data.type), body: r.data.body, frame: obj };
      }
      case 'req': {
        const r = reqSchema.safeParse(candidate);
        if (!r.success) return malformed('bad req frame');
        return { kind: 'req', ...(r.data.id !== undefined ? { id: r.data.id } : {}), type: normaliseType(r.data.type), body: r.data.body };
      }
      default:
        return malformed(`unknown frame kind ${typeof kind === 'string' ? JSON.stringify(kind.slice(0, 32)) : typeof kind}`);
    }
  } catch (err) {
    return malformed(`frame parse error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The wire text of a request frame (type normalised to the `.ams.` form). */
export function encodeRequest(req: { id: string; type: string; body: unknown; metadata?: unknown[] }): string {
  return JSON.stringify({
    kind: 'req',
    id: req.id,
    type: normaliseType(req.type),
    body: req.body === undefined ? {} : req.body,
    ...(req.metadata && req.metadata.length > 0 ? { metadata: req.metadata } : {}),
  });
}

/** Body text of an error response (string bodies as they are, others JSON, cut to 200 chars). */
export function bodyText(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 200);
  if (body === undefined || body === null) return '';
  try {
    return JSON.stringify(body).slice(0, 200);
  } catch {
    return String(body).slice(0, 200);
  }
}
