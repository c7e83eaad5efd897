/**
 * How the recorded state reaches the test: as changes, not as a whole. The histories in it (IPC
 * traffic, console lines, notifications, requests…) grow with every ring and message; pushing the
 * whole state on every change made the stand-in's own serialisation the largest cost in main's
 * process (137 KB per push after 200 rings), which the ring and idle benches then counted as the
 * app's. A push now carries each small part that changed since the last push (an array part whole,
 * an object part as its changed fields) and, of each history, only what is new or was touched since
 * the last push. `applyStateDelta` rebuilds on the test's side exactly the state the child holds
 * (state-feed.test.ts checks that against the source after every kind of change).
 */
import { LOG_KEYS, type LogKey, type SmallParts, type StandinState, type StateDelta } from './protocol';

const isLogKey = (key: string): key is LogKey => (LOG_KEYS as readonly string[]).includes(key);

export class StateFeed {
  /** Entries of each history the test already has. */
  private readonly sent = new Map<LogKey, number>(LOG_KEYS.map((k) => [k, 0]));
  /** Per history, the lowest index changed in place since the last push. */
  private readonly dirtyFrom = new Map<LogKey, number>();

  /**
   * The JSON of each small part as last sent (of an object part, of each of its fields): a part, or a
   * field, goes again only when it changed. Each push used to carry every part whole (~5.5 KB: the
   * application menu, the tray, the windows…), most of what the flood bench's pushes wrote (5.88 MB
   * against 0.98 MB now, `BENCH_STANDIN_TRAFFIC=1`); `app` changes with the badge count, which the
   * flood moves with every batch, and its application menu is most of its size.
   */
  private readonly sentParts = new Map<string, string>();
  private readonly sentFields = new Map<string, Map<string, string>>();

  constructor(private readonly state: StandinState) {}

  /** An entry already in a history changed in place (a notification shown again, an invoke settled). */
  touched<K extends LogKey>(key: K, entry: StandinState[K][number]): void {
    const index = (this.state[key] as unknown[]).lastIndexOf(entry);
    if (index >= 0) this.mark(key, index);
  }

  /** A history was rewritten (emptied, filtered): the next push sends it whole. */
  rewritten(key: LogKey): void {
    this.mark(key, 0);
  }

  /** What changed since the last call. */
  next(): StateDelta {
    const whole: Record<string, unknown> = {};
    const fields: Record<string, { set: Record<string, unknown>; gone?: string[] }> = {};
    const present = new Set<string>();
    for (const [key, value] of Object.entries(this.state)) {
      // (undefined is what the IPC channel's JSON drops: such a part is gone, as an absent one)
      if (isLogKey(key) || value === undefined) continue;
      present.add(key);
      const sentFields = this.sentFields.get(key);
      if (sentFields && isPlainObject(value)) {
        const change = changedFields(value, sentFields);
        if (change) fields[key] = change;
        continue;
      }
      const json = JSON.stringify(value);
      if (!sentFields && this.sentParts.get(key) === json) continue;
      // New, or changed shape: sent whole; an object part is compared field by field from now on.
      whole[key] = value;
      this.sentParts.delete(key);
      this.sentFields.delete(key);
      if (isPlainObject(value)) this.sentFields.set(key, new Map(Object.entries(value).flatMap(([f, v]) => (v === undefined ? [] : [[f, JSON.stringify(v)]]))));
      else this.sentParts.set(key, json);
    }
    const gone = [...this.sentParts.keys(), ...this.sentFields.keys()].filter((key) => !present.has(key));
    for (const key of gone) {
      this.sentParts.delete(key);
      this.sentFields.delete(key);
    }
    const logs: Record<string, { from: number; items: unknown[] }> = {};
    for (const key of LOG_KEYS) {
      const log = this.state[key] as unknown[];
      const sent = this.sent.get(key) ?? 0;
      // Shorter than what was sent: rewritten without a word; resend it whole.
      const from = log.length < sent ? 0 : Math.min(sent, this.dirtyFrom.get(key) ?? sent);
      if (from !== log.length || log.length !== sent) logs[key] = { from, items: log.slice(from) };
      this.sent.set(key, log.length);
    }
    this.dirtyFrom.clear();
    return { whole: whole as Partial<SmallParts>, ...(Object.keys(fields).length > 0 ? { fields } : {}), ...(gone.length > 0 ? { gone } : {}), logs };
  }

  private mark(key: LogKey, index: number): void {
    this.dirtyFrom.set(key, Math.min(index, this.dirtyFrom.get(key) ?? index));
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields of `value` whose JSON differs from `sent` (updated to match), and those no longer there; null when none. */
function changedFields(value: Record<string, unknown>, sent: Map<string, string>): { set: Record<string, unknown>; gone?: string[] } | null {
  const set: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [field, v] of Object.entries(value)) {
    if (v === undefined) continue;
    seen.add(field);
    const json = JSON.stringify(v);
    if (sent.get(field) === json) continue;
    sent.set(field, json);
    set[field] = v;
  }
  const gone = [...sent.keys()].filter((field) => !seen.has(field));
  for (const field of gone) sent.delete(field);
  if (Object.keys(set).length === 0 && gone.length === 0) return null;
  return gone.length > 0 ? { set, gone } : { set };
}

/**
 * The test's copy after a delta: a new state object with new arrays for the histories that changed
 * (a test holding an earlier `app.state` keeps seeing that moment, as with whole pushes).
 */
export function applyStateDelta(previous: StandinState | undefined, delta: StateDelta): StandinState {
  // The small parts: as before unless sent again (whole, or the fields of an object part that changed) or gone.
  const next: Record<string, unknown> = { ...previous, ...delta.whole };
  for (const [key, change] of Object.entries(delta.fields ?? {})) {
    const part: Record<string, unknown> = { ...(next[key] as Record<string, unknown> | undefined), ...change.set };
    for (const field of change.gone ?? []) delete part[field];
    next[key] = part;
  }
  for (const key of delta.gone ?? []) delete next[key];
  for (const key of LOG_KEYS) {
    const before: unknown[] = previous?.[key] ?? [];
    const change = delta.logs[key] as { from: number; items: unknown[] } | undefined;
    next[key] = change ? [...before.slice(0, change.from), ...change.items] : before;
  }
  return next as unknown as StandinState;
}

/** What the stand-in's state pushes carried (StandinApp.countStateTraffic). */
export interface StateTraffic { pushes: number; bytes: number; wholePartsBytes: number }

export function countStateTraffic(t: StateTraffic, delta: StateDelta, state: StandinState | undefined): void {
  t.pushes += 1;
  t.bytes += JSON.stringify(delta).length;
  // The same push as it used to be: every small part whole, the histories' changes as now.
  const parts = Object.entries(state ?? {}).filter(([key]) => !(LOG_KEYS as readonly string[]).includes(key));
  t.wholePartsBytes += JSON.stringify({ whole: Object.fromEntries(parts), logs: delta.logs }).length;
}
