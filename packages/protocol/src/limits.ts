/** Limits enforced at every boundary. */
export const limits = {
  contextMaxVariables: 100,
  contextMaxNameLength: 100,
  contextMaxValueLength: 4000,
  messageMaxLength: 4000,
  /** Largest realtime frame handled, in bytes (a full context fits: 100 × 4 KB plus names). */
  frameMaxBytes: 512 * 1024,
  urlMaxLength: 2048,
  titleMaxLength: 500,
  invitationLifetimeMs: 60_000,
  /** An agent's invitation text, written on the spot. */
  agentInvitationMaxLength: 500,
  defaultOfferTimeoutSeconds: 120,
  authTokenProviderTimeoutMs: 10_000,
  /** Visitor frames per second, averaged over a 10-second window. */
  visitorFramesPerSecond: 20,
} as const;
