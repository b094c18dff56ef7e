import path from 'node:path';
import { FsBlobStore } from '../adapters/fs-blobs/fs-blob-store.ts';
import { createPostgresBlobStore } from '../adapters/postgres/postgres-blob-store.ts';
import type { S3Settings } from '../blob-storage-config.ts';
import type { Config } from '../config.ts';
import type { BlobStore } from '../ports/blob-store.ts';

/**
 * File bytes where BECKON_BLOBS says; by default where the rows do: in PostgreSQL when the nodes share one,
 * else beside the SQLite file.
 */
export function openConfiguredBlobStore(
  config: Config,
  now: () => number,
  onError: (error: unknown) => void,
): BlobStore {
  const blobs = config.blobs;
  switch (blobs.kind) {
    case 's3':
      return openS3BlobStore(blobs);
    case 'postgres':
      // The configuration refuses BECKON_BLOBS=postgres without DATABASE_URL.
      return createPostgresBlobStore({ url: config.databaseUrl ?? '', onError }, now);
    case 'filesystem':
      return new FsBlobStore(path.join(config.dataDir, 'files'));
  }
}

/**
 * Run from the sources, the AWS SDK (about half a second to load) is loaded only when files go to S3, on first
 * use: other installations and the `beckon` commands start without it.
 */
function loadS3BlobStore(settings: S3Settings) {
  return import('../adapters/s3/s3-blob-store.ts').then(({ S3BlobStore }) => new S3BlobStore(settings));
}

function openS3BlobStore(settings: S3Settings): BlobStore {
  const store = loadS3BlobStore(settings);
  // A failed load is reported by the first use; unused, it must not end the process as an unhandled rejection.
  store.catch(() => {});
  return {
    put: async (key, bytes) => (await store).put(key, bytes),
    get: async (key) => (await store).get(key),
    delete: async (key) => (await store).delete(key),
    close: async () => (await store).close(),
  };
}

/** Throws unless the S3 bucket answers and takes a write and a delete (`beckon doctor`). */
export async function checkS3Bucket(settings: S3Settings, abortSignal: AbortSignal): Promise<void> {
  const store = await loadS3BlobStore(settings);
  try {
    await store.checkBucket(abortSignal);
  } finally {
    await store.close();
  }
}
