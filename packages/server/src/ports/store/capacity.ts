import type { OfferRow } from './offers.ts';

/**
 * Work given to an agent only while they have free capacity (capacity − active conversations − pending offers),
 * checked and written atomically per agent, so concurrent callers on any node never overshoot.
 */

/** The result of `acceptOffer`. */
export type AcceptOutcome = 'assigned' | 'closed' | 'ended';

export interface CapacityStore {
  /**
   * Creates the offer only if its agent has free capacity and its conversation has no other pending offer.
   * False: full, or already offered; nothing written.
   */
  createOfferWithinCapacity(offer: OfferRow): Promise<boolean>;
  /**
   * Conditional write: `waiting` → `active` with this agent, only if the agent has free capacity, atomically per
   * agent as `createOfferWithinCapacity`. False: the agent is full or the conversation is no longer waiting.
   */
  assignConversationWithinCapacity(id: string, agentId: string, at: number): Promise<boolean>;
  /**
   * Conditional writes in one step under the agent's capacity lock: the offer `pending` → `accepted`, then its
   * conversation `waiting` → `active` with the agent. `closed`: the offer was not pending (nothing changed);
   * `ended`: accepted, but the conversation was no longer waiting.
   */
  acceptOffer(id: string, at: number): Promise<AcceptOutcome>;
}
