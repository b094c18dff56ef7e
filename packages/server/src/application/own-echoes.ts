/**
 * The copies of its own messages a socket need not be sent. A message goes out on the sender's topic too, for
 * the sender's other tabs (and other nodes); the tab that sent it already has it from its `message.ack` (the
 * same id and seq), so the copy would only cost a socket write and the bandwidth. Bounded: a copy that never
 * comes back (a bus failure) cannot make it grow, and a copy that is not recognised is only sent, as before.
 */
export class OwnEchoes {
  private readonly expected = new Set<string>();

  constructor(private readonly max = 64) {}

  /** This socket is sending a message with this client id: its copy will be skipped once. */
  expect(clientMsgId: string): void {
    this.expected.delete(clientMsgId);
    this.expected.add(clientMsgId);
    if (this.expected.size > this.max) {
      const oldest = this.expected.values().next().value;
      if (oldest !== undefined) this.expected.delete(oldest);
    }
  }

  /** Whether `frame` is the copy of a message this socket sent as `author` (each copy is recognised once). */
  isEcho(frame: { type: string }, author: string): boolean {
    if (frame.type !== 'message') return false;
    const { message } = frame as { message?: { author: string; clientMsgId?: string } };
    const id = message?.author === author ? message.clientMsgId : undefined;
    return id !== undefined && this.expected.delete(id);
  }
}
