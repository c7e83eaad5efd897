/**
 * Frame fuzzing over a REAL socket: a session (createAgentSession's composition: createConnection +
 * createSessionOnConnection, so the test can hold the connection for its marker round trips) logged
 * in to the simulator, online, with an accepted conversation, gets LPAD_FUZZ_FRAMES (default 10 000)
 * generated frames through sim.faults.sendRaw. Seeded (LPAD_FUZZ_SEED; printed on failure).
 *
 * Each fuzz frame is followed by a sentinel (a response to an unknown reqId whose code carries the
 * frame's index): the core handles frames synchronously and in order, so the log lines between two
 * sentinels are exactly what that frame caused. Between batches the test awaits a `.GetClock` round
 * trip (every frame sent before its response has been handled) instead of sleeping.
 *
 * Asserts: no crash, no unhandled rejection / uncaught exception, each bad frame logged exactly once
 * (tolerated frames at most once), no secret of a frame verbatim in any log line, Object.prototype
 * unpolluted, no duplicate messages, and afterwards the session still sends, receives and accepts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import type { Simulator } from '../../src-main/simulator/api';
import { createConnection, createSessionOnConnection, memoryOutboxStore, type AgentConnection, type DiagnosableSession, type SessionOptions, type LogLevel, type SessionEvents } from '../../src-main/lp/index';
import { prng } from '../fault/harness';

const FRAMES = Number(process.env.LPAD_FUZZ_FRAMES ?? 10_000);
// A fixed default seed: CI runs are reproducible; set LPAD_FUZZ_SEED to explore others.
const SEED = Number(process.env.LPAD_FUZZ_SEED ?? 20_261_125);
const BATCH = 250;
const SENTINEL_BASE = 7_000_000;
const SECRET_TOKEN = 'FZtok3nQ9xLw7Rk2Vb8Nc4Md';
const SECRET_PASSWORD = 'FZpassW0rd5Hj6Kl1Zx';

// ---------- seeded PRNG (mulberry32) ----------


type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** 'bad': must be logged exactly once; 'odd': tolerated, logged at most once. */
type Category = 'bad' | 'odd';
interface FuzzFrame { gen: string; category: Category; text: string }

interface Ctx {
  cid: string;
  /** The real conversation's stored events as the wire carries them (for replays). */
  realEvents: Array<Record<string, Json>>;
  myUserId: string;
}

class Gen {
  constructor(readonly rnd: () => number) {}
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  str(max = 12): string {
    const n = this.int(max) + 1;
    let s = '';
    for (let i = 0; i < n; i += 1) s += String.fromCharCode(97 + this.int(26));
    return s;
  }
  /** A value of some JSON type other than `not`. */
  wrong(not: string): Json {
    const all: Array<[string, () => Json]> = [
      ['string', () => this.pick(['', 'x', 'Bearer', '-1', 'NaN', this.str()])],
      ['number', () => this.pick([0, -1, 1.5, 1e308, -0, 2 ** 53])],
      ['boolean', () => this.rnd() < 0.5],
      ['null', () => null],
      ['array', () => this.pick([[], [1, 'a'], [{}]])],
      ['object', () => this.pick<Json>([{}, { a: 1 }, { __proto__x: 1 }])],
    ];
    const options = all.filter(([t]) => t !== not);
    return this.pick(options)[1]();
  }
  /** Random code units, including lone surrogates, NUL and controls (a text frame carries them as UTF-8, U+FFFD for surrogates). */
  garbage(max: number): string {
    const n = this.int(max) + 1;
    let s = '';
    for (let i = 0; i < n; i += 1) {
      const r = this.rnd();
      s += r < 0.1 ? String.fromCharCode(0xd800 + this.int(0x800)) : r < 0.2 ? String.fromCharCode(this.int(32)) : String.fromCharCode(this.int(0xffff));
    }
    return s;
  }
}

const TYPES = {
  routing: 'routing.RoutingTaskNotification',
  conv: 'cqm.ExConversationChangeNotification',
  msg: 'ms.OnlineEventDistribution',
  agent: 'routing.AgentStateNotification',
} as const;

function note(type: string, body: Json): Record<string, Json> {
  return { kind: 'notification', type, body };
}

