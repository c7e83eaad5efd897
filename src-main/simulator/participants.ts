/** Who takes part in a conversation (lp-protocol.md §7 participants): queries on the model, no wire, no state changes. */
import type { AgentRecord, Conversation, Participant } from './state';

export function assignedAgentId(conv: Conversation): string | undefined {
  return conv.participants.find((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE')?.id;
}

/** The agent's ACTIVE participation in the conversation, if any. */
export function participantOf(conv: Conversation, agent: AgentRecord): Participant | undefined {
  return conv.participants.find((p) => p.id === agent.legacyId && p.state === 'ACTIVE');
}
