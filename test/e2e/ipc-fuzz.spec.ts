// Every request of the IPC contract, fuzzed through the real bridge (window.lp.<method>(payload) in
// the page): per request, invalid payloads are generated from its zod schema — each field wrongly
// typed, each required field missing, extra keys (also __proto__ / constructor), huge strings,
// NaN/Infinity, deep nesting, arrays, numbers, strings, null — and every one must fail with
// `400|IPC#<name>|<name>: invalid argument: …`. Requests without arguments get junk arguments (their
// `empty` schema is strict) and, through the stand-in's invokeAs, a second argument. The valid bases
// the payloads are made from name the REAL ring and conversation, so a payload that slipped through
// would visibly act; afterwards nothing changed: the demo simulator's conversations, rings and
// messages, the session snapshot, the settings, and no shell call.
import { z } from 'zod';
import { camel, requestChannel, requestNames, type RequestName } from '../../src-preload/api';
import { requestSchemas } from '../../src-preload/request-schemas';
import { remoteErrorMessage } from '../../src-preload/bridge';
import { expect, test } from './fixtures';
import { recordEvents, untilOnline, waitForEvent } from './page-helpers';
import { consumerName } from './standin-helpers';

// The fuzzed ring must still be waiting at the end (its id is compared before/after), however slow the
// machine: ring lifetime 10 min (the simulator's maximum) instead of 72 s.
test.use({ demoSim: true, appEnv: { LPAD_RING_EXPIRATION_MS: '600000' } });
test.setTimeout(180_000);

// NaN / ±Infinity travel as marked strings in the JSON text and are revived in the page.
const NAN = '\u0000NaN';
const INF = '\u0000Inf';
const NINF = '\u0000-Inf';
/** A Uint8Array (file/send's bytes: not expressible in JSON) travels as a marker too. */
const U8 = '\u0000U8';
const revive = (v: unknown): unknown => (v === NAN ? NaN : v === INF ? Infinity : v === NINF ? -Infinity : v === U8 ? new Uint8Array([137, 80, 78, 71]) : v);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function deepObject(levels: number): Json {
  let v: Json = { leaf: 1 };
  for (let i = 0; i < levels; i += 1) v = { a: v };
  return v;
}

const HUGE = 'x'.repeat(100_001);
/** Values tried in every field (the ones its schema accepts are dropped). */
const FIELD_VALUES: Json[] = [null, 0, -1, 1.5, NAN, INF, NINF, 'x', '', true, false, [], [1, 'a'], {}, { nested: { a: { b: 1 } } }, HUGE, deepObject(200)];
/** Values tried as the whole argument. */
const TOP_VALUES: Json[] = [0, 1, -1, NAN, INF, 'x', '', 'x'.repeat(1_000_000), true, false, [], [{}], [1, 2], { nested: { a: 1 } }, deepObject(200)];

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let s = schema;
  let optional = false;
  for (;;) {
    if (s instanceof z.ZodOptional) {
      optional = true;
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodNullable) {
      s = s.unwrap() as z.ZodType;
    } else {
      return { inner: s, optional };
    }
  }
}

/**
 * A payload as the page will see it: JSON text with NaN/Infinity marked. `raw`: an own `__proto__`
 * key, which Playwright's binding (the stand-in's renderer → main transport) drops while parsing —
 * the call would arrive as the VALID base — so on the stand-in it travels through invokeAs (JSON over
 * the control channel keeps own keys), from the app's own page URL, to the same handler.
 */
interface Payload { label: string; json: string; raw?: true }

