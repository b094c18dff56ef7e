/** What a quick reply's variables stand for in one conversation. */
export interface QuickReplyValues {
  visitorName?: string;
  visitorEmail?: string;
  agentName?: string;
}

const variables: Record<string, keyof QuickReplyValues> = {
  'visitor.name': 'visitorName',
  'visitor.email': 'visitorEmail',
  'agent.name': 'agentName',
};

/**
 * Fills {visitor.name}, {visitor.email} and {agent.name}. An unknown value reads naturally rather than leaving
 * braces in front of the visitor ("there" for a name, nothing for an email); unknown variables stay as typed.
 */
export function fillQuickReply(text: string, values: QuickReplyValues): string {
  return text.replace(/\{\s*([a-z]+\.[a-z]+)\s*\}/gi, (whole, name: string) => {
    const key = variables[name.toLowerCase()];
    if (!key) return whole;
    const value = values[key]?.trim();
    if (value) return value;
    return key === 'visitorName' ? 'there' : '';
  });
}