/** Templates of well-formed bodies that change nothing (unknown ids, ended rings). */
function routingTemplate(g: Gen): Record<string, Json> {
  return {
    type: 'UPSERT',
    result: { routingTaskId: `rt-${g.str()}`, conversationId: `fz-${g.str()}`, skillId: '11', ringsDetails: [{ ringId: `fz-ring-${g.str()}`, ringState: 'CANCELLED', ringExpiration: 60_000 }] },
  };
}
function convTemplate(g: Gen): Record<string, Json> {
  const id = `fz-${g.str()}`;
  return {
    type: 'UPSERT',
    result: {
      convId: id,
      conversationDetails: {
        skillId: '11', state: 'OPEN', participants: { CONSUMER: [`c-${g.str()}`] },
        dialogs: [{ dialogId: id, participantsDetails: [{ id: 'c1', role: 'CONSUMER' }] }],
      },
    },
  };
}
function agentTemplate(g: Gen): Record<string, Json> {
  return { type: 'UPSERT', result: { agentUserId: `999${g.int(1000)}`, availability: g.pick(['AWAY', 'ONLINE']) } };
}
function msgTemplate(g: Gen, dialogId: string): Record<string, Json> {
  return {
    sequence: g.int(50), dialogId, serverTimestamp: Date.now(), originatorId: 'c1', originatorMetadata: { id: 'c1', role: 'CONSUMER' },
    event: { type: 'ContentEvent', message: g.str(), contentType: 'text/plain' },
  };
}

function deep(levels: number, open: string, close: string, inner = '1'): string {
  return open.repeat(levels) + inner + close.repeat(levels);
}

