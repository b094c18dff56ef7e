import type { CustomerRecord } from '@beckon/protocol';

/** Customer records: exact-match lookups to identify a visitor, substring search for agents. */

export interface CustomerRow extends CustomerRecord {
  createdAt: number;
}

export interface CustomerStore {
  createCustomer(customer: CustomerRow): Promise<void>;
  getCustomer(id: string): Promise<CustomerRow | undefined>;
  /** Active records whose field equals the value (email compared case-insensitively). */
  findActiveCustomers(
    field: 'email' | 'phone' | 'name' | 'externalId' | 'id',
    value: string,
  ): Promise<CustomerRow[]>;
  /** Name, email, phone or company containing `q` (case-insensitive), at most `limit`. */
  searchCustomers(q: string, limit: number): Promise<CustomerRow[]>;
}