function invalidPayloads(name: RequestName, base: Record<string, Json>): Payload[] {
  const schema: z.ZodType = requestSchemas[name];
  const { inner, optional } = unwrap(schema);
  const out: Payload[] = [];
  const invalid = (v: unknown): boolean => {
    // main reads a null argument as "no argument"; a JSON round trip is what a serialiser may do to NaN.
    const asArg = (x: unknown): unknown => (x === null ? undefined : x);
    const revived = JSON.parse(JSON.stringify(v), (_k, x: unknown) => revive(x));
    const roundTrip = JSON.parse(JSON.stringify(revived) ?? 'null');
    return !schema.safeParse(asArg(revived)).success && !schema.safeParse(asArg(roundTrip)).success;
  };
  const add = (label: string, v: Json): void => {
    if (invalid(v)) out.push({ label, json: JSON.stringify(v) });
  };
  // the whole argument
  for (const v of TOP_VALUES) add(`arg=${JSON.stringify(v).slice(0, 30)}`, v);
  if (!optional) add('arg=null', null);
  add('arg=[base]', [base]);
  if (!(inner instanceof z.ZodObject)) throw new Error(`${name}: not an object schema`);
  const shape = inner.shape as Record<string, z.ZodType>;
  // extra keys, also the prototype-ish ones (own keys through JSON.parse)
  add('extra key', { ...base, extra: 1 });
  add('extra nested', { ...base, nested: { deep: { deeper: [1, { x: 'y' }] } } });
  out.push({ label: 'extra __proto__', json: `{"__proto__":{"polluted":"yes"}${Object.keys(base).length > 0 ? `,${JSON.stringify(base).slice(1)}` : '}'}`, raw: true });
  out.push({ label: 'extra constructor', json: JSON.stringify({ ...base, constructor: { prototype: { polluted: 'yes' } } }) });
  for (const [key, field] of Object.entries(shape)) {
    const f = unwrap(field);
    // missing required field
    if (!f.optional && key in base) {
      const rest = { ...base };
      delete rest[key];
      add(`missing ${key}`, rest);
    }
    // wrong types (and out-of-range values) for the field
    for (const v of FIELD_VALUES) {
      const value = revive(v);
      if (field.safeParse(value).success) continue;
      add(`${key}=${JSON.stringify(v).slice(0, 30)}`, { ...base, [key]: v });
    }
    if (f.inner instanceof z.ZodArray) {
      for (const v of FIELD_VALUES) add(`${key}=[${JSON.stringify(v).slice(0, 30)}]`, { ...base, [key]: [v] });
    }
  }
  return out;
}

