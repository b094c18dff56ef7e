import type { CustomerMatch, CustomerRecord, PrechatField } from '@beckon/protocol';
import type { CustomerRow, Store } from '../../ports/store.ts';

function toRecord(row: CustomerRow): CustomerRecord {
  const { createdAt: _createdAt, ...record } = row;
  return record;
}

function uniqueById(rows: CustomerRow[]): CustomerRow[] {
  return [...new Map(rows.map((row) => [row.id, row])).values()];
}

export function matchOf(rows: CustomerRow[], method: 'jwt' | 'prechat'): CustomerMatch {
  const candidates = uniqueById(rows).map(toRecord);
  if (candidates.length === 1) return { status: 'linked', method, customer: candidates[0], candidates };
  if (candidates.length > 1) return { status: 'ambiguous', method, candidates };
  return { status: 'none', candidates: [] };
}

/**
 * Matching a visitor to customer records. A verified token's `sub` wins: it names the record by external id or id. Otherwise pre-chat
 * answers are tried field by field in the order email, phone, name, using the first field that was answered.
 * Only active records match.
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
    if (value) return matchOf(await store.findActiveCustomers(field, value), 'prechat');
  }
  return { status: 'none', candidates: [] };
}

export function answersByRecordField(
  prechat: Record<string, string>,
  fields: PrechatField[],
): Partial<Record<'email' | 'phone' | 'name', string>> {
  const answers: Partial<Record<'email' | 'phone' | 'name', string>> = {};
  for (const field of fields) {
    const value = prechat[field.name]?.trim();
    if (field.mapsTo && value) answers[field.mapsTo] = value;
  }
  return answers;
}
