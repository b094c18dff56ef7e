import { describe, expect, it } from 'vitest';
import type { GetStore } from './fixtures.ts';

/** The `InstallationSecretStore` port (store/installation-secrets.ts). */
export function describeInstallationSecrets(getStore: GetStore): void {
  describe('installation secrets', () => {
    it('keeps the first candidate and returns it to every later call', async () => {
      const store = getStore();
      expect(await store.installationSecret('file-links', 'first')).toBe('first');
      expect(await store.installationSecret('file-links', 'second')).toBe('first');
    });

    it('agrees on one value when first calls race', async () => {
      const store = getStore();
      const values = await Promise.all(
        ['a', 'b', 'c', 'd'].map((candidate) => store.installationSecret('raced', candidate)),
      );
      expect(new Set(values).size).toBe(1);
      expect(['a', 'b', 'c', 'd']).toContain(values[0]);
    });

    it('keeps each name apart', async () => {
      const store = getStore();
      await store.installationSecret('one', 'x');
      expect(await store.installationSecret('two', 'y')).toBe('y');
    });
  });
}
