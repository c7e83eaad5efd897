/**
 * Domain resolution (lp-protocol.md §1). Every service lives on the simulator's own host:port.
 *   GET /api/account/{id}/service/baseURI.json?version=1.0          → {baseURIs:[{service,account,baseURI}]}
 *   GET /csdr/account/{id}/service/baseURI.json?version=1.0         → same (older Java client form)
 *   GET /api/account/{id}/service/{serviceName}/baseURI.json        → {service,account,baseURI}
 * Unknown account or service → 404 with an error body.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-util';
import type { SimContext } from './state';

const CSDS_SERVICES = [
  'agentVep', 'asyncMessagingEnt', 'asyncMessaging', 'facadeMsg', 'accountConfigReadOnly', 'accountConfigReadWrite',
  'msgHist', 'runtimeFormLogic', 'swift', 'idp', 'leDataReporting', 'msgEwtAPI', 'smt', 'adminArea', 'liveEngageUI',
] as const;

export function csdsList(ctx: SimContext): Array<{ service: string; account: string; baseURI: string }> {
  return CSDS_SERVICES.map((service) => ({ service, account: ctx.opts.accountId, baseURI: ctx.hostPort }));
}

const ALL = /^\/(?:api|csdr)\/account\/([^/]+)\/service\/baseURI\.json$/;
const ONE = /^\/api\/account\/([^/]+)\/service\/([^/]+)\/baseURI\.json$/;

/** Returns true when the path was a CSDS route (and answered). */
export function handleCsds(ctx: SimContext, method: string, path: string, res: ServerResponse): boolean {
  const all = ALL.exec(path);
  const one = all ? null : ONE.exec(path);
  if (!all && !one) return false;
  if (method !== 'GET') { sendJson(res, 405, { error: 'Method not allowed' }); return true; }
  const account = decodeURIComponent((all ?? one)?.[1] ?? '');
  if (account !== ctx.opts.accountId) {
    sendJson(res, 404, { error: { message: `Account ${account} not found`, internalCode: 404, responseStatus: 'NOT_FOUND' } });
    return true;
  }
  if (all) { sendJson(res, 200, { baseURIs: csdsList(ctx) }); return true; }
  const service = decodeURIComponent(one?.[2] ?? '');
  const entry = csdsList(ctx).find((e) => e.service === service);
  if (!entry) sendJson(res, 404, { error: { message: `Service ${service} not found`, internalCode: 404, responseStatus: 'NOT_FOUND' } });
  else sendJson(res, 200, entry);
  return true;
}
