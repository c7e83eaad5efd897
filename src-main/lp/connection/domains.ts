/**
 * Domain resolution (lp-protocol.md §1): CSDS all-services form
 * `GET {csds}/api/account/{id}/service/baseURI.json?version=1.0` → `{service: host}`, cached 60 s
 * per account; on a failed refresh a stale map is kept rather than failing. The CSDS URL scheme
 * decides every service's scheme (http → http/ws, https → https/wss; see AccountConfig).
 */
import { z } from 'zod';
import type { Clock } from '../base/clock';
import { realClock } from '../base/clock';
import { LpError } from '../base/errors';
import type { HttpClient } from './http';
import type { Logger } from '../base/log';
import { silentLogger } from '../base/log';
import type { AccountConfig } from '../protocol/model';

const DEFAULT_CSDS_URL = 'https://adminlogin.liveperson.net';
const DOMAINS_TTL_MS = 60_000;

export interface Schemes {
  http: 'http' | 'https';
  ws: 'ws' | 'wss';
}

export type CsdsUrlCheck = { ok: true; url: string } | { ok: false; error: string };

const CSDS_FORM = /^(?:(https?):\/\/)?(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?\/?$/i;

/** What a domain-service address may look like, in words (headless and the sign-in form say the same). */
export const CSDS_URL_FORMS = 'https://host[:port], http://host[:port], or host[:port] alone (which means https://)';

/**
 * A domain-service address as a person types it → the base URL used: `https://host[:port]`,
 * `http://host[:port]`, or a bare `host[:port]`, which gets https (LivePerson speaks only TLS; the
 * simulator without --tls needs its http:// written out). A trailing slash is dropped. Paths,
 * queries, credentials and other schemes are refused with a sentence naming the accepted forms.
 */
export function normaliseCsdsUrl(raw: string): CsdsUrlCheck {
  const m = CSDS_FORM.exec(raw.trim());
  const port = m?.[3] === undefined ? undefined : Number(m[3]);
  if (!m || (port !== undefined && (port < 1 || port > 65_535))) {
    return { ok: false, error: `the domain service address must look like ${CSDS_URL_FORMS}` };
  }
  const scheme = (m[1] ?? 'https').toLowerCase();
  return { ok: true, url: `${scheme}://${m[2]}${port === undefined ? '' : `:${port}`}` };
}

/** The CSDS base without a trailing slash. */
export function csdsBase(account: AccountConfig): string {
  const raw = account.csdsUrl && account.csdsUrl.trim() !== '' ? account.csdsUrl.trim() : DEFAULT_CSDS_URL;
  const withScheme = /^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`;
  return withScheme.replace(/\/+$/, '');
}

/** http CSDS → http/ws (the simulator on loopback), anything else → https/wss. */
export function schemesFor(account: AccountConfig): Schemes {
  return csdsBase(account).toLowerCase().startsWith('http://') ? { http: 'http', ws: 'ws' } : { http: 'https', ws: 'wss' };
}

function csdsRequestUrl(account: AccountConfig): string {
  return `${csdsBase(account)}/api/account/${encodeURIComponent(account.accountId)}/service/baseURI.json?version=1.0`;
}

const csdsSchema = z.looseObject({
  baseURIs: z.array(z.looseObject({ service: z.string(), baseURI: z.string() })),
});

/** `host[:port]` of a baseURI, without any scheme or path someone may have put there. */
function hostOf(baseURI: string): string {
  return baseURI.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

/** Parses a CSDS response body into `{service: host}`; throws LpError on a wrong shape. */
export function parseCsds(body: unknown, location = 'Domains#CSDS'): Record<string, string> {
  const parsed = csdsSchema.safeParse(body);
  if (!parsed.success) throw new LpError({ code: 0, message: 'unexpected domain service response', location, body });
  const map: Record<string, string> = {};
  for (const e of parsed.data.baseURIs) {
    const host = hostOf(e.baseURI);
    if (e.service !== '' && host !== '') map[e.service] = host;
  }
  return map;
}

/** Host of the messaging socket: facadeMsg (SDK ≥ 1.4.5), else asyncMessagingEnt (docs, older SDKs). */
export function umsHost(domains: Readonly<Record<string, string>>): string | undefined {
  return domains.facadeMsg ?? domains.asyncMessagingEnt;
}

interface DomainResolver {
  /** The service map, from cache when fresher than 60 s (unless `force`). */
  resolve(force?: boolean): Promise<Record<string, string>>;
  /** Last known map (possibly stale), or {} before the first success. */
  readonly current: Readonly<Record<string, string>>;
}

export function createDomainResolver(opts: {
  account: AccountConfig;
  http: HttpClient;
  clock?: Clock;
  logger?: Logger;
  ttlMs?: number;
  timeoutMs?: number;
}): DomainResolver {
  const clock = opts.clock ?? realClock;
  const logger = opts.logger ?? silentLogger;
  const ttl = opts.ttlMs ?? DOMAINS_TTL_MS;
  let cache: { at: number; map: Record<string, string> } | undefined;
  let inFlight: Promise<Record<string, string>> | undefined;

  async function fetchMap(): Promise<Record<string, string>> {
    const body = await opts.http.json({ url: csdsRequestUrl(opts.account), location: 'Domains#CSDS', cookies: false, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
    const map = parseCsds(body);
    if (!map.agentVep) throw new LpError({ code: 0, message: 'the domain service did not list agentVep', location: 'Domains#CSDS' });
    if (!umsHost(map)) throw new LpError({ code: 0, message: 'the domain service did not list facadeMsg or asyncMessagingEnt', location: 'Domains#CSDS' });
    return map;
  }

  return {
    get current() {
      return cache?.map ?? {};
    },
    async resolve(force = false) {
      if (!force && cache && clock.now() - cache.at < ttl) return cache.map;
      if (!inFlight) {
        inFlight = fetchMap().finally(() => {
          inFlight = undefined;
        });
      }
      try {
        const map = await inFlight;
        cache = { at: clock.now(), map };
        return map;
      } catch (err) {
        if (cache) {
          logger.log('warn', `Domain service failed, using the last known domains: ${(err as Error).message}`);
          return cache.map;
        }
        throw err;
      }
    },
  };
}
