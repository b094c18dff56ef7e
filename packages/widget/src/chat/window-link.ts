/**
 * What the opener posts to Beckon's chat window (`startChat({ inNewWindow: true })`) with its handover: the
 * single-use token, the `customContext` of that `startChat` so the chat the window starts carries it, and the
 * invitation to accept there. Nothing travels in the window's URL: a URL anyone can open proves nothing.
 */
export interface WindowLink {
  token: string;
  customContext?: Record<string, unknown>;
  /** `startProactiveChat(…, { inNewWindow: true })`: the invitation the visitor accepted, accepted in the window. */
  invitationId?: string;
}

/** Reads a posted link; anything malformed is left out, and without a token there is no link. */
export function readWindowLink(data: unknown): WindowLink | undefined {
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const token = raw.beckonHandover;
  if (typeof token !== 'string' || !/^[\w-]{16,128}$/.test(token)) return undefined;
  const link: WindowLink = { token };
  const { invitationId, customContext } = raw;
  if (typeof invitationId === 'string' && /^[\w-]{1,64}$/.test(invitationId))
    link.invitationId = invitationId;
  if (typeof customContext === 'object' && customContext !== null && !Array.isArray(customContext))
    link.customContext = customContext as Record<string, unknown>;
  return link;
}
