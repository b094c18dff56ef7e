/**
 * WebSocket close codes Beckon's servers send, with what a client should do after each. Zod-free so the widget's
 * loader can import it. docs/protocol.md lists the same table.
 */
export const closeCodes = {
  /** Normal closure: the client asked (sign-out, window closed). Do not reconnect. */
  normal: 1000,
  /** A text frame was not valid UTF-8 (the WebSocket protocol requires the close); no browser sends one. */
  invalidPayload: 1007,
  /** A frame was larger than the server accepts at the socket level. */
  messageTooBig: 1009,
  /** The node is restarting: reconnect (to any node) at once, resuming from the last sequence number. */
  serviceRestart: 1012,
  /** The node is shutting down and takes no new sockets: reconnect after a back-off. */
  tryAgainLater: 1013,
  /** This widget may not run here anymore (disabled, or the origin was removed). Do not reconnect. */
  notAllowed: 4000,
  /** The client speaks a protocol version this server does not (after a `PROTOCOL_VERSION_UNSUPPORTED` error).
   * Do not reconnect with the same version: the client needs updating. */
  unsupportedProtocol: 4001,
  /** The visitor socket sent no valid `hello` within the node's deadline (10 s by default). Reconnect. */
  helloTimeout: 4002,
  /** The console's session ended: signed out, expired, or the account was disabled, deleted, changed role or
   * changed password. Do not reconnect: show the sign-in screen. */
  sessionEnded: 4003,
  /** An admin erased this visitor's personal data. Do not reconnect (the stored visitor id and secret name nobody
   * anymore: a later page's hello starts a new visitor). */
  erased: 4004,
} as const;

export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];
