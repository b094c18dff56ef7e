import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.ts';

/**
 * The behaviour every BlobStore adapter must have (filesystem, SQL on SQLite and PostgreSQL, S3). `makeStores`
 * returns two handles on the same storage (two nodes), so a file written through one is read through the other.
 * `racingWrites: false` leaves out the case where two writes race on one key, for a test server that does not
 * keep the promise the adapter relies on (s3rver writes an object in place; S3 replaces it whole).
 */
export function describeBlobStoreContract(
  name: string,
  makeStores: () => Promise<[BlobStore, BlobStore]>,
  { racingWrites = true }: { racingWrites?: boolean } = {},
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let stores: [BlobStore, BlobStore] | undefined;
    const pair = (): [BlobStore, BlobStore] => stores ?? fail();

    beforeEach(async () => {
      stores = await makeStores();
    });

    afterEach(async () => {
      await Promise.all((stores ?? []).map((store) => store.close()));
      stores = undefined;
    });

    it('gives back exactly the bytes put, every byte value included', async () => {
      const [store] = pair();
      const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
      await store.put('fil_1', bytes);
      expect(await store.get('fil_1')).toStrictEqual(bytes);
      expect(await store.get('fil_2')).toBeUndefined();
    });

    it('serves what one node wrote to another, and the other node deletes it', async () => {
      const [one, two] = pair();
      await one.put('fil_shared', new Uint8Array([1, 2, 3]));
      expect(await two.get('fil_shared')).toStrictEqual(Buffer.from([1, 2, 3]));
      await two.delete('fil_shared');
      expect(await one.get('fil_shared')).toBeUndefined();
    });

    it('replaces a key written again, and deletes a missing key without error', async () => {
      const [store] = pair();
      await store.put('fil_1', Buffer.from('first'));
      await store.put('fil_1', Buffer.from('second, longer'));
      expect((await store.get('fil_1'))?.toString()).toBe('second, longer');
      await store.delete('fil_1');
      await store.delete('fil_1');
      expect(await store.get('fil_1')).toBeUndefined();
    });

    it('keeps an empty blob', async () => {
      const [one] = pair();
      await one.put('fil_empty', new Uint8Array());
      expect(await one.get('fil_empty')).toStrictEqual(Buffer.alloc(0));
    });

    it.runIf(racingWrites)('leaves one whole value when writes race on one key', async () => {
      const [one, two] = pair();
      const a = Buffer.alloc(200_000, 'a');
      const b = Buffer.alloc(100_000, 'b');
      await Promise.all([one.put('fil_race', a), two.put('fil_race', b)]);
      const stored = await one.get('fil_race');
      expect([a, b].some((value) => stored?.equals(value))).toBe(true);
    });

    it('refuses keys that are not plain ids (no paths)', async () => {
      const [store] = pair();
      for (const key of ['../etc/passwd', 'a/b', '', '.hidden', 'x'.repeat(129)]) {
        await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/invalid blob key/);
        await expect(store.get(key)).rejects.toThrow(/invalid blob key/);
      }
    });
  });
}

function fail(): never {
  throw new Error('blob stores not ready: used outside a test');
}
