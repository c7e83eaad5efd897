/**
 * The throughput peer: LivePerson's official node-agent-sdk (npm, installed on demand into
 * bench/peer/node_modules, never an app dependency) connected to the TLS simulator. Runs in a child
 * with NODE_EXTRA_CA_CERTS=<simulator cert> (Node reads it only at start): the published SDK hard-codes
 * https/wss (lp-protocol.md §13). CSDS is pointed at the simulator with the SDK's `csdsDomain` option
 * ("host:port"; the SDK builds https://{csdsDomain}/api/account/{id}/service/baseURI.json).
 * Counts 'ms.MessagingEventNotification' (the SDK's name for OnlineEventDistribution) events.
 * Same protocol as clients/throughput-client.ts.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { blockFor, fromParent, toParent } from '../lib/child';
import { roundClockSince, startRoundClock, type RoundClock } from '../lib/thread-time';

interface PeerAgent {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  dispose?(): void;
}
type PeerAgentClass = new (conf: Record<string, unknown>) => PeerAgent;

const here = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(join(here, 'package.json'));

const sdk = require('node-agent-sdk') as { Agent: PeerAgentClass };
const agent = new sdk.Agent({
  accountId: process.env.BENCH_ACCOUNT,
  username: process.env.BENCH_USER,
  password: process.env.BENCH_PASS,
  csdsDomain: process.env.BENCH_CSDS_DOMAIN,
});

let n = 0;
let count = 0;
let t0 = 0;
let clock0: RoundClock | null = null;
let active = false;
let ready = false;

agent.on('ms.MessagingEventNotification', () => {
  if (!active) return;
  count++;
  if (count === n) {
    active = false;
    const ms = performance.now() - t0;
    void toParent({ t: 'done', ms, count, ...(clock0 ? roundClockSince(clock0) : {}) });
  }
});
agent.on('connected', () => {
  if (ready) return;
  ready = true;
  void toParent({ t: 'ready' });
});
agent.on('error', (e: unknown) => {
  const text = e instanceof Error ? e.message : typeof e === 'object' && e !== null ? JSON.stringify(e) : String(e);
  if (!ready) void toParent({ t: 'error', message: `node-agent-sdk did not connect: ${text}` });
});
agent.on('closed', (code: unknown) => {
  if (!ready) void toParent({ t: 'error', message: `node-agent-sdk socket closed before connecting (code ${String(code)})` });
});

fromParent((m) => {
  if (m.t !== 'go') return;
  n = Number(m.n);
  count = 0;
  void toParent({ t: 'blocking' }).then(() => {
    blockFor(Number(m.blockMs));
    clock0 = startRoundClock();
    t0 = performance.now();
    active = true;
  });
});
