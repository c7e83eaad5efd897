/**
 * `npm run agent` — the Getting Started walkthrough as a scriptable agent: one JSON event per line
 * out, JSON commands in (see commands.ts and run.ts). Logs go to stderr, redacted.
 *
 *   LP_ACCOUNT, LP_USERNAME, LP_PASSWORD, LP_CSDS  or  --account --username --csds
 *   The password comes only from LP_PASSWORD (removed from the environment once read) or, with
 *   --password-stdin (the safer way), the first stdin line, not echoed on a terminal (password.ts).
 *   Bots sign in with an app key instead: LP_APP_KEY, LP_APP_SECRET, LP_ACCESS_TOKEN,
 *   LP_ACCESS_TOKEN_SECRET, from the environment only (app-key.ts).
 *   Proxy and extra certificates: --proxy, --ca, the proxy environment (network.ts).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { AVAILABILITIES, createAgentSession, createConsoleLogger, normaliseCsdsUrl, type Availability } from '../lp/index';
import { appKeyFlagIn, takeEnvAppKey } from './app-key';
import { createHeadlessNetwork, type HeadlessNetwork } from './network';
import { readFirstLine, readHiddenLine, takeEnvPassword } from './password';
import { runHeadless } from './run';

const HELP = `Usage: npm run -s agent -- [options]
   (-s keeps npm's own banner off stdout, so stdout holds only JSON lines;
    or run it directly: npx tsx src-main/headless/cli.ts [options])

Logs in as a LivePerson messaging agent, goes online, prints every session event as one JSON
object per line on stdout, and takes commands as JSON lines on stdin.

Options (or environment):
  --account <id>        LP_ACCOUNT    account (site) id
  --username <name>     LP_USERNAME   agent login name
  --csds <url>          LP_CSDS       domain service address (default https://adminlogin.liveperson.net):
                                      https://host[:port], http://host[:port], or host[:port] alone,
                                      which means https:// (the simulator without --tls: http://127.0.0.1:PORT)
  --availability <a>    ${AVAILABILITIES.join(', ')} (default ONLINE)
  --password-stdin      read the password from the first stdin line, not echoed on a terminal
                        (safer than LP_PASSWORD, which the process's environment keeps readable)
  --ca <file>           trust the PEM certificate(s) in this file too, beside Node's roots (and
                        NODE_EXTRA_CA_CERTS): a TLS-inspecting proxy's root, the simulator's --tls
  --proxy <url>         send REST and the socket through this proxy: http://host:port,
                        https://…, socks5://…; credentials in the URL, percent-encoded
                        (user:p%40ss@host:port). Without it: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY
                        (either case); NO_PROXY as curl (no hidden localhost bypass)
  --log-level <level>   debug | info | warn | error (stderr; default info)
  --help

Bots (app-key login, instead of a password; environment only, never flags):
  LP_APP_KEY, LP_APP_SECRET, LP_ACCESS_TOKEN, LP_ACCESS_TOKEN_SECRET (all four; LP_USERNAME is the bot user)

Commands (one JSON object per line, "id" optional and echoed in the result line):
  {"id":"1","cmd":"state","availability":"AWAY"}
  {"cmd":"accept","ringId":"…"}   {"cmd":"reject","ringId":"…"}
  {"cmd":"send","conversationId":"…","text":"Hello!"}
  {"cmd":"note","conversationId":"…","text":"For my supervisor"}   (private: agents and managers only)
  {"cmd":"typing","conversationId":"…","state":"COMPOSING"}
  {"cmd":"read","conversationId":"…","sequences":[1,2]}
  {"cmd":"close","conversationId":"…"}   {"cmd":"back-to-queue","conversationId":"…"}
  {"cmd":"transfer","conversationId":"…","skillId":"12"}   add "agentId":"<id from agents>" for one agent
  {"cmd":"agents","skillId":"12"}   (the skill's agents and their availability)
  {"cmd":"skills"}   {"cmd":"profile","consumerId":"…"}   {"cmd":"history","conversationId":"…"}
  {"cmd":"snapshot"}   {"cmd":"reconnect"}   {"cmd":"quit"}

Exit codes: 0 after quit or end of input; 2 for bad usage; 3 when the login is refused;
4 when the server's certificate is not accepted or TLS and plain HTTP are mixed up (no retry:
retrying cannot fix it).`;

function isAvailability(value: string): value is Availability {
  return (AVAILABILITIES as readonly string[]).includes(value);
}

function fail(message: string): never {
  process.stderr.write(`agent: ${message}\nRun with --help for usage.\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  if (process.argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    fail('the password is never taken from the command line (it would show in ps and shell history); use LP_PASSWORD or --password-stdin');
  }
  const appKeyFlag = appKeyFlagIn(process.argv);
  if (appKeyFlag !== undefined) {
    fail(`${appKeyFlag}: app-key secrets are never taken from the command line; set LP_APP_KEY, LP_APP_SECRET, LP_ACCESS_TOKEN and LP_ACCESS_TOKEN_SECRET`);
  }
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        account: { type: 'string' },
        username: { type: 'string' },
        csds: { type: 'string' },
        availability: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        ca: { type: 'string' },
        proxy: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const accountId = values.account ?? process.env.LP_ACCOUNT;
  const username = values.username ?? process.env.LP_USERNAME;
  const csdsRaw = values.csds ?? process.env.LP_CSDS;
  if (!accountId) fail('no account: pass --account or set LP_ACCOUNT');
  if (!username) fail('no username: pass --username or set LP_USERNAME');
  const availability = (values.availability ?? 'ONLINE').toUpperCase();
  if (!isAvailability(availability)) fail(`unknown availability "${availability}"`);
  const level = values['log-level'] ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) fail(`unknown log level "${level}"`);
  let csdsUrl: string | undefined;
  if (csdsRaw !== undefined && csdsRaw.trim() !== '') {
    const checked = normaliseCsdsUrl(csdsRaw);
    if (!checked.ok) fail(`--csds / LP_CSDS: ${checked.error}`);
    csdsUrl = checked.url;
  }
  // Read before anything waits on stdin, so a wrong proxy or CA file ends the run at once.
  let network: HeadlessNetwork;
  try {
    network = createHeadlessNetwork({ env: process.env, ...(values.proxy !== undefined ? { proxy: values.proxy } : {}), ...(values.ca ? { caFile: values.ca } : {}) });
  } catch (err) {
    fail((err as Error).message);
  }
  const logger = createConsoleLogger({ stream: process.stderr, level: level as 'debug' | 'info' | 'warn' | 'error' });
  logger.log('info', `network: ${network.describe()}`);

  // Commands flow through `input`; with --password-stdin the first line is taken out first (typed
  // without echo on a terminal). LP_PASSWORD leaves process.env here, so no child inherits it.
  const input = new PassThrough();
  const appKey = takeEnvAppKey(process.env);
  if (appKey.kind === 'incomplete') fail(`app-key login needs all four variables; missing: ${appKey.missing.join(', ')}`);
  let password = takeEnvPassword(process.env);
  if (appKey.kind === 'ok' && (password !== undefined || values['password-stdin'])) {
    fail('set either the app-key variables or a password (LP_PASSWORD / --password-stdin), not both');
  }
  if (values['password-stdin']) {
    password = process.stdin.isTTY ? await readHiddenLine(process.stdin, process.stderr, 'Password: ') : undefined;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  if (values['password-stdin'] && !process.stdin.isTTY) password = await readFirstLine(rl);
  rl.on('line', (line) => input.write(`${line}\n`));
  rl.on('close', () => input.end());
  if (appKey.kind !== 'ok' && !password) fail('no password: set LP_PASSWORD or pass --password-stdin and write it as the first stdin line (bots: the LP_APP_KEY variables)');

  const session = createAgentSession({
    account: { accountId, ...(csdsUrl ? { csdsUrl } : {}) },
    transport: network.transport,
    credentials: appKey.kind === 'ok' ? { kind: 'appKey', username, ...appKey.secrets } : { kind: 'password', username, password: password ?? '' },
    initialAvailability: availability,
    logger,
  });

  // Network failures in plain words on stderr too (a proxy refusing, an untrusted certificate…), once each.
  let lastError: string | undefined;
  session.on('connection', (state) => {
    if (state.lastError !== undefined && state.lastError !== lastError) logger.log('warn', `connection: ${state.lastError}`);
    lastError = state.lastError;
  });

  const stop = (): void => {
    input.end();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const outcome = await runHeadless(session, { input, output: process.stdout });
  rl.close();
  if (outcome.tlsFailed) {
    const hint = outcome.tlsFailed.kind === 'tls-mismatch'
      ? 'check the scheme of --csds / LP_CSDS (https:// or http://) and its port'
      : outcome.tlsFailed.kind === 'cert-untrusted'
        ? 'if you trust this server, pass its certificate or its authority\'s (PEM) with --ca <file>'
        : 'check the server\'s certificate and this computer\'s clock';
    process.stderr.write(`agent: cannot connect securely: ${outcome.tlsFailed.message}\n  ${hint}; not retrying.\n`);
  }
  process.exitCode = outcome.authFailed ? 3 : outcome.tlsFailed ? 4 : 0;
  // The socket library may keep timers alive for a moment; nothing is left to do.
  process.stdin.destroy();
}

main().catch((err: unknown) => {
  process.stderr.write(`agent: ${(err as Error).message}\n`);
  process.exit(1);
});
