/**
 * Pure mappers: raw consumer profile (GetUserProfile, §6) → ConsumerProfile; skills (§9) → Skill[];
 * agent status records (§9) → AgentStatus[].
 * Text only: every value becomes a plain string; nothing is interpreted as markup.
 */
import type { AgentStatus, ConsumerProfile, Skill } from '../protocol/model';
import { isRecord, type RawConsumerProfile } from '../protocol/notifications';

const MAX_EXTRA = 30;
const MAX_VALUE = 200;

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.slice(0, MAX_VALUE);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Every SDE of authenticatedData.lp_sdes and claims.lp_sdes, as records. */
function sdesOf(raw: RawConsumerProfile): Record<string, unknown>[] {
  return [...(raw.authenticatedData?.lp_sdes ?? []), ...(raw.claims?.lp_sdes ?? [])].filter(isRecord);
}

export function mapConsumerProfile(consumerId: string, raw: RawConsumerProfile): ConsumerProfile {
  const p: ConsumerProfile = { consumerId };
  const extra: Record<string, string> = {};
  const put = (label: string, v: unknown): void => {
    const s = str(v);
    if (s !== undefined && Object.keys(extra).length < MAX_EXTRA && !(label in extra)) extra[label] = s;
  };
  const firstName = str(raw.firstName);
  const lastName = str(raw.lastName);
  if (firstName) p.firstName = firstName;
  if (lastName) p.lastName = lastName;
  const email = str(raw.privateData?.email);
  const phone = str(raw.privateData?.mobileNum);
  if (email) p.email = email;
  if (phone) p.phone = phone;

  for (const sde of sdesOf(raw)) {
    if (sde.type === 'personal' && isRecord(sde.personal)) {
      const per = sde.personal;
      p.firstName ??= str(per.firstname);
      p.lastName ??= str(per.lastname);
      const contacts = Array.isArray(per.contacts) ? per.contacts.filter(isRecord) : isRecord(per.contacts) ? [per.contacts] : [];
      for (const c of contacts) {
        p.email ??= str(c.email);
        p.phone ??= str(c.phone);
      }
      for (const [k, v] of Object.entries(per)) if (!['firstname', 'lastname', 'contacts'].includes(k)) put(k, v);
    } else if (sde.type === 'ctmrinfo' && isRecord(sde.info)) {
      p.customerId ??= str(sde.info.customerId);
      for (const [k, v] of Object.entries(sde.info)) if (k !== 'customerId') put(k, v);
    }
  }
  const privUserId = str(raw.privateData?.userId);
  if (privUserId && !p.customerId) p.customerId = privUserId;
  // Drop keys the ??= left undefined (JSON-safe model: no undefined-valued fields).
  for (const k of ['firstName', 'lastName', 'email', 'phone', 'customerId'] as const) if (p[k] === undefined) delete p[k];
  if (Object.keys(extra).length > 0) p.extra = extra;
  return p;
}

export function consumerDisplayName(p: Pick<ConsumerProfile, 'firstName' | 'lastName'>): string | undefined {
  const name = [p.firstName, p.lastName].filter((x) => x !== undefined && x !== '').join(' ').trim();
  return name === '' ? undefined : name;
}

export function mapSkills(raw: ReadonlyArray<{ id: string; name?: string | undefined; deleted?: boolean | undefined; description?: string | undefined }>): Skill[] {
  return raw
    .filter((s) => s.deleted !== true)
    .map((s) => {
      const skill: Skill = { id: s.id, name: s.name ?? `Skill ${s.id}` };
      if (s.description) skill.description = s.description;
      return skill;
    });
}

const STATUS_ORDER: Record<string, number> = { ONLINE: 0, OCCUPIED: 1, BACK_SOON: 2, AWAY: 3, OFFLINE: 4 };

/**
 * Agent status records (§9) → AgentStatus[]: legacy ids (a bare user id gets the account prefix),
 * names capped, sorted available first, then by name. At most 500 agents.
 */
export function mapAgentStatus(
  accountId: string, myLegacyId: string,
  raw: ReadonlyArray<{ agentId: string; agentLoginName?: string | undefined; agentNickname?: string | undefined; currentStatus?: string | undefined }>,
): AgentStatus[] {
  const seen = new Set<string>();
  const out: AgentStatus[] = [];
  for (const r of raw.slice(0, 500)) {
    const agentId = r.agentId.includes('.') ? r.agentId : `${accountId}.${r.agentId}`;
    if (seen.has(agentId)) continue;
    seen.add(agentId);
    const name = (r.agentNickname?.trim() || r.agentLoginName?.trim() || agentId).slice(0, 200);
    const availability = (r.currentStatus ?? 'UNKNOWN').slice(0, 32).toUpperCase();
    out.push({ agentId, name, availability, self: agentId === myLegacyId });
  }
  const rank = (a: AgentStatus): number => STATUS_ORDER[a.availability] ?? 5;
  return out.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
