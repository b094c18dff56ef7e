/**
 * The "leave a message" form (zod-free, so the widget's pane shares it): its limits and the checks the widget
 * runs before sending and the server runs again on the `message.leave` frame.
 */
export const leftMessageLimits = {
  nameMaxLength: 100,
  emailMaxLength: 254,
  textMaxLength: 4000,
} as const;

export interface LeftMessageInput {
  name: string;
  email: string;
  text: string;
}

export type LeftMessageField = keyof LeftMessageInput;

/** Why a field is refused: the widget turns each into a sentence in its language. */
export type LeftMessageProblem = { field: LeftMessageField; problem: 'required' | 'too-long' | 'invalid' };

/** A deliberately plain address check (one @, a dot in the domain, no spaces or angle brackets). */
const emailPattern = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export function isEmailAddress(value: string): boolean {
  return emailPattern.test(value);
}

/** The problems of a trimmed input, in field order; empty when it can be sent. */
export function leftMessageProblems(input: LeftMessageInput): LeftMessageProblem[] {
  const problems: LeftMessageProblem[] = [];
  const check = (field: LeftMessageField, max: number, valid = (_: string) => true) => {
    const value = input[field];
    if (!value) problems.push({ field, problem: 'required' });
    else if (value.length > max) problems.push({ field, problem: 'too-long' });
    else if (!valid(value)) problems.push({ field, problem: 'invalid' });
  };
  check('name', leftMessageLimits.nameMaxLength);
  check('email', leftMessageLimits.emailMaxLength, isEmailAddress);
  check('text', leftMessageLimits.textMaxLength);
  return problems;
}

/** Transcripts by e-mail: how many one conversation and one visitor may ask for in a day (server-enforced). */
export const transcriptMailLimits = {
  perConversationPerDay: 3,
  perVisitorPerDay: 5,
} as const;
