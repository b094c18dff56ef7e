import {
  type CustomerMatch,
  type CustomerRecord,
  customerInputSchema,
  type PrechatField,
} from '@beckon/protocol';
import type { CustomerRow, Store } from '../../ports/store.ts';

function toRecord(row: CustomerRow): CustomerRecord {
  const { createdAt: _createdAt, ...record } = row;
  return record;
}

function uniqueById(rows: CustomerRow[]): CustomerRow[] {
  return [...new Map(rows.map((row) => [row.id, row])).values()];
}

export type Answers = Partial<Record<'email' | 'phone' | 'name', string>>;

/**
 * What an unverified match may show: the record's id (so that an agent can link it) and only what the visitor
 * typed. Anyone can type someone else's e-mail, so the record's own name, phone, company and external id stay on
 * the server until an agent links the record.
 */
function unverifiedRecord(record: CustomerRecord, answers: Answers): CustomerRecord {
  return {
    id: record.id,
    name: answers.name ?? '',
    ...(answers.email ? { email: answers.email } : {}),
    ...(answers.phone ? { phone: answers.phone } : {}),
    active: record.active,
  };
}

/** A match made by a verified token (`jwt`) or an agent (`manual`) shows the records; a pre-chat one does not. */
export function matchOf(rows: CustomerRow[], method: 'jwt' | 'manual'): CustomerMatch;
export function matchOf(rows: CustomerRow[], method: 'prechat', answers: Answers): CustomerMatch;
export function matchOf(
  rows: CustomerRow[],
  method: CustomerMatch['method'],
  answers: Answers = {},
): CustomerMatch {
  const verification = method === 'jwt' ? 'verified' : method === 'manual' ? 'agent' : 'unverified';
  const candidates = uniqueById(rows)
    .map(toRecord)
    .map((record) => (verification === 'unverified' ? unverifiedRecord(record, answers) : record));
  if (candidates.length === 1) {
    return { status: 'linked', method, verification, customer: candidates[0], candidates };
  }
  if (candidates.length > 1) return { status: 'ambiguous', method, verification, candidates };
  return { status: 'none', candidates: [] };
}

/** Unverified: made from the visitor's answers (or stored before matches said how they were made). */
export function isUnverified(match: CustomerMatch): boolean {
  return match.verification === 'unverified' || (!match.verification && match.method === 'prechat');
}

/**
 * The match as an agent may see it: a pre-chat match stored before matches were labelled still holds the records'
 * details, so they are stripped to what the visitor typed on the way out.
 */
export function shownMatch(match: CustomerMatch, prechat: Record<string, string> = {}): CustomerMatch {
  if (match.verification || match.method !== 'prechat') return match;
  const typed = new Set(Object.values(prechat).map((value) => value.trim()));
  const strip = (record: CustomerRecord): CustomerRecord => ({
    id: record.id,
    name: typed.has(record.name) ? record.name : '',
    ...(record.email && typed.has(record.email) ? { email: record.email } : {}),
    ...(record.phone && typed.has(record.phone) ? { phone: record.phone } : {}),
    active: record.active,
  });
  return {
    ...match,
    verification: 'unverified',
    ...(match.customer ? { customer: strip(match.customer) } : {}),
    candidates: match.candidates.map(strip),
  };
}

/**
 * A verified token's `sub` wins: it names the record by external id or id. Otherwise pre-chat answers are tried
 * field by field in the order email, phone, name, using the first field that was answered; such a match is
 * unverified and carries only what the visitor typed. Only active records match.
 */
export async function matchCustomer(
  store: Store,
  input: { sub?: string; prechat?: Record<string, string>; fields: PrechatField[] },
): Promise<CustomerMatch> {
  if (input.sub) {
    const rows = [
      ...(await store.findActiveCustomers('externalId', input.sub)),
      ...(await store.findActiveCustomers('id', input.sub)),
    ];
    if (rows.length > 0) return matchOf(rows, 'jwt');
  }
  const answers = answersByRecordField(input.prechat ?? {}, input.fields);
  for (const field of ['email', 'phone', 'name'] as const) {
    const value = answers[field];
    if (!value) continue;
    const match = matchOf(await store.findActiveCustomers(field, value), 'prechat', answers);
    if (match.status !== 'none') return match;
    // Nothing matched: the agent is offered the record the answers describe.
    const proposed = proposedCustomer(answers);
    return proposed ? { ...match, proposed } : match;
  }
  return { status: 'none', candidates: [] };
}

export function answersByRecordField(prechat: Record<string, string>, fields: PrechatField[]): Answers {
  const answers: Answers = {};
  for (const field of fields) {
    const value = prechat[field.name]?.trim();
    if (field.mapsTo && value) answers[field.mapsTo] = value;
  }
  return answers;
}

export type ProposedCustomer = NonNullable<CustomerMatch['proposed']>;

/**
 * The record a visitor's pre-chat answers describe, when they name someone (a name or an e-mail): the name is the
 * typed name, else the e-mail. An answer the record would refuse (a malformed e-mail) is left out.
 */
export function proposedCustomer(answers: Answers): ProposedCustomer | undefined {
  const name = answers.name ?? answers.email;
  if (!name) return undefined;
  const proposal: ProposedCustomer = { name: name.slice(0, 200) };
  if (answers.email && customerInputSchema.shape.email.safeParse(answers.email).success)
    proposal.email = answers.email;
  if (answers.phone) proposal.phone = answers.phone.slice(0, 40);
  return proposal;
}
