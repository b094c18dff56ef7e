import { type RawBuilder, sql } from 'kysely';
import type { CustomerRow, CustomerStore } from '../../../ports/store.ts';
import { customerFromRow, customerToRow } from '../mappers.ts';
import type { Db } from '../schema.ts';

const matchColumns = {
  email: 'email',
  phone: 'phone',
  name: 'name',
  externalId: 'external_id',
  id: 'id',
} as const;

/** Makes `q` literal inside LIKE: `\`, `%` and `_` are escaped with the `\` declared by ESCAPE. */
export function likeContains(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function containsLower(column: 'name' | 'email' | 'phone' | 'company', pattern: string): RawBuilder<boolean> {
  // lower() on both sides: SQLite's LIKE ignores ASCII case but PostgreSQL's does not.
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** Customer records: exact-match lookups for identification, substring search for agents. */
export class SqlCustomers implements CustomerStore {
  constructor(private readonly db: Db) {}

  async createCustomer(customer: CustomerRow): Promise<void> {
    await this.db.insertInto('customers').values(customerToRow(customer)).execute();
  }

  async getCustomer(id: string): Promise<CustomerRow | undefined> {
    const row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && customerFromRow(row);
  }

  async findActiveCustomers(field: keyof typeof matchColumns, value: string): Promise<CustomerRow[]> {
    let query = this.db.selectFrom('customers').selectAll().where('active', '=', 1);
    // lower(email) matches the expression index; addresses are stored as entered.
    query =
      field === 'email'
        ? query.where(sql`lower(email)`, '=', value.toLowerCase())
        : query.where(matchColumns[field], '=', value);
    const rows = await query.orderBy('id').execute();
    return rows.map(customerFromRow);
  }

  async searchCustomers(q: string, limit: number): Promise<CustomerRow[]> {
    const pattern = likeContains(q);
    const rows = await this.db
      .selectFrom('customers')
      .selectAll()
      .where((eb) =>
        eb.or([
          containsLower('name', pattern),
          containsLower('email', pattern),
          containsLower('phone', pattern),
          containsLower('company', pattern),
        ]),
      )
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(customerFromRow);
  }
}
