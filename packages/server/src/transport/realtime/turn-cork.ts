/** What `corkForTurn` needs of a socket (a `net.Socket`, or the TLS socket over one). */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

const corked = new Set<Corkable>();
let scheduled = false;

function uncorkAll(): void {
  scheduled = false;
  const sockets = [...corked];
  corked.clear();
  for (const socket of sockets) socket.uncork();
}

/**
 * Holds the socket's writes until the end of this turn of the event loop, then sends them in one write: an
 * agent with 50 chats gets the turn's messages, acks and receipts in one system call instead of one per frame.
 * Frames keep their order; the longest a frame waits is the rest of the turn it was sent in (`setImmediate`,
 * after the poll phase that read the frames and ran the commits answering them). A socket closed meanwhile is
 * uncorked all the same, which is harmless.
 */
export function corkForTurn(socket: Corkable): void {
  if (corked.has(socket)) return;
  socket.cork();
  corked.add(socket);
  if (scheduled) return;
  scheduled = true;
  setImmediate(uncorkAll);
}
