/**
 * Helpers that watch the app through window.lp only (the contract), never through the UI's markup.
 * `recordEvents` subscribes in the page and keeps every payload of an event; `waitForEvent` waits
 * (page.waitForFunction) until one recorded payload has the given fields. Subscribe BEFORE the action.
 */
import type { Page } from '@playwright/test';
import { onName, type AppSnapshot, type EventName, type EventPayloads } from '../../src-preload/api';

type Recorded = Record<string, unknown[]>;
type Subscribe = (listener: (data: unknown) => void) => () => void;

/** Start keeping every payload of these events in the page (idempotent per event). */
export async function recordEvents(page: Page, ...names: EventName[]): Promise<void> {
  await page.evaluate((methods) => {
    const w = window as unknown as { __e2e?: Recorded; lp: Record<string, Subscribe> };
    const store = (w.__e2e ??= {});
    for (const [name, method] of methods) {
      if (store[name]) continue;
      const list: unknown[] = [];
      store[name] = list;
      const subscribe = w.lp[method];
      if (!subscribe) throw new Error(`window.lp.${method} is missing`);
      subscribe((data) => list.push(data));
    }
  }, names.map((n) => [n, onName(n)] as const));
}

/** Payloads recorded so far. */
export async function recorded<N extends EventName>(page: Page, name: N): Promise<Array<EventPayloads[N]>> {
  return page.evaluate((n) => ((window as unknown as { __e2e?: Recorded }).__e2e?.[n] ?? []), name) as Promise<Array<EventPayloads[N]>>;
}

/** Resolves with the first recorded payload of `name` whose top-level fields equal `fields`. */
export async function waitForEvent<N extends EventName>(page: Page, name: N, fields: Partial<Record<keyof EventPayloads[N], unknown>>, timeout = 15_000): Promise<EventPayloads[N]> {
  const handle = await page.waitForFunction(({ n, f }) => {
    const list = (window as unknown as { __e2e?: Recorded }).__e2e?.[n] ?? [];
    return list.find((item) => typeof item === 'object' && item !== null
      && Object.entries(f).every(([k, v]) => (item as Record<string, unknown>)[k] === v)) ?? false;
  }, { n: name, f: fields as Record<string, unknown> }, { timeout });
  return (await handle.jsonValue()) as EventPayloads[N];
}

/** Resolves once the session's connection is online (event-driven: onConnectionState, then a snapshot check). */
export async function untilOnline(page: Page, timeout = 20_000): Promise<AppSnapshot> {
  await page.evaluate((ms) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not online within ${ms} ms`)), ms);
    const done = (): void => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const off = window.lp.onConnectionState((c) => {
      if (c.phase === 'online') done();
    });
    void window.lp.sessionSnapshot().then((s) => {
      if (s.session.connection.phase === 'online') done();
    });
  }), timeout);
  return page.evaluate(() => window.lp.sessionSnapshot());
}

/** Resolves once the app is in `mode` (event-driven: onAppState, then an appState check). */
export async function untilMode(page: Page, mode: string, timeout = 20_000): Promise<void> {
  await page.evaluate(({ m, ms }) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not in mode ${m} within ${ms} ms`)), ms);
    const done = (): void => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const off = window.lp.onAppState((s) => {
      if (s.mode === m) done();
    });
    void window.lp.appState().then((s) => {
      if (s.mode === m) done();
    });
  }), { m: mode, ms: timeout });
}
