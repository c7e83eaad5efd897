/**
 * Raw UMS notification / response schemas (lp-protocol.md §6, §7, §13) and their parsers.
 * Tolerant by design: unknown fields and enum values pass, a bare object where an array is
 * expected is read as a one-element array (§5), ids may arrive as numbers. A parser returns
 * `{ ok: false, error }` instead of throwing, so a bad notification can be logged and ignored.
 */
import { z } from 'zod';
import { arrayOrOne as arrayOf, idString as id } from './frames';
const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

// ---------- routing (§7 RoutingTaskNotification) ----------

const rawRingSchema = z.looseObject({
  ringId: id,
  ringState: z.string(),
  ringExpiration: num.optional(),
  ringExpirationTs: num.optional(),
  convId: id.optional(),
  consumerId: id.optional(),
  skillId: id.optional(),
  brandId: id.optional(),
  /** Not in the reference; some servers name the ringed agent. Used only to filter out others' rings. */
  agentId: id.optional(),
  agentUserId: id.optional(),
});
export type RawRing = z.infer<typeof rawRingSchema>;

const rawRoutingTaskSchema = z.looseObject({
  routingTaskId: id.optional(),
  taskCompleted: z.boolean().optional(),
  conversationId: id.optional(),
  consumerId: id.optional(),
  skillId: id.optional(),
  brandId: id.optional(),
  assignedAgentId: id.optional(),
  ringsDetails: arrayOf(rawRingSchema),
});
export type RawRoutingTask = z.infer<typeof rawRoutingTaskSchema>;

/** A notification with `changes` (routing, conversations, agent state), each change of the given shape. */
function withChanges<S extends z.ZodType>(change: S) {
  return z.looseObject({ subscriptionId: z.string().optional(), changes: arrayOf(change) });
}

/**
 * The envelope alone (changes unparsed): the session parses each change on its own, so one
 * malformed change does not hide the others of the same notification.
 */
export const changesEnvelopeSchema = withChanges(z.unknown());

export const rawRoutingChangeSchema = z.looseObject({ type: z.string(), result: rawRoutingTaskSchema });
export type RawRoutingChange = z.infer<typeof rawRoutingChangeSchema>;
export const routingNotificationSchema = withChanges(rawRoutingChangeSchema);

// ---------- conversations (§7 ExConversationChangeNotification) ----------

const roleMap = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}),
  z.record(z.string(), arrayOf(id)),
);

const rawDialogSchema = z.looseObject({
  dialogId: id,
  dialogType: z.string().optional(),
  channelType: z.string().optional(),
  state: z.string().optional(),
  participantsDetails: arrayOf(z.looseObject({ id: id, role: z.string(), state: z.string().optional() })),
  creationTs: num.optional(),
  endTs: num.optional(),
});

const rawConversationDetailsSchema = z.looseObject({
  convId: id.optional(),
  skillId: id.optional(),
  brandId: id.optional(),
  participants: roleMap,
  participantsPId: roleMap.optional(),
  dialogs: arrayOf(rawDialogSchema),
  state: z.string().optional(),
  stage: z.string().optional(),
  startTs: num.optional(),
  endTs: num.optional(),
  closeReason: z.string().optional(),
  metaDataLastUpdateTs: num.optional(),
  /** §7 time to respond: `{ttrType, value}` (seconds). Tolerated when malformed (read as absent). */
  ttr: z.unknown().optional(),
});

export const rawConversationChangeSchema = z.looseObject({
  type: z.string(),
  result: z.looseObject({
    convId: id.optional(),
    lastUpdateTime: num.optional(),
    /** §7: epoch ms by which the agent should answer; -1 = none. Tolerated when malformed (read as absent). */
    effectiveTTR: z.unknown().optional(),
    numberOfunreadMessages: z.preprocess(
      (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}),
      z.record(z.string(), z.unknown()),
    ).optional(),
    conversationDetails: rawConversationDetailsSchema.optional(),
    lastContentEventNotification: z.unknown().optional(),
  }),
});
export type RawConversationChange = z.infer<typeof rawConversationChangeSchema>;

export const conversationNotificationSchema = withChanges(rawConversationChangeSchema);

// ---------- messaging (§7 OnlineEventDistribution, §6 QueryMessages) ----------

const rawEventSchema = z.looseObject({ type: z.string() });

export const rawMessagingEventSchema = z.looseObject({
  sequence: num.optional(),
  dialogId: id.optional(),
  originatorId: id.optional(),
  originatorPId: id.optional(),
  serverTimestamp: num.optional(),
  originatorMetadata: z.looseObject({ id: id.optional(), role: z.string().optional() }).optional(),
  event: rawEventSchema,
  metadata: arrayOf(z.unknown()).optional(),
  /**
   * ALL (default) or AGENTS_AND_MANAGERS (a private message; §6 PublishEvent `messageAudience`).
   * Any value is taken (a mistyped one reads as ALL): the message itself must never be lost over it.
   */
  messageAudience: z.unknown().optional(),
});
export type RawMessagingEvent = z.infer<typeof rawMessagingEventSchema>;