test('every IPC request rejects generated invalid payloads with a clear 400; nothing reaches the core', async ({ app }) => {
  const { page } = app;
  await untilOnline(page);
  await recordEvents(page, 'ring/offered', 'conversation/upsert');
  // A conversation the agent holds (for conversation/* and message/send) and one still ringing.
  const held = consumerName('FuzzHeld');
  const a = await app.demo!.open({ firstName: held.firstName, lastName: held.lastName, skillId: '11', text: 'held' });
  const ringA = await waitForEvent(page, 'ring/offered', { conversationId: a.conversationId });
  await page.evaluate((id) => window.lp.ringAccept({ ringId: id }), ringA.ringId);
  await waitForEvent(page, 'conversation/upsert', { conversationId: a.conversationId, mine: true });
  const ringing = consumerName('FuzzRing');
  const b = await app.demo!.open({ firstName: ringing.firstName, lastName: ringing.lastName, skillId: '12', text: 'ringing' });
  const ringB = await waitForEvent(page, 'ring/offered', { conversationId: b.conversationId });

  const cid = a.conversationId;
  const bases: Record<RequestName, Record<string, Json>> = {
    'app/state': {}, 'session/snapshot': {}, 'session/resume': {}, 'session/start-demo': {}, 'ring/accept-oldest': {},
    'skills/list': {}, 'connection/retry-now': {}, 'settings/get': {}, 'diagnostics/get': {}, 'diagnostics/export-logs': {}, 'update/restart': {}, 'update/check': {},
    'draft/get': { conversationId: cid }, 'draft/set': { conversationId: cid, text: 'a draft' },
    'diagnostics/open-crash-folder': {}, 'diagnostics/export-report': {},
    'attention/viewing': { conversationId: cid },
    'session/login': { accountId: 'acct1', username: 'agent', password: 'pw', remember: false },
    'session/login-sso': { accountId: 'acct1' },
    'session/logout': { forget: true },
    'agent/set-availability': { availability: 'AWAY' },
    'ring/accept': { ringId: ringB.ringId },
    'ring/reject': { ringId: ringB.ringId },
    'message/send': { conversationId: cid, text: 'leaked' },
    'conversation/typing': { conversationId: cid, state: 'COMPOSING' },
    'conversation/read': { conversationId: cid, sequences: [0] },
    'conversation/close': { conversationId: cid },
    'conversation/back-to-queue': { conversationId: cid },
    'conversation/transfer': { conversationId: cid, skillId: '12' },
    'agents/list': { skillId: '12' },
    'conversation/history': { conversationId: cid },
    'consumer/profile': { consumerId: a.consumerId },
    'settings/set': { notifications: false, sound: false, theme: 'dark', acceptOldestShortcut: null, cannedResponses: [{ id: 'a', title: 'b', text: 'c' }] },
    'shell/open-external': { url: 'https://example.com/' },
    'file/open': { conversationId: cid, sequence: 0 },
    'file/save-as': { conversationId: cid, sequence: 0 },
    'rich/image-open': { conversationId: cid, sequence: 0, imageIndex: 0 },
    'file/send': { conversationId: cid, bytes: U8, caption: 'leaked' },
    'file/retry': { localId: 'l-no-such-upload' },
    'network/get': {}, 'network/add-certificate': {},
    'network/set-proxy': { mode: 'manual', url: 'http://proxy.example:3128', bypass: '' },
    'network/remove-certificate': { fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') },
  };
  // The bases are valid (else "invalid" would prove nothing), and every request of the contract is covered.
  for (const name of requestNames) expect(requestSchemas[name].safeParse(JSON.parse(JSON.stringify(bases[name]), (_k, x: unknown) => revive(x))).success, name).toBe(true);

  const stateOf = async (): Promise<string> => {
    const snap = await page.evaluate(() => window.lp.sessionSnapshot());
    const { session, settings, app: appState } = snap;
    return JSON.stringify({ rings: session.rings, conversations: session.conversations, messages: session.messages, availability: session.availability, settings, appState });
  };
  const simState = async (): Promise<string> => {
    const res = await app.demo!.fetch('/sim/consumer/conversations');
    const msgs = await Promise.all([a.conversationId, b.conversationId].map(async (id) => (await app.demo!.fetch(`/sim/consumer/conversations/${encodeURIComponent(id)}/messages`)).json() as Promise<unknown>));
    return JSON.stringify({ conversations: await res.json() as unknown, msgs });
  };
  const beforeSession = await stateOf();
  const beforeSim = await simState();
  const beforeStandin = await app.standin?.snapshot();

  let total = 0;
  const failures: string[] = [];
  const started = Date.now();
  for (const name of requestNames) {
    const all = invalidPayloads(name, bases[name]);
    expect(all.length, name).toBeGreaterThan(10);
    total += all.length;
    const viaInvokeAs = app.standin ? all.filter((p) => p.raw) : [];
    const payloads = all.filter((p) => !viaInvokeAs.includes(p));
    const re = new RegExp(`^400\\|IPC#${name.replace(/[/-]/g, (c) => `\\${c}`)}\\|${name}: invalid argument: .+`);
    for (const p of viaInvokeAs) {
      const arg: unknown = JSON.parse(p.json);
      const reply = await app.standin!.invokeAs(page.url(), requestChannel(name), [arg]);
      if (reply.ok || !re.test(remoteErrorMessage(reply.error))) failures.push(`${name} [${p.label}]: ${JSON.stringify(reply).slice(0, 200)}`);
    }
    const outcomes = await page.evaluate(async ({ method, list, markers }) => {
      const lp = window.lp as unknown as Record<string, (arg?: unknown) => Promise<unknown>>;
      const fn = lp[method]!;
      const res: string[] = [];
      for (const p of list) {
        const arg: unknown = JSON.parse(p.json, (_k, v: unknown) => (v === markers[0] ? NaN : v === markers[1] ? Infinity : v === markers[2] ? -Infinity
          : v === markers[3] ? new Uint8Array([137, 80, 78, 71]) : v));
        try {
          await fn(arg);
          res.push('resolved');
        } catch (err) {
          res.push(err instanceof Error ? err.message : `non-Error: ${String(err)}`);
        }
      }
      return res;
    }, { method: camel(name), list: payloads, markers: [NAN, INF, NINF, U8] });
    outcomes.forEach((message, i) => {
      if (!re.test(message) || message.length >= 400) failures.push(`${name} [${payloads[i]!.label}]: ${message.slice(0, 200)}`);
    });
    // A second argument (the bridge passes one; a forged invoke may pass more): rejected too.
    if (app.standin) {
      const reply = await app.standin.invokeAs(page.url(), requestChannel(name), [bases[name], 'junk']);
      if (reply.ok || !re.test(remoteErrorMessage(reply.error))) failures.push(`${name} [second argument]: ${JSON.stringify(reply).slice(0, 200)}`);
      total += 1;
    }
  }
  const elapsed = Date.now() - started;
  expect(failures, `${failures.length} of ${total} payloads not rejected properly`).toEqual([]);

  // Nothing reached the core: session, settings, app state, the simulator's view, no shell call.
  expect(await stateOf()).toBe(beforeSession);
  expect(await simState()).toBe(beforeSim);
  if (app.standin && beforeStandin) {
    const after = await app.standin.snapshot();
    expect(after.shell).toEqual(beforeStandin.shell);
    // Every fuzz call main saw failed (the stand-in records each invoke and whether its handler resolved).
    const fuzzCalls = after.ipc.slice(beforeStandin.ipc.length).filter((e) => e.kind === 'invoke' && e.channel !== requestChannel('session/snapshot'));
    expect(fuzzCalls.length).toBeGreaterThan(total / 2);
    expect(fuzzCalls.filter((e) => e.ok)).toEqual([]);
    expect(after.dialogs).toEqual(beforeStandin.dialogs);
  }
  expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();

  // The ringing conversation, asked for properly, is accepted.
  await page.evaluate((id) => window.lp.ringAccept({ ringId: id }), ringB.ringId);
  await waitForEvent(page, 'conversation/upsert', { conversationId: b.conversationId, mine: true });
  console.log(`ipc fuzz: ${requestNames.length} requests, ${total} invalid calls in ${elapsed} ms`);
});
