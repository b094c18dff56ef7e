import type { ContextSnapshot, CustomerMatch } from '@beckon/protocol';
import { LRUCache } from 'lru-cache';
import { deepFreeze } from './deep-freeze.ts';

/** A conversation's JSON columns, parsed. */
export interface ConversationJson {
  context: ContextSnapshot;
  customer: CustomerMatch;
}

/** The parsed columns with the texts they were parsed from. */
export interface ParsedConversationJson extends ConversationJson {
  contextText: string;
  customerText: string;
}

/** Conversations whose parsed columns are kept; past this, the oldest entry goes (a miss only costs a parse). */
const defaultMaxEntries = 10_000;

/**
 * The parsed JSON columns (`context`, `customer`) of the conversations messages were appended to, so a chat's
 * messages do not parse the same snapshot again each time. The stored text, read in the statement that reads
 * the rest of the row, is the key's version: a column changed anywhere (another node, another connection) gives
 * another text, so it is parsed again; a parsed value is never used for a text other than its own. Every other
 * column (status, agent, seq) is taken from the row as read, never from here.
 *
 * The parsed values are shared by the rows built from them, so they are frozen: a change would reach the next
 * messages' rows, and must be an error instead.
 */
export class ConversationJsonCache {
  private readonly entries: LRUCache<string, ParsedConversationJson>;

  constructor(maxEntries = defaultMaxEntries) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  /** `JSON.parse` calls made (for tests: a hit makes none). */
  parses = 0;

  parsed(id: string, contextText: string, customerText: string): ParsedConversationJson {
    const entry = this.entries.get(id);
    if (entry && entry.contextText === contextText && entry.customerText === customerText) return entry;
    const fresh: ParsedConversationJson = {
      contextText,
      customerText,
      context: deepFreeze(this.parse(contextText) as ContextSnapshot),
      customer: deepFreeze(this.parse(customerText) as CustomerMatch),
    };
    this.entries.set(id, fresh);
    return fresh;
  }

  private parse(text: string): unknown {
    this.parses++;
    return JSON.parse(text);
  }
}
