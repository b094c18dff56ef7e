import { describe, expect, it } from 'vitest';
import { customer, type GetStore } from './fixtures.ts';

/** The `CustomerStore` port (store/customers.ts). */
export function describeCustomers(getStore: GetStore): void {
  describe('customers', () => {
    it('round-trips a customer with optional fields absent or present', async () => {
      const store = getStore();
      const full = customer({
        id: 'cus_2',
        email: 'Ann@Example.com',
        phone: '+33 6 12 34 56 78',
        company: 'ACME',
        externalId: 'crm-42',
        active: false,
      });
      await store.createCustomer(customer());
      await store.createCustomer(full);
      expect(await store.getCustomer('cus_1')).toStrictEqual(customer());
      // The address is kept as entered; only comparisons ignore case.
      expect(await store.getCustomer('cus_2')).toStrictEqual(full);
      expect(await store.getCustomer('cus_missing')).toBeUndefined();
    });

    it('finds active records by each field, email case-insensitively', async () => {
      const store = getStore();
      const ann = customer({ id: 'cus_1', email: 'Ann@Example.com', phone: '+331', externalId: 'x-1' });
      await store.createCustomer(ann);
      await store.createCustomer(customer({ id: 'cus_2', name: 'Ann Smith', email: 'ann@example.com' }));
      await store.createCustomer(customer({ id: 'cus_old', email: 'ann@example.com', active: false }));
      await store.createCustomer(customer({ id: 'cus_bob', name: 'Bob', email: 'bob@example.com' }));

      const ids = async (field: Parameters<typeof store.findActiveCustomers>[0], value: string) =>
        (await store.findActiveCustomers(field, value)).map((c) => c.id).sort();
      expect(await ids('email', 'ANN@example.COM')).toEqual(['cus_1', 'cus_2']);
      expect(await ids('phone', '+331')).toEqual(['cus_1']);
      expect(await ids('name', 'Ann Smith')).toEqual(['cus_1', 'cus_2']);
      expect(await ids('externalId', 'x-1')).toEqual(['cus_1']);
      expect(await ids('id', 'cus_bob')).toEqual(['cus_bob']);
      expect(await ids('id', 'cus_old')).toEqual([]);
      expect(await ids('email', 'nobody@example.com')).toEqual([]);
      expect((await store.findActiveCustomers('externalId', 'x-1'))[0]).toStrictEqual(ann);
    });

    it('searches name, email, phone and company case-insensitively', async () => {
      const store = getStore();
      await store.createCustomer(customer({ id: 'cus_name', name: 'Zoë MARTIN' }));
      await store.createCustomer(customer({ id: 'cus_mail', name: 'A', email: 'someone@Martin.org' }));
      await store.createCustomer(customer({ id: 'cus_phone', name: 'B', phone: '+33 612 345' }));
      await store.createCustomer(customer({ id: 'cus_co', name: 'C', company: 'Martinez & Co' }));
      await store.createCustomer(customer({ id: 'cus_none', name: 'D', externalId: 'martin' }));

      const ids = async (q: string, limit = 10) =>
        (await store.searchCustomers(q, limit)).map((c) => c.id).sort();
      expect(await ids('martin')).toEqual(['cus_co', 'cus_mail', 'cus_name']);
      expect(await ids('612 3')).toEqual(['cus_phone']);
      expect(await ids('martin', 2)).toHaveLength(2);
      expect(await ids('nothing-like-this')).toEqual([]);
    });

    it('treats %, _ and \\ in the query literally', async () => {
      const store = getStore();
      await store.createCustomer(customer({ id: 'cus_pct', name: '100% Cotton' }));
      await store.createCustomer(customer({ id: 'cus_us', name: 'snake_case Ltd' }));
      await store.createCustomer(customer({ id: 'cus_bs', name: 'back\\slash' }));
      await store.createCustomer(customer({ id: 'cus_plain', name: '1000 Cottons snakeXcase' }));

      const ids = async (q: string) => (await store.searchCustomers(q, 10)).map((c) => c.id).sort();
      expect(await ids('%')).toEqual(['cus_pct']);
      expect(await ids('0% c')).toEqual(['cus_pct']);
      expect(await ids('e_c')).toEqual(['cus_us']);
      expect(await ids('_')).toEqual(['cus_us']);
      expect(await ids('k\\s')).toEqual(['cus_bs']);
    });
  });
}