const optional = (v: unknown, type: 'string' | 'number'): boolean =>
  v === undefined || (type === 'string' ? typeof v === 'string' : typeof v === 'number' && Number.isFinite(v));

/**
 * The hot path (one call per message): a messaging event that already has the exact shape the
 * schema produces (ids as strings, numbers as numbers, arrays as arrays) is taken as it is, with no
 * copy and no wrapper; anything else goes through `rawMessagingEventSchema` (ids as numbers, bare
 * metadata, numeric strings…), so tolerance and errors are the schema's. Returns the event, or
 * the schema's error (a string: an event is always an object). Never throws.
 */
export function readMessagingEventBody(input: unknown): RawMessagingEvent | string {
  if (isRecord(input)) {
    const o = input;
    const om = o.originatorMetadata;
    if (
      isRecord(o.event) && typeof o.event.type === 'string'
      && optional(o.sequence, 'number') && optional(o.serverTimestamp, 'number')
      && optional(o.dialogId, 'string') && optional(o.originatorId, 'string') && optional(o.originatorPId, 'string')
      && (om === undefined || (isRecord(om) && optional(om.id, 'string') && optional(om.role, 'string')))
      && (o.metadata === undefined || Array.isArray(o.metadata))
    ) {
      return o as RawMessagingEvent;
    }
  }
  const r = parseWith(rawMessagingEventSchema, input);
  return r.ok ? r.value : r.error;
}

/** readMessagingEventBody as a Parsed result (history answers, tests). Never throws. */
export function parseMessagingEvent(input: unknown): Parsed<RawMessagingEvent> {
  const r = readMessagingEventBody(input);
  return typeof r === 'string' ? { ok: false, error: r } : { ok: true, value: r };
}

/** QueryMessages response: an array of past events (tolerating a bare object). */
export const queryMessagesResponseSchema = arrayOf(z.unknown());

// ---------- agent state (§7 AgentStateNotification) ----------

export const agentStateNotificationSchema = withChanges(z.looseObject({
  type: z.string(),
  result: z.looseObject({ agentUserId: id.optional(), availability: z.string().optional() }),
}));
export type AgentStateNotification = z.infer<typeof agentStateNotificationSchema>;

// ---------- consumer profile (§6 GetUserProfile) ----------

const sdeList = arrayOf(z.unknown());
export const rawConsumerProfileSchema = z.looseObject({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  privateData: z.looseObject({
    mobileNum: z.union([z.string(), z.number()]).optional(),
    email: z.string().optional(),
    userId: z.union([z.string(), z.number()]).optional(),
  }).optional(),
  authenticatedData: z.looseObject({ lp_sdes: sdeList.optional() }).optional(),
  claims: z.looseObject({ lp_sdes: sdeList.optional() }).optional(),
});
export type RawConsumerProfile = z.infer<typeof rawConsumerProfileSchema>;

// ---------- skills (§9) ----------

export const rawSkillsSchema = arrayOf(z.looseObject({
  id: id,
  name: z.string().optional(),
  deleted: z.boolean().optional(),
  description: z.string().optional(),
}));

// ---------- agent status (§9 msgHist agent-view/status) ----------

export const rawAgentStatusSchema = z.looseObject({
  agentStatusRecords: arrayOf(z.looseObject({
    agentId: id,
    agentLoginName: z.string().optional(),
    agentNickname: z.string().optional(),
    currentStatus: z.string().optional(),
  })),
});

// ---------- helpers ----------

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses with a schema; on failure gives a short, content-free description (paths only: no consumer text in logs). */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  // Record keys come from the frame: only short identifier-like segments are shown.
  const segment = (p: PropertyKey): string => (typeof p === 'number' || /^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(String(p)) ? String(p) : '?');
  const issues = r.error.issues.slice(0, 3).map((i) => `${i.path.map(segment).join('.') || '(root)'}: ${i.code}`);
  return { ok: false, error: issues.join('; ') };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The ExternalId entries of a metadata array (§5), e.g. `[{"type":"ExternalId","id":"l-1"}]`. */
export function externalIds(metadata: unknown): string[] {
  const list = Array.isArray(metadata) ? metadata : metadata === undefined ? [] : [metadata];
  const out: string[] = [];
  for (const m of list) {
    if (isRecord(m) && m.type === 'ExternalId' && (typeof m.id === 'string' || typeof m.id === 'number')) out.push(String(m.id));
  }
  return out;
}
