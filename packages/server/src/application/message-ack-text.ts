/**
 * A `message.ack` frame's JSON text, written directly: one per message sent, so the object and the generic
 * serialiser's walk over it are spared. The strings go through `JSON.stringify` alone, which escapes them as
 * the whole frame's serialisation would; the keys come in the schema's order, `type` first (`frameTypeOf`).
 */
export function messageAckText(clientMsgId: string, messageId: string, seq: number): string {
  return `{"type":"message.ack","clientMsgId":${JSON.stringify(clientMsgId)},"messageId":${JSON.stringify(messageId)},"seq":${seq}}`;
}