/** One generated frame per call; `i` lets the rare, heavy generators run a few times only. */
function generate(g: Gen, ctx: Ctx, i: number): FuzzFrame {
  const J = (v: Json): string => JSON.stringify(v);
  // Heavy frames: a few, not thousands.
  if (i % 2000 === 1) return { gen: 'huge-string', category: 'odd', text: J(note('fz.Huge', { s: 'x'.repeat(1_000_000) })) };
  if (i % 2000 === 2) return { gen: 'huge-array', category: 'bad', text: J(note(TYPES.routing, { changes: Array.from({ length: 100_000 }, (_v, k) => k) })) };
  if (i % 2000 === 3) return { gen: 'deep-10k', category: 'odd', text: `{"kind":"notification","type":"fz.Deep","body":${deep(10_000, '[', ']')}}` };
  if (i % 2000 === 4) return { gen: 'deep-200k-array', category: 'bad', text: deep(200_000, '[', ']') };
  if (i % 2000 === 5) return { gen: 'deep-200k-object', category: 'bad', text: `{"kind":"notification","type":"fz.Deep","body":${deep(200_000, '{"a":', '}')}}` };
  if (i % 2000 === 6) return { gen: 'huge-conv-changes', category: 'bad', text: J(note(TYPES.conv, { changes: 'x'.repeat(1_000_000) })) };
  const kind = g.int(16);
  switch (kind) {
    case 0: {
      // truncated JSON of a plausible frame
      const full = J(note(TYPES.msg, msgTemplate(g, `fz-${g.str()}`)));
      return { gen: 'truncated', category: 'bad', text: full.slice(0, 1 + g.int(full.length - 2)) };
    }
    case 1:
      return { gen: 'garbage', category: 'bad', text: `\u0001${g.garbage(200)}` };
    case 2: {
      const k = g.pick<Json>([5, null, 'Resp', 'notify', '', [], {}, true, `Bearer ${SECRET_TOKEN}`]);
      return { gen: 'wrong-kind', category: 'bad', text: J({ kind: k, type: TYPES.routing, body: {} }) };
    }
    case 3: {
      const type = g.pick([`fz.${g.str()}`, `.ams.${g.str()}.${g.str()}`, 'GetClock', `Bearer ${SECRET_TOKEN}`, `password=${SECRET_PASSWORD}`, g.str(80)]);
      return { gen: 'unknown-type', category: 'odd', text: J(note(type, { x: 1 })) };
    }
    case 4: {
      // known type, a change with a missing or wrongly typed required field
      const t = g.pick([TYPES.routing, TYPES.conv, TYPES.agent] as const);
      const change = t === TYPES.routing ? routingTemplate(g) : t === TYPES.conv ? convTemplate(g) : agentTemplate(g);
      const result = change.result as Record<string, Json>;
      const m = g.int(6);
      if (m === 0) delete change.type;
      else if (m === 1) change.type = g.wrong('string');
      else if (m === 2) delete change.result;
      else if (m === 3) change.result = g.pick<Json>([5, 'x', null, true]);
      else if (t === TYPES.routing) (result.ringsDetails as Array<Record<string, Json>>)[0]![m === 4 ? 'ringId' : 'ringState'] = m === 4 ? g.wrong('string') === null ? null : [] : 7;
      else if (t === TYPES.conv) (result.conversationDetails as Record<string, Json>).dialogs = [{ dialogId: g.pick<Json>([null, true, {}]) }];
      else result.agentUserId = g.pick<Json>([{}, [], true]);
      return { gen: `bad-change-${m}`, category: 'bad', text: J(note(t, { changes: [change] })) };
    }
    case 5: {
      // known type, optional field removed or oddly typed (tolerated or rejected, never both)
      const t = g.pick([TYPES.routing, TYPES.conv, TYPES.agent] as const);
      const change = t === TYPES.routing ? routingTemplate(g) : t === TYPES.conv ? convTemplate(g) : agentTemplate(g);
      const result = change.result as Record<string, Json>;
      const keys = Object.keys(result);
      const key = g.pick(keys);
      if (g.rnd() < 0.5) delete result[key];
      else result[key] = g.wrong(typeof result[key]);
      return { gen: 'odd-field', category: 'odd', text: J(note(t, { changes: g.rnd() < 0.5 ? [change] : change })) };
    }
    case 6: {
      // envelope wrongly typed
      const t = g.pick([TYPES.routing, TYPES.conv, TYPES.agent] as const);
      const body = g.pick<Json>([5, 'changes', true, { changes: 5 }, { changes: 'x' }, { changes: [7] }, { subscriptionId: 9, changes: [] }]);
      const bad = !(typeof body === 'object' && body !== null && !Array.isArray(body) && Array.isArray(body.changes) && body.changes.length === 0);
      return { gen: 'bad-envelope', category: bad ? 'bad' : 'odd', text: J(note(t, body)) };
    }
    case 7: {
      // messaging: wrongly typed required parts, for the real conversation and for unknown ones
      const ev = msgTemplate(g, g.rnd() < 0.5 ? ctx.cid : `fz-${g.str()}`);
      const m = g.int(4);
      if (m === 0) ev.event = g.pick<Json>([5, 'x', null, []]);
      else if (m === 1) ev.event = { message: 'no type' };
      else if (m === 2) ev.sequence = g.pick<Json>(['abc', {}, [], true]);
      else ev.dialogId = g.pick<Json>([{}, [], true]);
      return { gen: `bad-message-${m}`, category: 'bad', text: J(note(TYPES.msg, ev)) };
    }
    case 8: {
      // duplicate / out-of-order replays of the real conversation's events (ids and numbers as the wire may vary)
      const real = g.pick(ctx.realEvents);
      const ev: Record<string, Json> = { ...real };
      if (g.rnd() < 0.3 && typeof ev.sequence === 'number') ev.sequence = String(ev.sequence);
      return { gen: 'replay', category: 'odd', text: J(note(TYPES.msg, ev)) };
    }
    case 9: {
      // messages for conversations this agent does not hold
      return { gen: 'foreign-message', category: 'odd', text: J(note(TYPES.msg, msgTemplate(g, `fz-${g.str()}`))) };
    }
    case 10: {
      // responses for unknown reqIds, well and badly formed
      const r = g.int(3);
      if (r === 0) return { gen: 'resp-unknown', category: 'odd', text: J({ kind: 'resp', reqId: g.pick<Json>([g.str(), g.int(1e6), `${g.int(99)}`]), code: g.pick([200, 400, 500, '201']), body: g.pick<Json>([{}, 'x', null]) }) };
      if (r === 1) return { gen: 'resp-bad', category: 'bad', text: J({ kind: 'resp', reqId: g.pick<Json>([null, {}, [], true]), code: 200 }) };
      return { gen: 'resp-bad-code', category: 'bad', text: J({ kind: 'resp', reqId: g.str(), code: g.pick<Json>(['ok', null, {}, '2x']) }) };
    }
    case 11: {
      // bare values and arrays instead of an object
      return { gen: 'not-object', category: 'bad', text: g.pick([J([note(TYPES.msg, {})]), '[]', '5', '"str"', 'null', 'true', '-0', '1e999']) };
    }
    case 12: {
      // prototype-pollution keys anywhere
      const poison = `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}`;
      const pick = g.int(5);
      if (pick === 0) return { gen: 'proto-frame', category: 'odd', text: `{"kind":"notification","type":"fz.P","__proto__":{"polluted":"yes"},"body":${poison}}` };
      if (pick === 1) return { gen: 'proto-changes', category: 'odd', text: `{"kind":"notification","type":".ams.aam.ExConversationChangeNotification","body":{"changes":[{"type":"UPSERT","result":{"convId":"fz-p","__proto__":{"polluted":"yes"},"conversationDetails":{"participants":${poison},"dialogs":[]}}}]}}` };
      if (pick === 2) return { gen: 'proto-message', category: 'odd', text: `{"kind":"notification","type":".ams.ms.OnlineEventDistribution","body":{"dialogId":"__proto__","sequence":1,"event":{"type":"ContentEvent","message":"p","__proto__":{"polluted":"yes"}}}}` };
      if (pick === 3) return { gen: 'proto-resp', category: 'odd', text: `{"kind":"resp","reqId":"__proto__","code":200,"body":${poison}}` };
      return { gen: 'proto-routing', category: 'odd', text: `{"kind":"notification","type":".ams.routing.RoutingTaskNotification","body":{"changes":{"type":"UPSERT","result":{"__proto__":{"polluted":"yes"},"ringsDetails":{"ringId":"constructor","ringState":"CANCELLED"}}}}}` };
    }
    case 13: {
      // secrets inside frames: never verbatim in a log line
      const pick = g.int(4);
      if (pick === 0) return { gen: 'secret-type', category: 'odd', text: J(note(`Bearer ${SECRET_TOKEN}`, { password: SECRET_PASSWORD })) };
      if (pick === 1) return { gen: 'secret-participants', category: 'bad', text: J(note(TYPES.conv, { changes: [{ type: 'UPSERT', result: { convId: 'fz-s', conversationDetails: { participants: { [`"password":"${SECRET_PASSWORD}"`]: [{}], [`Bearer ${SECRET_TOKEN}`]: [{}] }, dialogs: [] } } }] })) };
      if (pick === 2) return { gen: 'secret-req', category: 'odd', text: J({ kind: 'req', id: 1, type: `Bearer ${SECRET_TOKEN}`, body: { password: SECRET_PASSWORD } }) };
      return { gen: 'secret-garbage', category: 'bad', text: `{"password":"${SECRET_PASSWORD}","authorization":"Bearer ${SECRET_TOKEN}"` };
    }
    case 14: {
      // server request frames and kind-less frames
      const pick = g.int(3);
      if (pick === 0) return { gen: 'server-req', category: 'odd', text: J({ kind: 'req', id: g.str(), type: g.str(), body: {} }) };
      if (pick === 1) return { gen: 'kindless-type', category: 'odd', text: J({ type: `fz.${g.str()}`, body: {} }) };
      return { gen: 'kindless-empty', category: 'bad', text: J({ body: { a: 1 } }) };
    }
    default: {
      // a random JSON value of bounded size
      const value = (depth: number): Json => {
        const r = g.int(depth > 3 ? 4 : 7);
        if (r === 0) return g.int(1000) - 500;
        if (r === 1) return g.str();
        if (r === 2) return null;
        if (r === 3) return g.rnd() < 0.5;
        if (r === 4) return Array.from({ length: g.int(4) }, () => value(depth + 1));
        const o: Record<string, Json> = {};
        for (let k = g.int(4); k > 0; k -= 1) o[g.pick(['kind', 'type', 'body', 'reqId', 'code', g.str()])] = value(depth + 1);
        return o;
      };
      return { gen: 'random-json', category: 'odd', text: J(value(0)) };
    }
  }
}

