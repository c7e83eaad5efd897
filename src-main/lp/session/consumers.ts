/**
 * Consumer profiles: GetUserProfile with the bare consumerId string as body (§6), fetched once per
 * consumer (concurrent callers share the request); a learnt name is told to `onName` (the rings
 * and conversations fill `consumerName` with it).
 */
import { LpError } from '../base/errors';
import { consumerDisplayName, mapConsumerProfile } from '../decisions/profiles';
import type { ConsumerProfile } from '../protocol/model';
import { REQUEST } from '../protocol/names';
import { parseWith, rawConsumerProfileSchema } from '../protocol/notifications';
import type { SessionRuntime } from './runtime';

/** Implements rings.ts's ConsumerNames (structurally: no import needed). */
export class ConsumersState {
  private readonly profiles = new Map<string, ConsumerProfile>();
  private readonly requests = new Map<string, Promise<ConsumerProfile>>();
  onName: (consumerId: string, name: string) => void = () => {};

  constructor(private readonly rt: SessionRuntime, private readonly online: () => boolean) {}

  /** The display name of a consumer whose profile is known. */
  nameFor(consumerId: string): string | undefined {
    const p = this.profiles.get(consumerId);
    return p ? consumerDisplayName(p) : undefined;
  }

  learnInBackground(consumerId: string): void {
    if (this.profiles.has(consumerId) || this.requests.has(consumerId) || !this.online()) return;
    void this.get(consumerId).catch((err: unknown) => this.rt.log('debug', 'Consumer profile unavailable', err));
  }

  get(consumerId: string): Promise<ConsumerProfile> {
    const cached = this.profiles.get(consumerId);
    if (cached) return Promise.resolve({ ...cached });
    let p = this.requests.get(consumerId);
    if (!p) {
      p = this.rt.request(REQUEST.getUserProfile, consumerId).then((resp) => {
        const body = Array.isArray(resp.body) ? resp.body[0] : resp.body;
        const parsed = parseWith(rawConsumerProfileSchema, body ?? {});
        if (!parsed.ok) throw new LpError({ code: 0, message: `Unreadable consumer profile (${parsed.error})`, location: 'GetUserProfile#WS' });
        const prof = mapConsumerProfile(consumerId, parsed.value);
        this.profiles.set(consumerId, prof);
        const name = consumerDisplayName(prof);
        if (name) this.onName(consumerId, name);
        return { ...prof };
      }).finally(() => this.requests.delete(consumerId));
      this.requests.set(consumerId, p);
    }
    return p;
  }
}
