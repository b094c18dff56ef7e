/** A random id for `clientMsgId`; `crypto.randomUUID` needs a secure context, `getRandomValues` does not. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0');
  return id;
}
