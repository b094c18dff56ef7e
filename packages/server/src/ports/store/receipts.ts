/** Delivery and read marks of a conversation's messages, both ways. */

/**
 * How far the visitor's widget has received and shown the agent's messages, and how far the assigned agent
 * has read the visitor's (seq numbers, 0 = none).
 */
export interface ReceiptMarks {
  delivered: number;
  read: number;
  agentRead: number;
}

export interface ReceiptStore {
  /**
   * Raises the visitor's delivered (or read) mark of the conversation to `seq`, never lowers it; `read` raises
   * delivered too. Returns the marks after the change.
   */
  markReceipt(conversationId: string, status: 'delivered' | 'read', seq: number): Promise<ReceiptMarks>;
  getReceipts(conversationId: string): Promise<ReceiptMarks>;
  /** The agent's read mark of the visitor's messages; like the others it only moves up. */
  markAgentRead(conversationId: string, seq: number): Promise<ReceiptMarks>;
}
