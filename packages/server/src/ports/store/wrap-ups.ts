import type { WrapUpOutcome } from '@beckon/protocol';
import type { ConversationRow } from './conversations.ts';

/** Wrap-ups: how an agent closed off an ended conversation (outcome and notes), once per conversation. */

export interface WrapUpRow {
  conversationId: string;
  agentId: string;
  outcome: WrapUpOutcome;
  notes: string;
  at: number;
}

export interface WrapUpStore {
  /** Stores the wrap-up once; false when the conversation already has one. */
  saveWrapUp(wrapUp: WrapUpRow): Promise<boolean>;
  /** The agent's ended conversations, ended at or after `since`, that have no wrap-up yet, oldest first. */
  listAwaitingWrapUp(agentId: string, since: number): Promise<ConversationRow[]>;
}