// ---------- harness ----------

interface Line { level: LogLevel; message: string; fields: string }

let sim: Simulator | undefined;
let session: DiagnosableSession | undefined;
let connection: AgentConnection | undefined;
const lines: Line[] = [];
const problems: string[] = [];
const onRejection = (reason: unknown): void => {
  problems.push(`unhandledRejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
};
const onException = (err: Error): void => {
  problems.push(`uncaughtException: ${err.stack ?? err.message}`);
};
const events: Array<{ event: keyof SessionEvents; data: unknown }> = [];
const waiters = new Set<() => void>();

function until(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (cond()) return resolve();
    const timer = setTimeout(() => {
      waiters.delete(w);
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const w = (): void => {
      if (!cond()) return;
      clearTimeout(timer);
      waiters.delete(w);
      resolve();
    };
    waiters.add(w);
  });
}

function of<K extends keyof SessionEvents>(event: K, from = 0): Array<SessionEvents[K]> {
  return events.slice(from).filter((e) => e.event === event).map((e) => e.data as SessionEvents[K]);
}

beforeAll(() => {
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
});

afterAll(() => {
  process.off('unhandledRejection', onRejection);
  process.off('uncaughtException', onException);
});

afterEach(async () => {
  await session?.stop({ logout: false }).catch(() => undefined);
  await sim?.close();
  session = undefined;
  sim = undefined;
});

describe('frame fuzzing over a real socket', () => {
  it(`survives ${FRAMES} generated frames (seed ${SEED})`, { timeout: 120_000 }, async (testCtx) => {
    testCtx.onTestFailed(() => {
      console.error(`frames fuzz failed: reproduce with LPAD_FUZZ_SEED=${SEED} LPAD_FUZZ_FRAMES=${FRAMES}`);
    });
    const started = Date.now();
    sim = await startSimulator({ reRingDelayMs: 50 });
    const seed = sim.agents[0]!;
    const opts: SessionOptions = {
      account: { accountId: sim.accountId, csdsUrl: sim.csdsUrl },
      credentials: { kind: 'password', username: seed.username, password: seed.password },
      outboxStore: memoryOutboxStore(),
      logger: {
        log: (level, message, fields) => {
          lines.push({ level, message, fields: fields === undefined ? '' : JSON.stringify(fields) });
        },
      },
      timing: { backoffBaseMs: 50, backoffMaxMs: 300, requestTimeoutMs: 10_000 },
    };
    connection = createConnection(opts);
    session = createSessionOnConnection(connection, opts, { snapshotWindowMs: 300, retryDelayMs: 200 });
    const names: Array<keyof SessionEvents> = ['connection', 'ring/offered', 'ring/ended', 'conversation/upsert', 'conversation/removed', 'message', 'history', 'error'];
    for (const n of names) session.on(n, (data) => {
      events.push({ event: n, data });
      for (const w of [...waiters]) w();
    });
    await session.start();
    await until(() => of('connection').some((c) => c.phase === 'online'), 'online');
    const consumer = await sim.consumers.open({ text: 'fuzz opening', firstName: 'Fuzz', lastName: 'Target' });
    const cid = consumer.conversationId;
    await until(() => of('ring/offered').some((r) => r.conversationId === cid), 'the first ring');
    await session.acceptRing(of('ring/offered').find((r) => r.conversationId === cid)!.ringId);
    await until(() => of('history').some((h) => h.conversationId === cid && h.messages.some((m) => m.text === 'fuzz opening')), 'history');
    await consumer.send('second');
    await until(() => of('message').some((m) => m.text === 'second'), 'the second message');
    const sent0 = session.sendText(cid, 'agent before');
    await until(() => of('message').some((m) => m.localId === sent0.localId && m.delivery === 'sent'), 'the agent message ack');

    const realEvents = sim.inspect.messages(cid).map((m) => ({
      sequence: m.sequence, dialogId: m.dialogId, originatorId: m.originatorId, serverTimestamp: m.serverTimestamp,
      originatorMetadata: { id: m.originatorId, role: m.role }, event: m.event as Record<string, Json>,
    } as Record<string, Json>));
    expect(realEvents.length).toBeGreaterThanOrEqual(3);
    const before = session.snapshot().messages[cid]!.map((m) => `${m.sequence}:${m.text}`);
    const ctx: Ctx = { cid, realEvents, myUserId: seed.userId };
    const username = seed.username;
    const conn = connection;
    const marker = async (): Promise<void> => {
      await conn.request('GetClock', {});
    };
    await marker();
    const errorsBefore = of('error').length;
    const setupLines = lines.length;

    // ---------- the storm ----------
    const g = new Gen(prng(SEED));
    const frames: FuzzFrame[] = [];
    const perFrame: Line[][] = [];
    let cursor = lines.length;
    let current: Line[] = [];
    const collect = (): void => {
      // Lines since the last look, split at sentinels (code SENTINEL_BASE + i ends frame i's window).
      for (; cursor < lines.length; cursor += 1) {
        const l = lines[cursor]!;
        const m = / code (\d+)$/.exec(l.message);
        if (m && Number(m[1]) >= SENTINEL_BASE && l.message.startsWith('Response to an unknown request id')) {
          perFrame[Number(m[1]) - SENTINEL_BASE] = current;
          current = [];
        } else {
          current.push(l);
        }
      }
    };
    for (let i = 0; i < FRAMES; i += 1) {
      const f = generate(g, ctx, i);
      frames.push(f);
      expect(sim.faults.sendRaw(f.text, { username })).toBe(1);
      sim.faults.sendRaw(JSON.stringify({ kind: 'resp', reqId: `sentinel-${i}`, code: SENTINEL_BASE + i }), { username });
      if (i % BATCH === BATCH - 1 || i === FRAMES - 1) {
        await marker();
        collect();
      }
    }
    const stormMs = Date.now() - started;

    // ---------- assertions on the storm ----------
    expect(problems).toEqual([]);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(current).toEqual([]);
    const failures: string[] = [];
    const counts = new Map<string, number>();
    for (let i = 0; i < FRAMES; i += 1) {
      const f = frames[i]!;
      counts.set(f.gen, (counts.get(f.gen) ?? 0) + 1);
      const got = perFrame[i];
      if (got === undefined) {
        failures.push(`#${i} ${f.gen}: no sentinel seen`);
        continue;
      }
      const logged = got.filter((l) => l.level === 'warn' || l.level === 'debug');
      const other = got.filter((l) => l.level !== 'warn' && l.level !== 'debug');
      if (other.length > 0) failures.push(`#${i} ${f.gen}: ${other.map((l) => `${l.level} ${l.message}`).join(' | ')}`);
      if (f.category === 'bad' ? logged.length !== 1 : logged.length > 1) {
        failures.push(`#${i} ${f.gen} (${f.category}) logged ${logged.length}×: ${logged.slice(0, 3).map((l) => l.message.slice(0, 160)).join(' | ')} — frame ${f.text.slice(0, 160)}`);
      }
    }
    expect(failures.slice(0, 20), `${failures.length} frame(s) misreported`).toEqual([]);
    for (const l of lines) {
      const text = `${l.message} ${l.fields}`;
      expect(text).not.toContain(SECRET_TOKEN);
      expect(text).not.toContain(SECRET_PASSWORD);
      expect(text.length).toBeLessThan(2_000);
    }
    // No crash and nothing the user sees: no error events, the conversation intact, no duplicates.
    expect(of('error').slice(errorsBefore)).toEqual([]);
    expect(session.snapshot().connection.phase).toBe('online');
    const after = session.snapshot().messages[cid]!;
    expect(after.map((m) => `${m.sequence}:${m.text}`)).toEqual(before);
    expect(session.snapshot().conversations.filter((c) => c.conversationId === cid && c.mine)).toHaveLength(1);

    // ---------- still usable ----------
    const mark = events.length;
    const sent = session.sendText(cid, 'after the storm');
    await consumer.nextAgentMessage((m) => m.event.message === 'after the storm');
    await until(() => of('message', mark).some((m) => m.localId === sent.localId && m.delivery === 'sent'), 'the ack after the storm');
    const seq = await consumer.send('consumer after the storm');
    await until(() => of('message', mark).some((m) => m.text === 'consumer after the storm'), 'the consumer message after the storm');
    await marker();
    expect(sim.inspect.messages(cid).filter((m) => m.event.message === 'after the storm')).toHaveLength(1);
    expect(of('message', mark).filter((m) => m.text === 'consumer after the storm' && m.sequence === seq)).toHaveLength(1);
    const finalList = session.snapshot().messages[cid]!;
    expect(finalList.filter((m) => m.text === 'consumer after the storm')).toHaveLength(1);
    expect(finalList.filter((m) => m.text === 'after the storm')).toHaveLength(1);
    expect(new Set(finalList.map((m) => m.sequence)).size).toBe(finalList.length);
    const second = await sim.consumers.open({ text: 'a new one', firstName: 'New', lastName: 'Ring' });
    await until(() => of('ring/offered', mark).some((r) => r.conversationId === second.conversationId), 'a new ring');
    await session.acceptRing(of('ring/offered', mark).find((r) => r.conversationId === second.conversationId)!.ringId);
    await until(() => of('conversation/upsert', mark).some((c) => c.conversationId === second.conversationId && c.mine), 'the new conversation');
    expect(problems).toEqual([]);
    expect(Object.prototype).not.toHaveProperty('polluted');
    console.log(`frames fuzz: seed ${SEED}, ${FRAMES} frames (+${FRAMES} sentinels), storm ${stormMs} ms, total ${Date.now() - started} ms, `
      + `setup lines ${setupLines}, generators ${JSON.stringify(Object.fromEntries(counts))}`);
  });
});
