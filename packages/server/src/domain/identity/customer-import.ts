import { type CustomerImportResult, customerInputSchema } from '@beckon/protocol';
import { parse } from 'csv-parse/sync';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store } from '../../ports/store.ts';
import { fail } from '../errors.ts';

/** Most rows one import takes; bigger files are split by the admin. */
export const maxImportRows = 5000;

/** Header names accepted for each record field (compared case-insensitively, spaces and dashes ignored). */
const headerAliases: Record<string, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  company: 'company',
  externalid: 'externalId',
  external_id: 'externalId',
  active: 'active',
};

function fieldOf(header: string): string | undefined {
  return headerAliases[header.trim().toLowerCase().replace(/[\s-]/g, '')];
}

function activeOf(value: string | undefined): boolean | string {
  if (value === undefined || value.trim() === '') return true;
  const v = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(v)) return true;
  if (['false', 'no', '0', 'n'].includes(v)) return false;
  return value;
}

/**
 * Creates customer records from CSV text (a header row, then one record per line). Every row is validated
 * against the same schema as `POST /v1/customers`; valid rows are stored, invalid ones are reported with their
 * line number and the reason, so one bad row never blocks the rest. A row whose external id or email already
 * belongs to a record is reported rather than duplicated.
 */
export async function importCustomers(
  store: Store,
  ids: Ids,
  clock: Clock,
  csv: string,
): Promise<CustomerImportResult> {
  let rows: string[][];
  try {
    rows = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    fail('VALIDATION_FAILED', `The file is not valid CSV: ${error instanceof Error ? error.message : error}`);
  }
  const [header, ...data] = rows;
  const fields = (header ?? []).map(fieldOf);
  if (!fields.includes('name')) fail('VALIDATION_FAILED', 'The header row needs a "name" column.');
  if (data.length > maxImportRows) fail('VALIDATION_FAILED', `At most ${maxImportRows} rows per import.`);

  const errors: CustomerImportResult['errors'] = [];
  let imported = 0;
  for (const [index, row] of data.entries()) {
    const line = index + 2;
    const record: Record<string, unknown> = {};
    for (const [column, field] of fields.entries()) {
      const value = row[column];
      if (!field || value === undefined || value === '') continue;
      record[field] = value;
    }
    record.active = activeOf(row[fields.indexOf('active')]);
    const parsed = customerInputSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push({ line, message: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` });
      continue;
    }
    const input = parsed.data;
    if (input.externalId && (await store.findActiveCustomers('externalId', input.externalId)).length > 0) {
      errors.push({ line, message: `externalId: a record with ${input.externalId} exists already` });
      continue;
    }
    if (input.email && (await store.findActiveCustomers('email', input.email)).length > 0) {
      errors.push({ line, message: `email: a record with ${input.email} exists already` });
      continue;
    }
    await store.createCustomer({ ...input, id: ids.next('cus'), createdAt: clock.now() });
    imported++;
  }
  return { imported, errors };
}
