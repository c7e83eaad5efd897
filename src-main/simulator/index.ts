/**
 * LivePerson simulator: a faithful, stateful stand-in for LivePerson's agent-side services on
 * loopback, read independently from ../shared/lp-protocol.md (nothing here imports src-main/lp).
 *
 *   const sim = await startSimulator({ ringExpirationMs: 5000 });   // see api.ts for every option
 *   // CSDS: GET {sim.csdsUrl}/api/account/{sim.accountId}/service/baseURI.json?version=1.0
 *   // log in as DEMO_ACCOUNT.agents[0] (agent1 / agent1-password), open the socket, go ONLINE, subscribe;
 *   const consumer = await sim.consumers.open({ skillId: '13', text: 'Hi' });   // → ring
 *   await sim.close();
 *
 * Files: simulator.ts (wiring, one HTTP(S) server for REST + WS), csds.ts, login.ts + sessions.ts,
 * skills.ts, agent-status.ts (§9 agent-view/status), ws-server.ts + sockets.ts (upgrade, idle, eviction), frames.ts, requests.ts (dispatch),
 * routing-requests.ts, conversation-requests.ts, messaging-requests.ts, routing.ts (offering rings),
 * rings.ts (ring wire shapes + state changes), participants.ts, conversations.ts (model + raw notification shapes), consumers.ts (in-process + HTTP consumer API),
 * demo-consumers.ts, faults.ts, sim-http.ts (the guarded /sim/ HTTP API) + fault-http.ts, inspect.ts, events.ts,
 * clock.ts, tls.ts, log.ts, seed.ts, cli.ts. A map of the folder: README.md.
 *
 * Choices where lp-protocol.md says (?):
 * - One session per user: a new SOCKET evicts the user's older socket (close 1000 "replaced by a new
 *   session"); a new login evicts nobody and older bearers stay valid.
 * - Idle close: 1000 "idle timeout", after 90 s of silence by default (§4 asks clients for 60 s; 30 s grace). Logout and token expiry: 4401.
 * - sessionTTl is sliding: refresh sets expiry to now + sessionTtlMs.
 * - Availability is per socket: when the user's last socket closes it becomes OFFLINE (without
 *   cancelling WAITING rings, which survive a reconnect and are re-sent on re-subscribe).
 * - Rings: every eligible agent gets its own ring; a final ring state is sent as UPSERT (final
 *   ringState) + DELETE in one notification; every change carries ringsDetails.
 * - Sequences start at 0 per dialog. QueryMessages: newerThanSequence equal to fromSeq is inclusive.
 * - Agent status (§9 agent-view/status): the body may filter by `skillIds` as well as `agentIds`;
 *   records carry agentId (the numeric user id), agentLoginName, agentNickname, currentStatus (the last
 *   SetAgentState availability), currentStatusStartTime, skillIds.
 * - RichContentEvent content is stored and relayed as sent, without validation (clients must survive anything).
 * - Responses are sent before the notifications a request causes (clients must not rely on it).
 * - Response type names not fixed by the reference: `.GetClock$Response`, `.ams.ms.PublishEventResponse`,
 *   `.ams.cm.AgentRequestConversation$Response`, `.ams.ms.GenerateURLFor{Upload,Download}File$Response`.
 */
export type * from './api';
export { startSimulator } from './simulator';
export { createManualClock, type ManualClock } from './clock';
export { DEMO_ACCOUNT, type DemoAgentSeed } from './seed';
