import { z } from 'zod';
import { ConfigError } from './config-error.ts';

/** Where the bytes of conversation files live (BECKON_BLOBS and the BECKON_S3_* settings). */
export type BlobStorageConfig = { kind: 'filesystem' } | { kind: 'postgres' } | ({ kind: 's3' } & S3Settings);

export interface S3Settings {
  bucket: string;
  /** An S3-compatible server (MinIO, Ceph RGW, Garage, R2…); absent: AWS S3 itself. */
  endpoint?: string;
  region: string;
  /** Prepended to each file's id to make its object key: several installations may share one bucket. */
  prefix: string;
  /** `http://endpoint/bucket/key` rather than `http://bucket.endpoint/key`: what most self-hosted servers need. */
  forcePathStyle: boolean;
  /** Absent: the SDK's own chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The environment variables, merged into the configuration's schema. */
export const blobStorageEnv = {
  /** Unset: PostgreSQL when DATABASE_URL is set, else files under DATA_DIR. */
  BECKON_BLOBS: z.enum(['filesystem', 'postgres', 's3']).optional(),
  BECKON_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'BECKON_S3_BUCKET must be an S3 bucket name')
    .optional(),
  BECKON_S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^/?#]+\/?$/, 'BECKON_S3_ENDPOINT must be http(s)://host[:port]')
    .optional(),
  BECKON_S3_REGION: z.string().min(1).max(64).default('us-east-1'),
  BECKON_S3_PREFIX: z
    .string()
    .regex(
      /^([A-Za-z0-9_.-]+\/)*$/,
      'BECKON_S3_PREFIX must be folder names each ending with / (letters, digits, _ . -)',
    )
    .max(256)
    .default(''),
  BECKON_S3_PATH_STYLE: z.enum(['true', 'false']).optional(),
  BECKON_S3_ACCESS_KEY_ID: z.string().min(1).max(256).optional(),
  BECKON_S3_SECRET_ACCESS_KEY: z.string().min(1).max(1024).optional(),
};

type BlobStorageEnv = z.infer<z.ZodObject<typeof blobStorageEnv>>;

export function parseBlobStorage(e: BlobStorageEnv & { DATABASE_URL?: string }): BlobStorageConfig {
  const kind = e.BECKON_BLOBS ?? (e.DATABASE_URL ? 'postgres' : 'filesystem');
  if (kind === 'postgres' && !e.DATABASE_URL)
    throw new ConfigError('Invalid configuration: BECKON_BLOBS=postgres needs DATABASE_URL');
  if (kind !== 's3') return { kind };
  if (!e.BECKON_S3_BUCKET)
    throw new ConfigError('Invalid configuration: BECKON_BLOBS=s3 needs BECKON_S3_BUCKET');
  if ((e.BECKON_S3_ACCESS_KEY_ID === undefined) !== (e.BECKON_S3_SECRET_ACCESS_KEY === undefined))
    throw new ConfigError(
      'Invalid configuration: BECKON_S3_ACCESS_KEY_ID and BECKON_S3_SECRET_ACCESS_KEY go together',
    );
  const endpoint = e.BECKON_S3_ENDPOINT?.replace(/\/$/, '');
  return {
    kind,
    bucket: e.BECKON_S3_BUCKET,
    endpoint,
    region: e.BECKON_S3_REGION,
    prefix: e.BECKON_S3_PREFIX,
    forcePathStyle: (e.BECKON_S3_PATH_STYLE ?? (endpoint ? 'true' : 'false')) === 'true',
    credentials:
      e.BECKON_S3_ACCESS_KEY_ID && e.BECKON_S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.BECKON_S3_ACCESS_KEY_ID, secretAccessKey: e.BECKON_S3_SECRET_ACCESS_KEY }
        : undefined,
  };
}
