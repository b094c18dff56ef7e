/**
 * Limits only the server checks (frame structure and record sizes, error output). In a module of their own so the
 * widget's loader, which bundles `limits`, does not carry them.
 */
export const frameLimits = {
  /**
   * Keys a raw context may carry at all (empty ones included, which are dropped without a report). Counted before
   * any key is looked at: a context with more is refused whole, so its cost never grows with the key count.
   */
  contextMaxKeys: 1000,
  /**
   * Frames between `frameMaxBytes` and this get a PAYLOAD_TOO_LARGE error frame and the socket stays open; a
   * larger one closes the socket with 1009 before it is buffered whole.
   */
  frameHardMaxBytes: 1024 * 1024,
  /**
   * A frame's structure, checked on its bytes before it is parsed: nesting depth, and `:` plus `,` outside strings
   * (about twice its members and array elements; a full hello with `contextMaxKeys` object-form keys fits).
   */
  frameMaxDepth: 16,
  frameMaxSeparators: 8192,
  /** Error frames name at most this many problems (the rest are counted, not listed). */
  errorMaxIssues: 10,
  /** `Beckon.track(name, props)`: properties per event, key and string value lengths. */
  trackMaxProps: 20,
  trackMaxPropKeyLength: 64,
  trackMaxPropValueLength: 256,
  /** Pre-chat answers in one frame (a widget asks a handful of fields). */
  prechatMaxAnswers: 20,
} as const;
