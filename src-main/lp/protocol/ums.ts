/**
 * UMS request and notification shapes as the socket delivers them (lp-protocol.md §5): what the
 * connection hands up and the session consumes.
 */

export interface UmsResponse {
  reqId: string;
  code: number;
  /** Response type as sent, e.g. `.ReqBody$StringResp`; not relied on (match by reqId). */
  type?: string;
  body: unknown;
}

export interface UmsNotification {
  /** Normalised to the `.ams.`-prefixed form, e.g. `.ams.routing.RoutingTaskNotification`. */
  type: string;
  body: unknown;
  /** The whole frame as parsed (for metadata / unknown siblings). */
  frame: Record<string, unknown>;
}

export interface RequestOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /**
   * Frame-level `metadata` sibling of `body` (§5), e.g. `[{"type":"ExternalId","id":"l-…"}]`.
   * The session sends its outbox localId this way so an echo can be matched exactly.
   */
  metadata?: unknown[];
}
