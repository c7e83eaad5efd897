import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import type { ChatMessage, Conversation, ConnectionState, Ring, SessionSnapshot, Skill } from '../../src-main/lp/index';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadlessChild } from './child';
import { png } from '../lp/helpers/images';

/** A fresh temp dir, removed when the test ends. */
function testDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Each test starts one or more `tsx` child processes: on a loaded machine that alone takes seconds.
describe('headless mode (child process against the simulator)', { timeout: 60_000 }, () => {
  let sim: Simulator;
  let children: HeadlessChild[] = [];

  beforeEach(async () => {
    // a rejected ring is offered again soon, so a test can reject and then accept the same conversation
    sim = await startSimulator({ reRingDelayMs: 50 });
  });
  afterEach(async () => {
    for (const c of children) c.kill();
    children = [];
    await sim.close();
  });

  function spawnAgent(args: string[], env: Record<string, string>): HeadlessChild {
    const c = new HeadlessChild(args, env);
    children.push(c);
    return c;
  }

  function startAgent(extraEnv: Record<string, string> = {}, args: string[] = []): HeadlessChild {
    const agent = sim.agents[0]!;
    return spawnAgent(['--account', sim.accountId, '--csds', sim.csdsUrl, ...args], {
      LP_USERNAME: agent.username,
      LP_PASSWORD: agent.password,
      ...extraEnv,
    });
  }

  /** Configured only through LP_ACCOUNT, LP_USERNAME, LP_PASSWORD and LP_CSDS: no flag at all. */
  function startAgentFromEnv(): HeadlessChild {
    const agent = sim.agents[0]!;
    return spawnAgent([], {
      LP_ACCOUNT: sim.accountId,
      LP_USERNAME: agent.username,
      LP_PASSWORD: agent.password,
      LP_CSDS: sim.csdsUrl,
    });
  }

  const assignedAgents = (conversationId: string): string[] =>
    sim.inspect.conversation(conversationId)?.participants.ASSIGNED_AGENT ?? [];

  it('works a whole conversation from JSON lines', async () => {
    // --account and --csds win over LP_ACCOUNT and LP_CSDS (which point nowhere here)
    const agent = startAgent({ LP_ACCOUNT: '99999999', LP_CSDS: 'http://127.0.0.1:9' });
    const password = sim.agents[0]!.password;
    await agent.event<ConnectionState>('connection', (s) => s.phase === 'online');
    expect(sim.inspect.agentState(sim.agents[0]!.username)).toBe('ONLINE');

    const consumer = await sim.consumers.open({ text: 'Hi, my card was charged twice', firstName: 'Ann' });
    const ring = await agent.event<Ring>('ring/offered', (r) => r.conversationId === consumer.conversationId);
    expect(ring.state).toBe('WAITING');
    expect(ring.expiresAt).toBeGreaterThan(Date.now());

    const accepted = await agent.command({ id: 'a1', cmd: 'accept', ringId: ring.ringId });
    expect(accepted).toMatchObject({ ok: true, cmd: 'accept' });
    await agent.event<Conversation>('conversation/upsert', (c) => c.conversationId === consumer.conversationId && c.mine);

    // the consumer's opening line arrives as history or live message
    await agent.next((l) => l.type === 'event'
      && ((l.event === 'message' && (l.data as ChatMessage).text === 'Hi, my card was charged twice')
        || (l.event === 'history' && (l.data as { messages: ChatMessage[] }).messages.some((m) => m.text === 'Hi, my card was charged twice'))),
    'consumer opening message');

    const sent = await agent.command({ id: 's1', cmd: 'send', conversationId: consumer.conversationId, text: 'Sorry about that, let me look.' });
    expect(sent.ok).toBe(true);
    const stored = await consumer.nextAgentMessage((m) => m.event.message === 'Sorry about that, let me look.');
    expect(stored.originatorId).toBe(`${sim.accountId}.${sim.agents[0]!.userId}`);
    await agent.event<ChatMessage>('message', (m) => m.own && m.delivery === 'sent' && m.sequence === stored.sequence);

    consumer.typing('COMPOSING');
    await agent.event<{ state: string; role: string }>('typing', (t) => t.state === 'COMPOSING' && t.role === 'CONSUMER');
    await consumer.send('Thanks!');
    await agent.event<ChatMessage>('message', (m) => m.text === 'Thanks!' && m.role === 'CONSUMER');

    const typing = await agent.command({ id: 't1', cmd: 'typing', conversationId: consumer.conversationId, state: 'COMPOSING' });
    expect(typing.ok).toBe(true);

    const skills = await agent.command({ id: 'k1', cmd: 'skills' });
    expect(skills.ok).toBe(true);
    expect((skills.result as Skill[]).map((s) => s.name)).toEqual(expect.arrayContaining(sim.skills.map((s) => s.name)));

    const profile = await agent.command({ id: 'p1', cmd: 'profile', consumerId: consumer.consumerId });
    expect(profile).toMatchObject({ ok: true, result: { firstName: 'Ann' } });

    const bad = await agent.command({ id: 'b1', cmd: 'accept', ringId: 'no-such-ring' });
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBeGreaterThan(0);

    agent.writeLine('this is not json');
    await agent.next((l) => l.type === 'result' && l.ok === false && (l.error?.message ?? '').includes('not JSON'), 'parse error');

    const closed = await agent.command({ id: 'c1', cmd: 'close', conversationId: consumer.conversationId });
    expect(closed.ok).toBe(true);
    await agent.event<{ conversationId: string }>('conversation/removed', (r) => r.conversationId === consumer.conversationId);
    expect(sim.inspect.conversation(consumer.conversationId)?.state).toBe('CLOSE');

    await agent.command({ id: 'q', cmd: 'quit' });
    expect(await agent.exited).toBe(0);
    // logged out on quit, and no secret anywhere in what the process printed
    expect(sim.inspect.sockets()).toHaveLength(0);
    const everything = [...agent.stdoutRaw, ...agent.stderr].join('\n');
    expect(everything).not.toContain(password);
  });

  it('exits 3 with a clear error when the login is refused', async () => {
    const agent = startAgent({ LP_PASSWORD: 'wrong-password' });
    const state = await agent.event<ConnectionState>('connection', (s) => s.phase === 'auth-failed');
    expect(state.lastError ?? '').toMatch(/401|credential|password|unauthori/i);
    expect(await agent.exited).toBe(3);
    expect([...agent.stdoutRaw, ...agent.stderr].join('\n')).not.toContain('wrong-password');
  });

  it('exits 2 on bad usage, a password flag included, before logging in', async () => {
    const { username } = sim.agents[0]!;
    const cases: Array<{ args: string[]; env: Record<string, string>; message: string }> = [
      { args: ['--account', sim.accountId, '--csds', sim.csdsUrl, '--password', 'flag-secret-1'], env: { LP_USERNAME: username }, message: 'never taken from the command line' },
      { args: ['--account', sim.accountId, '--csds', sim.csdsUrl, '--password=flag-secret-2'], env: { LP_USERNAME: username }, message: 'never taken from the command line' },
      { args: ['--csds', sim.csdsUrl], env: { LP_USERNAME: username, LP_PASSWORD: 'p' }, message: 'no account' },
      { args: ['--account', sim.accountId, '--no-such-option'], env: { LP_USERNAME: username, LP_PASSWORD: 'p' }, message: 'no-such-option' },
      { args: ['--account', sim.accountId, '--csds', 'ftp://127.0.0.1/x'], env: { LP_USERNAME: username, LP_PASSWORD: 'p' }, message: 'host[:port] alone (which means https://)' },
    ];
    // they all end before logging in, so they can run side by side
    const agents = cases.map((c) => spawnAgent(c.args, c.env));
    const codes = await Promise.all(agents.map((a) => a.exited));
    cases.forEach((c, i) => {
      const agent = agents[i]!;
      const stderr = agent.stderr.join('\n');
      expect(codes[i], c.args.join(' ')).toBe(2);
      expect(stderr, c.args.join(' ')).toContain(c.message);
      expect(stderr).toContain('--help');
      expect(agent.stdoutRaw).toEqual([]);
      expect(stderr).not.toMatch(/flag-secret/);
    });
    expect(sim.inspect.loginCount()).toBe(0);
  });

  it('takes its whole configuration from LP_ACCOUNT, LP_USERNAME, LP_PASSWORD and LP_CSDS; exits 0 at end of input', async () => {
    const agent = startAgentFromEnv();
    await agent.event<ConnectionState>('connection', (s) => s.phase === 'online');
    expect(sim.inspect.loginCount(sim.agents[0]!.username)).toBe(1);
    expect(sim.inspect.agentState(sim.agents[0]!.username)).toBe('ONLINE');
    agent.endInput();
    expect(await agent.exited).toBe(0);
    expect(sim.inspect.sockets()).toHaveLength(0);
  });

  it('ends quietly when its input ends before the connection is set up (no stale "socket closed" error)', async () => {
    const agent = startAgent();
    agent.endInput();
    expect(await agent.exited).toBe(0);
    expect(agent.lines.filter((l) => l.event === 'error')).toEqual([]);
    expect(agent.stderr.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
    expect(sim.inspect.sockets()).toHaveLength(0);
  });

  it('--help names `npm run -s agent` (npm\'s banner would land on stdout), the accepted --csds forms and exit code 4', async () => {
    const agent = spawnAgent(['--help'], {});
    expect(await agent.exited).toBe(0);
    const help = agent.stdoutRaw.join('\n');
    expect(help).toMatch(/^Usage: npm run -s agent -- \[options\]/);
    expect(help).toContain('-s keeps npm\'s own banner off stdout');
    expect(help).toContain('host[:port] alone');
    expect(help).toMatch(/4 when the server's certificate is not accepted/);
  });

  it('exits 2 naming the file when --ca cannot be read or holds no certificate, before logging in', async () => {
    const notPem = join(testDir('lpad-ca-'), 'not-a-cert.pem');
    writeFileSync(notPem, 'hello');
    const missing = startAgent({}, ['--ca', '/no/such/ca-file.pem']);
    const wrong = startAgent({}, ['--ca', notPem]);
    expect(await missing.exited).toBe(2);
    expect(await wrong.exited).toBe(2);
    expect(missing.stderr.join('\n')).toContain('cannot read CA file /no/such/ca-file.pem (ENOENT)');
    expect(wrong.stderr.join('\n')).toContain(`CA file ${notPem} holds no PEM certificate`);
    for (const a of [missing, wrong]) {
      expect(a.stderr.join('\n')).toContain('Run with --help for usage.');
      expect(a.stdoutRaw).toEqual([]);
    }
    expect(sim.inspect.loginCount()).toBe(0);
  });

  it('a bare host:port means https: against a plain-HTTP server it says "does not speak TLS" and stops (exit 4)', async () => {
    const agent = spawnAgent(['--account', sim.accountId, '--csds', sim.csdsUrl.replace(/^http:\/\//, '')], {
      LP_USERNAME: sim.agents[0]!.username, LP_PASSWORD: sim.agents[0]!.password,
    });
    const error = await agent.event<{ kind?: string; message: string }>('error');
    expect(error).toMatchObject({ kind: 'tls-mismatch', message: expect.stringContaining('does not speak TLS') });
    expect(await agent.exited).toBe(4);
    expect(agent.stderr.join('\n')).toMatch(/check the scheme of --csds/);
    expect(agent.stderr.join('\n')).not.toMatch(/network connection/);
    expect(agent.lines.filter((l) => l.event === 'connection' && (l.data as ConnectionState).phase === 'reconnecting')).toEqual([]);
  });

  it('a child process spawned by the agent has no LP_PASSWORD (removed from process.env once read)', async () => {
    const agent = sim.agents[0]!;
    const probed = new HeadlessChild(['--account', sim.accountId, '--csds', sim.csdsUrl], { LP_USERNAME: agent.username, LP_PASSWORD: agent.password }, ['--import', './test/headless/env-probe.ts']);
    children.push(probed);
    expect(await probed.event<{ has: boolean }>('test/child-env')).toEqual({ has: false });
    await probed.event<ConnectionState>('connection', (s) => s.phase === 'online'); // and the password still logged it in
  });

  it('reads the password from the first stdin line', async () => {
    const agent = startAgent({ LP_PASSWORD: '' }, ['--password-stdin']);
    agent.writeLine(sim.agents[0]!.password);
    await agent.event<ConnectionState>('connection', (s) => s.phase === 'online');
    agent.endInput();
    expect(await agent.exited).toBe(0);
  });

  it('runs every documented command through the CLI against the simulator', async () => {
    const { username, userId } = sim.agents[0]!;
    const legacyId = `${sim.accountId}.${userId}`;
    const agent = startAgent();
    await agent.event<ConnectionState>('connection', (s) => s.phase === 'online');
    expect(sim.inspect.agentState(username)).toBe('ONLINE');

    // For a moment after going online the core does not yet know which conversations are open (it
    // collects the subscription's snapshot), so a send to an unknown conversation is queued and fails
    // later, as a message event, once the snapshot is complete. Seeing that failure is also the sign
    // that the snapshot is done: from then on such a send is refused at once (checked further down).
    const probe = await agent.command({ id: 'early', cmd: 'send', conversationId: 'not-open-yet', text: 'Too early' });
    if (probe.ok) {
      const queued = probe.result as ChatMessage;
      expect(['queued', 'sending']).toContain(queued.delivery);
      const failed = await agent.event<ChatMessage>('message', (m) => m.localId === queued.localId && m.delivery === 'failed');
      expect(failed.error).toMatch(/no longer open/);
    } else {
      expect(probe.error?.message).toMatch(/unknown or closed conversation/i);
    }

    // state
    expect(await agent.command({ id: 'st1', cmd: 'state', availability: 'AWAY' })).toMatchObject({ ok: true, cmd: 'state', result: null });
    expect(sim.inspect.agentState(username)).toBe('AWAY');
    expect(await agent.command({ id: 'st2', cmd: 'state', availability: 'ONLINE' })).toMatchObject({ ok: true });
    expect(sim.inspect.agentState(username)).toBe('ONLINE');

    // skills
    const skills = await agent.command({ id: 'sk', cmd: 'skills' });
    expect(skills.ok).toBe(true);
    expect((skills.result as Skill[]).map((s) => s.id).sort()).toEqual(sim.skills.map((s) => s.id).sort());

    // reject, then accept the ring that follows
    const consumer = await sim.consumers.open({ skillId: '13', text: 'Hi, I need help with my bill', firstName: 'Ann' });
    const cid = consumer.conversationId;
    const seenRings = new Set<string>();
    const nextRing = async (): Promise<Ring> => {
      const r = await agent.event<Ring>('ring/offered', (x) => x.conversationId === cid && !seenRings.has(x.ringId));
      seenRings.add(r.ringId);
      return r;
    };
    /** Accepts the next ring of the conversation and waits until the session holds it as mine. */
    const acceptNext = async (id: string): Promise<Ring> => {
      const r = await nextRing();
      const from = agent.mark();
      expect(await agent.command({ id, cmd: 'accept', ringId: r.ringId })).toMatchObject({ ok: true, cmd: 'accept', result: null });
      await agent.event<Conversation>('conversation/upsert', (c) => c.conversationId === cid && c.mine, from);
      expect(assignedAgents(cid)).toEqual([legacyId]);
      return r;
    };
    const ring1 = await nextRing();
    expect(await agent.command({ id: 'rj', cmd: 'reject', ringId: ring1.ringId })).toMatchObject({ ok: true, cmd: 'reject' });
    expect(sim.inspect.conversation(cid)?.rings.find((r) => r.ringId === ring1.ringId)?.ringState).toBe('REJECTED');
    expect(assignedAgents(cid)).toEqual([]);
    await acceptNext('ac1');

    // send
    const sent = await agent.command({ id: 'se', cmd: 'send', conversationId: cid, text: 'Hello Ann, let me look.' });
    expect(sent).toMatchObject({ ok: true, cmd: 'send', result: { conversationId: cid, text: 'Hello Ann, let me look.', own: true } });
    expect(['queued', 'sending', 'sent']).toContain((sent.result as ChatMessage).delivery);
    const stored = await consumer.nextAgentMessage((m) => m.event.message === 'Hello Ann, let me look.');
    expect(stored.originatorId).toBe(legacyId);

    // typing
    expect(await agent.command({ id: 'ty', cmd: 'typing', conversationId: cid, state: 'COMPOSING' })).toMatchObject({ ok: true, cmd: 'typing' });
    const chatStates = sim.inspect.requests({ username })
      .map((r) => (r.body as { dialogId?: string; event?: { type?: string; chatState?: string } } | null))
      .filter((b) => b?.dialogId === cid && b.event?.type === 'ChatStateEvent');
    expect(chatStates.map((b) => b?.event?.chatState)).toContain('COMPOSING');

    // read
    const seq = await consumer.send('It is invoice 4711');
    await agent.event<ChatMessage>('message', (m) => m.conversationId === cid && m.sequence === seq);
    expect(await agent.command({ id: 'rd', cmd: 'read', conversationId: cid, sequences: [seq] })).toMatchObject({ ok: true, cmd: 'read' });
    expect(sim.inspect.messages(cid).filter((m) => m.role === 'ASSIGNED_AGENT' && m.event.type === 'AcceptStatusEvent'))
      .toEqual([expect.objectContaining({ originatorId: legacyId, event: expect.objectContaining({ status: 'READ', sequenceList: [seq] }) })]);

    // download-file: a consumer's photo (its message event carries the file's metadata), written to a new file
    const photo = png(9, 7);
    const fileSeq = (await consumer.sendFile({ fileType: 'PNG', caption: 'my receipt', bytes: photo })).sequence;
    const fileMsg = await agent.event<ChatMessage>('message', (m) => m.conversationId === cid && m.sequence === fileSeq);
    expect(fileMsg).toMatchObject({ contentType: 'hosted/file', file: { fileType: 'PNG', caption: 'my receipt', relativePath: expect.stringMatching(/^\//) as string } });
    const dir = testDir('lpad-files-');
    const target = join(dir, 'receipt.png');
    expect(await agent.command({ id: 'df', cmd: 'download-file', conversationId: cid, sequence: fileSeq, path: target }))
      .toMatchObject({ ok: true, cmd: 'download-file', result: { path: target, kind: 'PNG', mime: 'image/png', width: 9, height: 7, size: photo.length } });
    expect(readFileSync(target)).toEqual(photo);
    // never overwrites; a relative path is refused
    expect(await agent.command({ id: 'df2', cmd: 'download-file', conversationId: cid, sequence: fileSeq, path: target })).toMatchObject({ ok: false, error: { message: expect.stringContaining('exists already') } });
    expect(await agent.command({ id: 'df3', cmd: 'download-file', conversationId: cid, sequence: fileSeq, path: 'receipt.png' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('absolute') } });

    // send-file: answered once uploaded; exactly one hosted/file event at the simulator
    const outgoing = join(dir, 'form.png');
    writeFileSync(outgoing, png(4, 4));
    const sentFile = await agent.command({ id: 'sf', cmd: 'send-file', conversationId: cid, path: outgoing, caption: 'the form' });
    expect(sentFile).toMatchObject({ ok: true, cmd: 'send-file', result: { own: true, contentType: 'hosted/file', file: { fileType: 'PNG', caption: 'the form' } } });
    const agentFile = await consumer.nextAgentMessage((m) => m.event.contentType === 'hosted/file');
    expect(agentFile.event.message).toMatchObject({ caption: 'the form', fileType: 'PNG' });
    writeFileSync(join(dir, 'page.png'), '<html><script>alert(1)</script></html>');
    expect(await agent.command({ id: 'sf2', cmd: 'send-file', conversationId: cid, path: join(dir, 'page.png') })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Not sent') } });
    expect(sim.inspect.messages(cid).filter((m) => m.role !== 'CONSUMER' && m.event.contentType === 'hosted/file')).toHaveLength(1);

    // history
    const history = await agent.command({ id: 'hi', cmd: 'history', conversationId: cid });
    expect(history.ok).toBe(true);
    expect((history.result as ChatMessage[]).map((m) => m.text))
      .toEqual(expect.arrayContaining(['Hi, I need help with my bill', 'Hello Ann, let me look.', 'It is invoice 4711']));

    // profile
    expect(await agent.command({ id: 'pr', cmd: 'profile', consumerId: consumer.consumerId }))
      .toMatchObject({ ok: true, cmd: 'profile', result: { consumerId: consumer.consumerId, firstName: 'Ann' } });

    // snapshot
    const snap = await agent.command({ id: 'sn', cmd: 'snapshot' });
    expect(snap.ok).toBe(true);
    const snapshot = snap.result as SessionSnapshot;
    expect(snapshot.connection.phase).toBe('online');
    expect(snapshot.availability).toBe('ONLINE');
    expect(snapshot.profile?.legacyId).toBe(legacyId);
    expect(snapshot.conversations).toEqual([expect.objectContaining({ conversationId: cid, mine: true, skillId: '13' })]);
    expect(snapshot.messages[cid]?.map((m) => m.text)).toEqual(expect.arrayContaining(['Hello Ann, let me look.', 'It is invoice 4711']));

    // transfer (README's example: to skill 11); the simulator offers it again, to this agent too
    expect(await agent.command({ id: 'tr', cmd: 'transfer', conversationId: cid, skillId: '11' })).toMatchObject({ ok: true, cmd: 'transfer' });
    expect(sim.inspect.conversation(cid)?.skillId).toBe('11');
    expect(assignedAgents(cid)).toEqual([]);
    const ring3 = await acceptNext('ac2');
    expect(ring3.skillId).toBe('11');

    // back-to-queue
    expect(await agent.command({ id: 'bq', cmd: 'back-to-queue', conversationId: cid })).toMatchObject({ ok: true, cmd: 'back-to-queue' });
    expect(assignedAgents(cid)).toEqual([]);
    expect(sim.inspect.conversation(cid)?.state).toBe('OPEN');
    await acceptNext('ac3');

    // close
    expect(await agent.command({ id: 'cl', cmd: 'close', conversationId: cid })).toMatchObject({ ok: true, cmd: 'close' });
    expect(sim.inspect.conversation(cid)?.state).toBe('CLOSE');
    await agent.event<{ conversationId: string }>('conversation/removed', (r) => r.conversationId === cid);

    // sends the core refuses are failures, and nothing reaches the simulator
    const storedBefore = sim.inspect.messages(cid).length;
    const toClosed = await agent.command({ id: 'x1', cmd: 'send', conversationId: cid, text: 'Anything else?' });
    expect(toClosed).toMatchObject({ ok: false, cmd: 'send', error: { code: 400, location: 'Headless#Send', message: expect.stringMatching(/unknown or closed conversation/i) } });
    const toUnknown = await agent.command({ id: 'x2', cmd: 'send', conversationId: 'no-such-conversation', text: 'Hello?' });
    expect(toUnknown).toMatchObject({ ok: false, error: { message: expect.stringMatching(/unknown or closed conversation/i) } });
    const blank = await agent.command({ id: 'x3', cmd: 'send', conversationId: cid, text: '   ' });
    expect(blank).toMatchObject({ ok: false, error: { message: expect.stringMatching(/empty/i) } });
    const empty = await agent.command({ id: 'x4', cmd: 'send', conversationId: cid, text: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 400, location: 'Headless#Parse', message: expect.stringContaining('"text"') } });
    expect(sim.inspect.messages(cid)).toHaveLength(storedBefore);
    for (const id of ['x1', 'x2', 'x3', 'x4']) expect(agent.lines.filter((l) => l.type === 'result' && l.id === id)).toHaveLength(1);

    // malformed lines: one ok:false result each (id echoed when there is one), and the process goes on
    const from = agent.mark();
    agent.writeLine('this is not json');
    await agent.next((l) => l.type === 'result' && l.ok === false && l.id === undefined && (l.error?.message ?? '').includes('not JSON'), 'not-JSON result', 15_000, from);
    expect(await agent.command({ id: 'm1', cmd: 'format-disk' })).toMatchObject({ ok: false, error: { code: 400, location: 'Headless#Parse', message: expect.stringContaining('invalid command') } });
    expect(await agent.command({ id: 'm2', cmd: 'accept' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('"ringId"') } });
    expect(await agent.command({ id: 'm3', cmd: 'transfer', conversationId: cid })).toMatchObject({ ok: false, error: { message: expect.stringContaining('"skillId"') } });
    expect(await agent.command({ id: 'm4', cmd: 'accept', ringId: 'no-such-ring' })).toMatchObject({ ok: false, cmd: 'accept', error: { code: 404 } });

    // reconnect: a new socket, online again, still ONLINE at the simulator
    const oldSockets = new Set(sim.inspect.sockets().map((s) => s.socketId));
    const reopened = sim.waitFor('socketOpen', (e) => e.username === username && !oldSockets.has(e.socketId), 10_000);
    const beforeReconnect = agent.mark();
    expect(await agent.command({ id: 'rc', cmd: 'reconnect' })).toMatchObject({ ok: true, cmd: 'reconnect', result: null });
    const socket = await reopened;
    const online = await agent.event<ConnectionState>('connection', (s) => s.phase === 'online', beforeReconnect);
    expect(online.reconnects).toBeGreaterThanOrEqual(1);
    expect(sim.inspect.sockets().map((s) => s.socketId)).toContain(socket.socketId);
    expect(sim.inspect.agentState(username)).toBe('ONLINE');
    // Right after a (re)connect the open conversations are not known yet (the snapshot is still being
    // collected), but a conversation this session closed is known to be closed: refused at once.
    const afterReconnect = await agent.command({ id: 'x5', cmd: 'send', conversationId: cid, text: 'Still there?' });
    expect(afterReconnect).toMatchObject({ ok: false, cmd: 'send', error: { code: 400, message: expect.stringMatching(/unknown or closed conversation/i) } });
    expect(sim.inspect.messages(cid)).toHaveLength(storedBefore);
    expect(await agent.command({ id: 'sk2', cmd: 'skills' })).toMatchObject({ ok: true });

    // quit
    expect(await agent.command({ id: 'q', cmd: 'quit' })).toMatchObject({ ok: true, cmd: 'quit', result: null });
    expect(await agent.exited).toBe(0);
    expect(sim.inspect.sockets()).toHaveLength(0);
    expect(sim.inspect.agentState(username)).toBe('OFFLINE');
    expect(agent.lines.filter((l) => l.type === 'result' && l.id === 'q')).toHaveLength(1);
  });
});

describe('headless mode against a TLS simulator', { timeout: 60_000 }, () => {
  let sim: Simulator;
  const children: HeadlessChild[] = [];
  beforeEach(async () => {
    sim = await startSimulator({ tls: true });
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill();
    await sim.close();
  });
  const start = (csds: string, args: string[] = []): HeadlessChild => {
    const c = new HeadlessChild(['--account', sim.accountId, '--csds', csds, ...args], {
      LP_USERNAME: sim.agents[0]!.username, LP_PASSWORD: sim.agents[0]!.password,
    });
    children.push(c);
    return c;
  };

  it('an untrusted certificate is said as such (with --ca), not retried, exit 4; with --ca it works', async () => {
    const untrusted = start(sim.csdsUrl);
    const error = await untrusted.event<{ kind?: string; message: string }>('error');
    expect(error).toMatchObject({ kind: 'cert-untrusted', message: expect.stringContaining('DEPTH_ZERO_SELF_SIGNED_CERT') });
    expect(await untrusted.exited).toBe(4);
    expect(untrusted.stderr.join('\n')).toContain('--ca <file>');
    expect(untrusted.lines.filter((l) => l.event === 'connection' && (l.data as ConnectionState).phase === 'reconnecting')).toEqual([]);
    expect(sim.inspect.loginCount()).toBe(0);

    const caFile = join(testDir('lpad-ca-'), 'sim.pem');
    writeFileSync(caFile, sim.tls!.cert);
    const trusted = start(sim.csdsUrl, ['--ca', caFile]);
    await trusted.event<ConnectionState>('connection', (st) => st.phase === 'online');
    trusted.endInput();
    expect(await trusted.exited).toBe(0);
  });

  it('http:// against a TLS server says "the server speaks TLS" and stops (exit 4)', async () => {
    const agent = start(sim.csdsUrl.replace(/^https:/, 'http:'));
    const error = await agent.event<{ kind?: string; message: string }>('error');
    expect(error).toMatchObject({ kind: 'tls-mismatch', message: expect.stringContaining('speaks TLS') });
    expect(await agent.exited).toBe(4);
  });
});
