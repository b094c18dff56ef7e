/**
 * The bytes of files, by key. Adapters: the filesystem under the data directory (one node), PostgreSQL (several
 * nodes share files without another service). blob-store.contract.ts is run on each.
 */
export interface BlobStore {
  /** Writes the bytes under `key`; writing the same key again replaces them. Complete or absent, never half. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or undefined when there is no such key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Deletes the key; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** Keys are ids the server made; anything else (a path, a dot) is refused before it reaches an adapter. */
export function assertBlobKey(key: string): void {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(key)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
}
