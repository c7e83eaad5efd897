/**
 * `npm run agent` — the Getting Started walkthrough as a scriptable agent: one JSON event per line
 * out, JSON commands in (see commands.ts and run.ts). Logs go to stderr, redacted.
 *
 *   LP_ACCOUNT, LP_USERNAME, LP_PASSWORD, LP_CSDS  or  --account --username --csds
 *   The password comes only from LP_PASSWORD or, with --password-stdin, the first stdin line.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { AVAILABILITIES, createAgentSession, createConsoleLogger, type Availability } from '../lp/index';
import { runHeadless } from './run';

const HELP = `Usage: npm run agent -- [options]

Logs in as a LivePerson messaging agent, goes online, prints every session event as one JSON
object per line on stdout, and takes commands as JSON lines on stdin.

Options (or environment):
  --account <id>        LP_ACCOUNT    account (site) id
  --username <name>     LP_USERNAME   agent login name
  --csds <url>          LP_CSDS       domain service base URL (default https://adminlogin.liveperson.net;
                                      http://127.0.0.1:PORT for the simulator)
  --availability <a>    ${AVAILABILITIES.join(', ')} (default ONLINE)
  --password-stdin      read the password from the first stdin line (else LP_PASSWORD)
  --ca <file>           trust this PEM certificate too (simulator with --tls)
  --log-level <level>   debug | info | warn | error (stderr; default info)
  --help

Commands (one JSON object per line, "id" optional and echoed in the result line):
  {"id":"1","cmd":"state","availability":"AWAY"}
  {"cmd":"accept","ringId":"…"}   {"cmd":"reject","ringId":"…"}
  {"cmd":"send","conversationId":"…","text":"Hello!"}
  {"cmd":"note","conversationId":"…","text":"For my supervisor"}   (private: agents and managers only)
  {"cmd":"typing","conversationId":"…","state":"COMPOSING"}
  {"cmd":"read","conversationId":"…","sequences":[1,2]}
  {"cmd":"close","conversationId":"…"}   {"cmd":"back-to-queue","conversationId":"…"}
  {"cmd":"transfer","conversationId":"…","skillId":"12"}
  {"cmd":"skills"}   {"cmd":"profile","consumerId":"…"}   {"cmd":"history","conversationId":"…"}
  {"cmd":"snapshot"}   {"cmd":"reconnect"}   {"cmd":"quit"}

Exit codes: 0 after quit or end of input; 2 for bad usage; 3 when the login is refused.`;

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
  const csdsUrl = values.csds ?? process.env.LP_CSDS;
  if (!accountId) fail('no account: pass --account or set LP_ACCOUNT');
  if (!username) fail('no username: pass --username or set LP_USERNAME');
  const availability = (values.availability ?? 'ONLINE').toUpperCase();
  if (!isAvailability(availability)) fail(`unknown availability "${availability}"`);
  const level = values['log-level'] ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) fail(`unknown log level "${level}"`);

  // Commands flow through `input`; with --password-stdin the first line is taken out first.
  const input = new PassThrough();
  let password = process.env.LP_PASSWORD;
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  if (values['password-stdin']) {
    const first = await new Promise<string | undefined>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(undefined));
    });
    password = first;
  }
  rl.on('line', (line) => input.write(`${line}\n`));
  rl.on('close', () => input.end());
  if (!password) fail('no password: set LP_PASSWORD or pass --password-stdin and write it as the first stdin line');

  let trustedCa: string[] | undefined;
  if (values.ca) {
    const { readFileSync } = await import('node:fs');
    trustedCa = [readFileSync(values.ca, 'utf8')];
  }

  const session = createAgentSession({
    account: { accountId, ...(csdsUrl ? { csdsUrl } : {}), ...(trustedCa ? { trustedCa } : {}) },
    credentials: { kind: 'password', username, password },
    initialAvailability: availability,
    logger: createConsoleLogger({ stream: process.stderr, level: level as 'debug' | 'info' | 'warn' | 'error' }),
  });

  const stop = (): void => {
    input.end();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const outcome = await runHeadless(session, { input, output: process.stdout });
  rl.close();
  process.exitCode = outcome.authFailed ? 3 : 0;
  // The socket library may keep timers alive for a moment; nothing is left to do.
  process.stdin.destroy();
}

main().catch((err: unknown) => {
  process.stderr.write(`agent: ${(err as Error).message}\n`);
  process.exit(1);
});
