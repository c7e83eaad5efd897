/**
 * Headless mode's command language: one JSON object per stdin line, validated here, dispatched to
 * the agent session. Every command gets exactly one result line, matched by its optional `id`.
 *
 *   {"id":"1","cmd":"state","availability":"ONLINE"}
 *   {"id":"2","cmd":"accept","ringId":"…"}            {"cmd":"reject","ringId":"…"}
 *   {"id":"3","cmd":"send","conversationId":"…","text":"Hello"}
 *   {"cmd":"note","conversationId":"…","text":"For the supervisor"}   (a private note: agents and managers only)
 *   {"cmd":"typing","conversationId":"…","state":"COMPOSING"}
 *   {"cmd":"read","conversationId":"…","sequences":[3,4]}
 *   {"cmd":"close","conversationId":"…"}             {"cmd":"back-to-queue","conversationId":"…"}
 *   {"cmd":"transfer","conversationId":"…","skillId":"12"}   (+ "agentId":"<legacy id>": to that agent of the skill)
 *   {"cmd":"agents","skillId":"12"}                  (the skill's agents and their availability)
 *   {"cmd":"skills"}   {"cmd":"profile","consumerId":"…"}   {"cmd":"history","conversationId":"…"}
 *   {"cmd":"snapshot"} {"cmd":"reconnect"}               {"cmd":"quit"}
 */
import { z } from 'zod';
import { AVAILABILITIES, CHAT_STATES, INPUT_LIMITS, LpError, type AgentSession, type ChatMessage, type SendOptions } from '../lp/index';

/** The command's own id, echoed in its result line. */
const id = z.union([z.string().max(64), z.number()]).optional();
// Values and limits shared with the window's IPC contract (lp/protocol/vocabulary.ts).
const anyId = z.string().min(1).max(INPUT_LIMITS.idLength);
const conv = z.string().min(1).max(INPUT_LIMITS.conversationIdLength);

export const commandSchema = z.discriminatedUnion('cmd', [
  z.object({ id, cmd: z.literal('state'), availability: z.enum(AVAILABILITIES) }),
  z.object({ id, cmd: z.literal('accept'), ringId: anyId }),
  z.object({ id, cmd: z.literal('reject'), ringId: anyId }),
  z.object({ id, cmd: z.literal('send'), conversationId: conv, text: z.string().min(1).max(INPUT_LIMITS.textLength) }),
  z.object({ id, cmd: z.literal('note'), conversationId: conv, text: z.string().min(1).max(INPUT_LIMITS.textLength) }),
  z.object({ id, cmd: z.literal('typing'), conversationId: conv, state: z.enum(CHAT_STATES) }),
  z.object({ id, cmd: z.literal('read'), conversationId: conv, sequences: z.array(z.number().int().nonnegative()).min(1).max(INPUT_LIMITS.readReceiptCount) }),
  z.object({ id, cmd: z.literal('close'), conversationId: conv }),
  z.object({ id, cmd: z.literal('back-to-queue'), conversationId: conv }),
  z.object({ id, cmd: z.literal('transfer'), conversationId: conv, skillId: z.string().min(1).max(INPUT_LIMITS.skillIdLength), agentId: anyId.optional() }),
  z.object({ id, cmd: z.literal('agents'), skillId: z.string().min(1).max(INPUT_LIMITS.skillIdLength) }),
  z.object({ id, cmd: z.literal('skills') }),
  z.object({ id, cmd: z.literal('profile'), consumerId: anyId }),
  z.object({ id, cmd: z.literal('history'), conversationId: conv }),
  z.object({ id, cmd: z.literal('snapshot') }),
  z.object({ id, cmd: z.literal('reconnect') }),
  z.object({ id, cmd: z.literal('quit') }),
]);

export type Command = z.infer<typeof commandSchema>;
export type CommandId = string | number | undefined;

export type ParsedLine =
  | { ok: true; command: Command }
  | { ok: false; id: CommandId; error: string };

/** Parses one input line. Never throws: bad input becomes a clear error naming what was wrong. */
export function parseCommandLine(line: string): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, id: undefined, error: 'not JSON: each line must be one JSON object, e.g. {"cmd":"snapshot"}' };
  }
  const rawId = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
  const safeId: CommandId = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : undefined;
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
    return { ok: false, id: safeId, error: `invalid command${where}: ${issue?.message ?? 'unknown problem'}` };
  }
  return { ok: true, command: parsed.data };
}

/**
 * sendText never throws: a message the core refuses outright (empty text, unknown or closed
 * conversation) comes back with delivery 'failed' and nothing is queued. For a command that is a
 * failure, so it rejects and the result line says ok:false with the core's reason.
 */
function sendOrThrow(session: AgentSession, conversationId: string, text: string, options?: SendOptions): ChatMessage {
  const m = options ? session.sendText(conversationId, text, options) : session.sendText(conversationId, text);
  if (m.delivery === 'failed') {
    throw new LpError({ code: 400, message: m.error ?? 'The message was refused and not sent', location: 'Headless#Send' });
  }
  return m;
}

/** Runs a command against the session; resolves with the JSON-safe result (null when there is none). */
export async function runCommand(session: AgentSession, c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'state': await session.setAvailability(c.availability); return null;
    case 'accept': await session.acceptRing(c.ringId); return null;
    case 'reject': await session.rejectRing(c.ringId); return null;
    case 'send': return sendOrThrow(session, c.conversationId, c.text);
    case 'note': return sendOrThrow(session, c.conversationId, c.text, { private: true });
    case 'typing': await session.setTyping(c.conversationId, c.state); return null;
    case 'read': await session.markRead(c.conversationId, c.sequences); return null;
    case 'close': await session.closeConversation(c.conversationId); return null;
    case 'back-to-queue': await session.backToQueue(c.conversationId); return null;
    case 'transfer':
      if (c.agentId !== undefined) await session.transferToAgent(c.conversationId, c.skillId, c.agentId);
      else await session.transferToSkill(c.conversationId, c.skillId);
      return null;
    case 'agents': return session.listAgents(c.skillId);
    case 'skills': return session.listSkills();
    case 'profile': return session.getConsumerProfile(c.consumerId);
    case 'history': return session.loadHistory(c.conversationId);
    case 'snapshot': return session.snapshot();
    case 'reconnect': session.reconnectNow('requested by command'); return null;
    case 'quit': return null;
  }
}
