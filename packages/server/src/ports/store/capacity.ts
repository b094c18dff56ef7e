import type { ChatMessage } from '@beckon/protocol';
import type { ConversationRow } from './conversations.ts';
import type { OfferRow } from './offers.ts';

/**
 * Work given to an agent only while they have free capacity (capacity − active conversations − pending offers),
 * checked and written atomically per agent, so concurrent callers on any node never overshoot.
 */

/** The result of `acceptOffer`. */
export type AcceptOutcome = 'assigned' | 'closed' | 'ended';

/**
 * `acceptOffer`'s outcome; when assigned, the conversation as the acceptance left it (nothing to read after), and
 * the system message it appended when given one.
 */
export type Acceptance =
  | { outcome: 'assigned'; conversation: ConversationRow; message?: ChatMessage }
  | { outcome: 'closed' }
  | { outcome: 'ended' };

export interface CapacityStore {
  /**
   * Creates the offer only if its agent has free capacity and its conversation has no other pending offer.
   * False: full, or already offered; nothing written. With `queueId`, a created offer also marks the agent's
   * membership of that queue offered at `offer.createdAt` (as `markQueueMemberOffered`), in the same step.
   */
  createOfferWithinCapacity(offer: OfferRow, queueId?: string): Promise<boolean>;
  /**
   * Conditional write: `waiting` → `active` with this agent, only if the agent has free capacity, atomically per
   * agent as `createOfferWithinCapacity`. False: the agent is full or the conversation is no longer waiting.
   */
  assignConversationWithinCapacity(id: string, agentId: string, at: number): Promise<boolean>;
  /**
   * Conditional writes in one step under the agent's capacity lock: the offer `pending` → `accepted`, then its
   * conversation `waiting` → `active` with the agent. `closed`: the offer was not pending, its deadline had passed
   * (`expiresAt <= at`), or, with `agentId`, it is another agent's (nothing changed); `ended`: accepted, but the
   * conversation was no longer waiting. An accepted offer also resets the agent's missed-offer count (as
   * `resetMissedOffers`), in the same step. With `joinedText`, an assignment also appends it as a system message
   * created `at` (as `appendMessage`), on PostgreSQL in the same statement (one commit, not two).
   */
  acceptOffer(id: string, at: number, agentId?: string, joinedText?: string): Promise<Acceptance>;
}
