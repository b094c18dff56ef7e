import type { AssignmentMethod, Presence } from '@beckon/protocol';

/** Queues: where conversations wait, how they are assigned, and which agents are members. */

export interface QueueRow {
  id: string;
  name: string;
  assignmentMethod: AssignmentMethod;
  /** Absent: the widget's `offerTimeoutSeconds`. */
  offerTimeoutSeconds?: number;
  autoAssign: boolean;
}

/** A queue as created: settings left out take their defaults (most-free, no own deadline, offers). */
export type NewQueue = Pick<QueueRow, 'id' | 'name'> & Partial<Omit<QueueRow, 'id' | 'name'>>;

export interface QueueMemberRow {
  userId: string;
  /** When routing last offered (or auto-assigned) this member work from this queue: the round-robin memory. */
  lastOfferedAt?: number;
}

/**
 * A member as routing weighs them: presence, capacity and the work they hold, read for every member at once so a
 * routing cycle costs one round trip whatever the queue's size.
 */
export interface QueueMemberLoad extends QueueMemberRow {
  presence: Presence;
  capacity: number;
  /** Their `active` conversations. */
  active: number;
  /** Their `pending` offers. */
  pending: number;
}

/**
 * Where the queue stands, for the visitors' positions and estimated waits, read in one statement: the waiting
 * conversations FIFO (start time, then id), the recent handling times and the available members' capacities.
 */
export interface QueueStanding {
  /** Waiting conversations, oldest first: position 1 is the first. */
  waiting: { conversationId: string; visitorId: string }[];
  /** The `accepted → ended` spans of the queue's last `handledSample` ended conversations, summed, and how many. */
  handled: { totalMs: number; count: number };
  /** Sum of the capacities of the members who are `available`. */
  slots: number;
}

export interface QueueStore {
  createQueue(queue: NewQueue): Promise<void>;
  listQueues(): Promise<QueueRow[]>;
  getQueue(id: string): Promise<QueueRow | undefined>;
  /** Replaces every field but id. False when there is no such queue. */
  updateQueue(queue: QueueRow): Promise<boolean>;
  /** Deletes the queue and its memberships. False when there is no such queue. */
  deleteQueue(id: string): Promise<boolean>;
  addQueueMember(queueId: string, userId: string): Promise<void>;
  /** Makes the membership exactly `userIds`; members who stay keep their round-robin memory. */
  setQueueMembers(queueId: string, userIds: string[]): Promise<void>;
  listQueueMembers(queueId: string): Promise<string[]>;
  /** Members ordered by user id, each with presence, capacity and held work; users that no longer exist left out. */
  listQueueMemberLoads(queueId: string): Promise<QueueMemberLoad[]>;
  /** Whether a member of the queue is `available` (free capacity or not): the loads' presence, nothing counted. */
  hasAvailableMember(queueId: string): Promise<boolean>;
  markQueueMemberOffered(queueId: string, userId: string, at: number): Promise<void>;
  /** Undefined when nobody waits in the queue (there is nothing to tell anyone). */
  getQueueStanding(queueId: string, handledSample: number): Promise<QueueStanding | undefined>;
}
