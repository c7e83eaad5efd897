/**
 * LivePerson simulator from the command line:  npx tsx src-main/simulator/cli.ts --port 8080   (npm run sim -- --port 8080)
 */
import { writeFileSync } from 'node:fs';
import { startSimulator } from './simulator';
import { DEMO_ACCOUNT } from './seed';

/** The curl example, in the form that works: https with --cacert when TLS is on. */
function curlExample(base: string, token: string, tls: boolean, certFile: string): string {
  const cacert = tls ? `--cacert ${certFile} ` : '';
  return `curl -s ${cacert}-X POST ${base}/sim/consumer/conversations \\
       -H "Authorization: Bearer ${token}" -H 'Content-Type: application/json' \\
       -d '{"skillId":"13","text":"Hi, I need help","firstName":"Ann"}'`;
}

function help(tls: boolean, certOut: string | undefined): string {
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:8080`;
  return `LivePerson simulator — a local stand-in for LivePerson's agent-side services.

Usage: npx tsx src-main/simulator/cli.ts [options]     (or: npm run sim -- [options])

Options:
  --port <n>              port for HTTP(S) and WebSocket (default 8080; 0 = any free port)
  --host <addr>           address to listen on (default 127.0.0.1)
  --tls                   serve https/wss with a self-signed certificate (PEM printed at start)
  --cert-out <file>       with --tls (required): also write the certificate PEM to this file (e.g. for a client's --ca)
  --account <id>          account id (default ${DEMO_ACCOUNT.accountId})
  --demo                  simulated consumers open conversations and reply on their own
  --idle-timeout <ms>     close sockets silent for this long (default 90000: the 60 s clients keep to + 30 s grace)
  --ring-expiration <ms>  ring lifetime (default 72000)
  --session-ttl <ms>      bearer lifetime, extended by refresh (default 28800000)
  --help                  this text (with --tls: the https form of the examples)

HTTP API (same port). Each run prints a new random token; every call needs
  Authorization: Bearer <token>, a Host of 127.0.0.1, localhost or [::1] with the port (else 403),
  and Content-Type: application/json on every POST (else 415).

Consumer API:
  POST /sim/consumer/conversations                {skillId?, text?, firstName?, lastName?, email?, phone?, customerId?, consumerId?}
                                                  → 201 {conversationId, consumerId}; 400 for an unknown skill or consumerId
                                                  defaults: skillId = the first skill (11), text = "Hi, I need some help please."
                                                  (routing starts with it), name Alex Morgan, a fresh customerId;
                                                  consumerId: a returning consumer, as an earlier conversation's
  GET  /sim/consumer/conversations                → 200 every conversation
  GET  /sim/consumer/conversations/{id}           → 200 one conversation, 404 unknown
  POST /sim/consumer/conversations/{id}/messages  {text} → 200 {sequence}
  GET  /sim/consumer/conversations/{id}/messages  → 200 stored events
  POST /sim/consumer/conversations/{id}/typing    {state: COMPOSING|PAUSE|ACTIVE} → 204
  POST /sim/consumer/conversations/{id}/read      {sequences: [n]} → 204
  POST /sim/consumer/conversations/{id}/close     → 200 {conversationId, state: "CLOSE"}
  A POST to a closed conversation → 409; a bad body → 400.

Fault injection (POST, JSON body; 204 unless a result is shown; 400 bad body, 404 unknown fault):
  /sim/faults/drop-sockets     {username?, code?, reason?} → {sockets}  no code: cut (client sees 1006); code: that close frame
  /sim/faults/expire-tokens    {username?, closeCode?}      bearers invalid, sockets closed (default 4401)
  /sim/faults/refuse-upgrades  {count, status?}             next socket upgrades fail (default 502)
  /sim/faults/refuse-logins    {count, status?}             next logins fail (401 | 500 | 503)
  /sim/faults/fail-refresh     {count, status?}             next refreshes fail (401 | 500 | 503)
  /sim/faults/delay-logins     {ms}
  /sim/faults/delay-responses  {ms, type?}                  socket responses wait (type: e.g. "GetClock"; absent = all)
  /sim/faults/drop-responses   {count, type?}               responses lost (the request is applied)
  /sim/faults/send-raw         {frame, username?} → {sockets}  a raw text frame, e.g. malformed JSON
  /sim/faults/reset                                         every pending fault cleared

Example${tls ? ` (after: npm run sim -- --tls --cert-out ${certOut ?? 'sim-cert.pem'})` : ''}:
  ${curlExample(base, '<token>', tls, certOut ?? 'sim-cert.pem')}
`;
}

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
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${help(false, undefined)}`);
    process.exit(2);
  }
  const tls = args.has('tls');
  const certOut = args.get('cert-out');
  if (args.has('help')) { console.log(help(tls, typeof certOut === 'string' ? certOut : undefined)); return; }
  const known = new Set(['port', 'host', 'tls', 'cert-out', 'account', 'demo', 'idle-timeout', 'ring-expiration', 'session-ttl', 'help']);
  for (const k of args.keys()) if (!known.has(k)) { console.error(`unknown option --${k}\n\n${help(tls, undefined)}`); process.exit(2); }
  if (certOut !== undefined && !tls) { console.error('--cert-out needs --tls: without TLS there is no certificate to write'); process.exit(2); }
  const host = args.get('host');
  const account = args.get('account');
  const sim = await startSimulator({
    port: int(args, 'port') ?? 8080,
    host: typeof host === 'string' ? host : '127.0.0.1',
    tls,
    httpApi: true,
    accountId: typeof account === 'string' ? account : DEMO_ACCOUNT.accountId,
    demoConsumers: args.has('demo'),
    idleTimeoutMs: int(args, 'idle-timeout'),
    ringExpirationMs: int(args, 'ring-expiration'),
    sessionTtlMs: int(args, 'session-ttl'),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  const token = sim.httpApi?.token ?? '';
  console.log(`LivePerson simulator up
  base URL / CSDS url : ${sim.csdsUrl}
  CSDS                : ${sim.csdsUrl}/api/account/${sim.accountId}/service/baseURI.json?version=1.0
  account id          : ${sim.accountId}
  WebSocket           : ${sim.baseUrl.replace(/^http/, 'ws')}/ws_api/account/${sim.accountId}/messaging/brand/<bearer>?v=2
  consumer API        : ${sim.baseUrl}/sim/consumer/conversations
  fault API           : ${sim.baseUrl}/sim/faults/{fault}   (--help lists them)
  HTTP API token      : ${token}   (header Authorization: Bearer <token>; new each run)
  skills              : ${sim.skills.map((s) => `${s.id}=${s.name}`).join(', ')}
  SSO identity prov.  : ${sim.idp.signInUrl}   (posts SAMLResponse to ${sim.idp.acsUrl})
  agents (username / password):`);
  for (const a of sim.agents) console.log(`    ${a.username} / ${a.password}   (userId ${a.userId})`);
  if (sim.tls) {
    console.log(`  TLS certificate (trust it as a CA):\n${sim.tls.cert}`);
    if (typeof certOut === 'string') { writeFileSync(certOut, sim.tls.cert); console.log(`  certificate written to ${certOut}`); }
  }
  console.log(`  try:\n    ${curlExample(sim.baseUrl, token, !!sim.tls, typeof certOut === 'string' ? certOut : '<the PEM above, saved to a file: --cert-out>')}`);
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
