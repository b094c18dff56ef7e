/**
 * The limits the widget's loader checks in the page itself: an object of their own, so the loader (under a byte
 * budget) bundles only these.
 */
export const pageLimits = {
  contextMaxVariables: 100,
  contextMaxNameLength: 100,
  contextMaxValueLength: 4000,
  urlMaxLength: 2048,
  titleMaxLength: 500,
  authTokenProviderTimeoutMs: 10_000,
} as const;

/** Limits enforced at every boundary. Built by a call marked pure, so a bundle that does not use it drops it. */
export const limits = /* @__PURE__ */ Object.assign({}, pageLimits, {
  messageMaxLength: 4000,
  /** Largest realtime frame handled, in bytes: 512 KB (a full context fits: 100 × 4 KB plus names). */
  frameMaxBytes: 524_288,
  invitationLifetimeMs: 60_000,
  /** An agent's invitation text, written on the spot. */
  agentInvitationMaxLength: 500,
  defaultOfferTimeoutSeconds: 120,
  /** Visitor frames per second, averaged over a 10-second window. */
  visitorFramesPerSecond: 20,
} as const);
