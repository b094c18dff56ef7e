/** How every `message` frame's JSON text begins (the frame is built as `{ type: 'message', message }`). */
const messageFramePrefix = '{"type":"message","message":{';

/**
 * The copies of its own messages a socket need not be sent. A message goes out on the sender's topic too, for
 * the sender's other tabs (and other nodes); the tab that sent it already has it from its `message.ack` (the
 * same id and seq), so the copy would only cost a socket write and the bandwidth. Bounded: a copy that never
 * comes back (a bus failure) cannot make it grow, and a copy that is not recognised is only sent, as before.
 *
 * Recognised on the frame's JSON text, as the bus delivers it, without parsing it: inside a JSON string every
 * `"` is escaped, so `"author":"visitor"` and `"clientMsgId":"c1"` (unescaped quotes around the colon) can only
 * be a key and its value, and a `message` frame holds one object with those keys.
 */
export class OwnEchoes {
  /** Each expected client id with its needle (`"clientMsgId":"…"`), built once, not per frame looked at. */
  private readonly expected = new Map<string, string>();
  private author: string | undefined;
  private authorNeedle = '';

  constructor(private readonly max = 64) {}

  /** This socket is sending a message with this client id: its copy will be skipped once. */
  expect(clientMsgId: string): void {
    this.expected.delete(clientMsgId);
    this.expected.set(clientMsgId, `"clientMsgId":${JSON.stringify(clientMsgId)}`);
    if (this.expected.size > this.max) {
      const oldest = this.expected.keys().next().value;
      if (oldest !== undefined) this.expected.delete(oldest);
    }
  }

  /** Whether the frame `text` is the copy of a message this socket sent as `author` (each recognised once). */
  isEcho(text: string, author: string): boolean {
    if (this.expected.size === 0 || !text.startsWith(messageFramePrefix)) return false;
    if (author !== this.author) {
      // A socket asks with one author: built on the first frame, not per frame.
      this.author = author;
      this.authorNeedle = `"author":${JSON.stringify(author)}`;
    }
    if (!text.includes(this.authorNeedle)) return false;
    for (const [id, needle] of this.expected) {
      if (text.includes(needle)) return this.expected.delete(id);
    }
    return false;
  }
}
