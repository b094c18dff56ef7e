import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertBlobKey, type BlobStore } from '../../ports/blob-store.ts';

/**
 * File bytes on the local filesystem, one file per key under `dir` (the data directory's `files/`). A write goes
 * to a temporary name and is renamed into place, so a reader never sees half a file and a crash leaves at most
 * a temporary file behind. For one node: nodes that do not share the directory do not share the files.
 */
export class FsBlobStore implements BlobStore {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly dir: string) {}

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.ready;
    const temporary = path.join(this.dir, `.${key}.${randomUUID()}.partial`);
    try {
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, path.join(this.dir, key));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    assertBlobKey(key);
    try {
      return await readFile(path.join(this.dir, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await rm(path.join(this.dir, key), { force: true });
  }

  async close(): Promise<void> {}
}
