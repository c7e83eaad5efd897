/**
 * Request and notification type names the core uses, in their normalised `.ams.` form
 * (lp-protocol.md §5 normalisation, §6 requests, §7 notifications).
 */

export const NOTIFICATION = {
  routing: '.ams.routing.RoutingTaskNotification',
  conversations: '.ams.aam.ExConversationChangeNotification',
  messaging: '.ams.ms.OnlineEventDistribution',
  agentState: '.ams.routing.AgentStateNotification',
} as const;

export const REQUEST = {
  setAgentState: '.ams.routing.SetAgentState',
  subscribeRouting: '.ams.routing.SubscribeRoutingTasks',
  subscribeAgentsState: '.ams.routing.SubscribeAgentsState',
  updateRingState: '.ams.routing.UpdateRingState',
  subscribeConversations: '.ams.aam.SubscribeExConversations',
  publishEvent: '.ams.ms.PublishEvent',
  queryMessages: '.ams.ms.QueryMessages',
  updateConversationField: '.ams.cm.UpdateConversationField',
  getUserProfile: '.ams.userprofile.GetUserProfile',
} as const;

/**
 * Notification types the core knows (others are still emitted; the connection logs them at debug):
 * the four the session handles, plus `RingUpdated`, known and deliberately ignored.
 */
export const KNOWN_NOTIFICATIONS: ReadonlySet<string> = new Set([
  ...Object.values(NOTIFICATION),
  '.ams.routing.RingUpdated',
]);
