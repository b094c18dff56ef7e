/**
 * The fragment of the URL of Beckon's chat window (`startChat({ inNewWindow: true })`): the visitor id, so the
 * window continues as the same visitor, and the `customContext` of that `startChat`, as JSON, so the chat the
 * window starts carries it. A fragment never reaches a server or its logs.
 */

export interface WindowLink {
  visitorId?: string;
  customContext?: Record<string, unknown>;
  /** `startProactiveChat(…, { inNewWindow: true })`: the invitation the visitor accepted, accepted in the window. */
  invitationId?: string;
}

export function windowFragment(
  visitorId: string,
  customContext?: Record<string, unknown>,
  invitationId?: string,
): string {
  const params = new URLSearchParams({ v: visitorId });
  if (customContext) params.set('ctx', JSON.stringify(customContext));
  if (invitationId) params.set('inv', invitationId);
  return params.toString();
}

/** Reads `windowFragment`'s output (with or without the leading `#`); anything malformed is left out. */
export function readWindowFragment(hash: string): WindowLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const link: WindowLink = {};
  const visitorId = params.get('v');
  if (visitorId && /^[\w-]{1,64}$/.test(visitorId)) link.visitorId = visitorId;
  const invitationId = params.get('inv');
  if (invitationId && /^[\w-]{1,64}$/.test(invitationId)) link.invitationId = invitationId;
  const ctx = params.get('ctx');
  if (ctx) {
    try {
      const parsed: unknown = JSON.parse(ctx);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        link.customContext = parsed as Record<string, unknown>;
      }
    } catch {
      // Not JSON: the window starts the chat with the context provider's answer instead.
    }
  }
  return link;
}
