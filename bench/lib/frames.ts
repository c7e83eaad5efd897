/**
 * Bench-only wire frames, written from lp-protocol.md §7 (not from the core): consumer ContentEvents
 * as `.ams.ms.OnlineEventDistribution` notifications, and conversation snapshots. Pre-built before
 * any timing starts.
 */
export const ONLINE_EVENT = '.ams.ms.OnlineEventDistribution';
export const EXCONV = '.ams.aam.ExConversationChangeNotification';

const consumerProps = { type: '.ClientProperties', appId: 'webAsync', ipAddress: '127.0.0.1', deviceFamily: 'DESKTOP', os: 'WINDOWS', integration: 'WEB_SDK' };

export function consumerMessageBody(dialogId: string, consumerId: string, sequence: number, ts: number, text: string): Record<string, unknown> {
  return {
    sequence,
    originatorClientProperties: consumerProps,
    originatorId: consumerId,
    originatorPId: consumerId,
    originatorMetadata: { id: consumerId, role: 'CONSUMER', clientProperties: consumerProps },
    serverTimestamp: ts,
    event: { type: 'ContentEvent', message: text, contentType: 'text/plain' },
    dialogId,
  };
}

/** `count` consumer messages of one dialog, sequences fromSeq.., as ready-to-send JSON strings. */
export function consumerFlood(dialogId: string, consumerId: string, fromSeq: number, count: number): string[] {
  const out: string[] = new Array<string>(count);
  const t0 = Date.now();
  for (let i = 0; i < count; i++) {
    const body = consumerMessageBody(dialogId, consumerId, fromSeq + i, t0 + i, `Consumer message number ${fromSeq + i}: my order has not arrived yet, can you check?`);
    out[i] = JSON.stringify({ kind: 'notification', type: ONLINE_EVENT, body });
  }
  return out;
}

/** One OPEN conversation held by `agentLegacyId` (ASSIGNED_AGENT), as an ExConversationChangeNotification change. */
export function openConversationChange(convId: string, consumerId: string, agentLegacyId: string, agentPid: string, accountId: string, ts: number): Record<string, unknown> {
  return {
    type: 'UPSERT',
    result: {
      convId,
      effectiveTTR: -1,
      lastUpdateTime: ts,
      numberOfunreadMessages: { [consumerId]: 0, [agentLegacyId]: 0 },
      conversationDetails: {
        convId,
        skillId: '13',
        brandId: accountId,
        participants: { CONSUMER: [consumerId], ASSIGNED_AGENT: [agentLegacyId] },
        participantsPId: { CONSUMER: [consumerId], ASSIGNED_AGENT: [agentPid] },
        dialogs: [{
          dialogId: convId, dialogType: 'MAIN', channelType: 'MESSAGING', state: 'OPEN',
          participantsDetails: [{ id: consumerId, role: 'CONSUMER', state: 'ACTIVE' }, { id: agentLegacyId, role: 'ASSIGNED_AGENT', state: 'ACTIVE' }],
          creationTs: ts, metaDataLastUpdateTs: ts,
        }],
        state: 'OPEN', stage: 'OPEN', startTs: ts, metaDataLastUpdateTs: ts, firstConversation: false, csatRate: 0,
        ttr: { ttrType: 'NORMAL', value: 1200 }, note: '',
        context: { type: 'SharkContext', clientProperties: consumerProps },
        conversationHandlerDetails: { accountId, skillId: '13' },
      },
    },
  };
}
