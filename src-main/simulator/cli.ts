/**
 * LivePerson simulator from the command line:  npx tsx src-main/simulator/cli.ts --port 8080   (npm run sim -- --port 8080)
 */
import { writeFileSync } from 'node:fs';
import { startSimulator } from './simulator';
import { DEMO_ACCOUNT } from './seed';

const HELP = `LivePerson simulator — a local stand-in for LivePerson's agent-side services.

Usage: npx tsx src-main/simulator/cli.ts [options]     (or: npm run sim -- [options])

Options:
  --port <n>              port for HTTP(S) and WebSocket (default 8080; 0 = any free port)
  --host <addr>           address to listen on (default 127.0.0.1)
  --tls                   serve https/wss with a self-signed certificate (PEM printed at start)
  --cert-out <file>       with --tls: also write the certificate PEM to this file (e.g. for a client's --ca)
  --account <id>          account id (default ${DEMO_ACCOUNT.accountId})
  --demo                  simulated consumers open conversations and reply on their own
  --idle-timeout <ms>     close sockets silent for this long (default 60000)
  --ring-expiration <ms>  ring lifetime (default 72000)
  --session-ttl <ms>      bearer lifetime, extended by refresh (default 28800000)
  --help                  this text

Consumer HTTP API (no auth, same port):
  POST /sim/consumer/conversations                {skillId?, text?, firstName?, lastName?, email?, phone?, customerId?, consumerId?}
                                                  (consumerId: a returning consumer, as an earlier conversation's)
                                                  → 201 {conversationId, consumerId}
  GET  /sim/consumer/conversations                → every conversation
  GET  /sim/consumer/conversations/{id}           → one conversation
  POST /sim/consumer/conversations/{id}/messages  {text} → {sequence}
  GET  /sim/consumer/conversations/{id}/messages  → stored events
  POST /sim/consumer/conversations/{id}/typing    {state: COMPOSING|PAUSE|ACTIVE}
  POST /sim/consumer/conversations/{id}/read      {sequences: [n]}
  POST /sim/consumer/conversations/{id}/close

Example:
  curl -s -XPOST localhost:8080/sim/consumer/conversations -H 'content-type: application/json' \\
       -d '{"skillId":"13","text":"Hi, I need help","firstName":"Ann"}'
`;

function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (['tls', 'demo', 'help'].includes(k)) { out.set(k, true); continue; }
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`--${k} needs a value`);
    out.set(k, v);
  }
  return out;
}

function int(args: Map<string, string | true>, k: string): number | undefined {
  const v = args.get(k);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isInteger(n) || n < 0) throw new Error(`--${k} must be a non-negative integer`);
  return n;
}

async function main(): Promise<void> {
  let args: Map<string, string | true>;
  try { args = parseArgs(process.argv.slice(2)); } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    process.exit(2);
  }
  if (args.has('help')) { console.log(HELP); return; }
  const known = new Set(['port', 'host', 'tls', 'cert-out', 'account', 'demo', 'idle-timeout', 'ring-expiration', 'session-ttl', 'help']);
  for (const k of args.keys()) if (!known.has(k)) { console.error(`unknown option --${k}\n\n${HELP}`); process.exit(2); }
  const host = args.get('host');
  const account = args.get('account');
  const sim = await startSimulator({
    port: int(args, 'port') ?? 8080,
    host: typeof host === 'string' ? host : '127.0.0.1',
    tls: args.has('tls'),
    accountId: typeof account === 'string' ? account : DEMO_ACCOUNT.accountId,
    demoConsumers: args.has('demo'),
    idleTimeoutMs: int(args, 'idle-timeout'),
    ringExpirationMs: int(args, 'ring-expiration'),
    sessionTtlMs: int(args, 'session-ttl'),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(`LivePerson simulator up
  base URL / CSDS url : ${sim.csdsUrl}
  CSDS                : ${sim.csdsUrl}/api/account/${sim.accountId}/service/baseURI.json?version=1.0
  account id          : ${sim.accountId}
  WebSocket           : ${sim.baseUrl.replace(/^http/, 'ws')}/ws_api/account/${sim.accountId}/messaging/brand/<bearer>?v=2
  consumer API        : ${sim.baseUrl}/sim/consumer/conversations
  skills              : ${sim.skills.map((s) => `${s.id}=${s.name}`).join(', ')}
  agents (username / password):`);
  for (const a of sim.agents) console.log(`    ${a.username} / ${a.password}   (userId ${a.userId})`);
  if (sim.tls) {
    console.log(`  TLS certificate (trust it as a CA):\n${sim.tls.cert}`);
    const certOut = args.get('cert-out');
    if (typeof certOut === 'string') { writeFileSync(certOut, sim.tls.cert); console.log(`  certificate written to ${certOut}`); }
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
