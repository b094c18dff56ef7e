import { randomBytes } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3Settings } from '../../blob-storage-config.ts';
import { assertBlobKey, type BlobStore } from '../../ports/blob-store.ts';

/**
 * The largest file BECKON_FILE_MAX_BYTES allows, whatever it is set to now (a lowered limit leaves older files
 * readable): an object bigger than that is not one Beckon wrote, and is not read into memory.
 */
const largestFileBytes = 100 * 1024 * 1024;

/** Time limits of one request: a server that accepts and never answers fails the upload instead of holding it. */
const connectionTimeoutMs = 10_000;
const requestTimeoutMs = 60_000;

/**
 * File bytes as objects in an S3 bucket (AWS or a compatible server), one object per key under the configured
 * prefix, so every node that uses the bucket serves every file. S3 replaces an object whole on each PUT: a
 * reader never sees half of one, and two writes racing on a key leave one of them.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    private readonly maxObjectBytes = largestFileBytes,
  ) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // Checksums only where S3 requires them: the SDK's default since 2025 (CRC32 on every upload, checked on
      // every download) is refused or left out by several S3-compatible servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: connectionTimeoutMs, requestTimeout: requestTimeoutMs },
    });
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Buffer | undefined> {
    assertBlobKey(key);
    let answer: GetObjectCommandOutput;
    try {
      answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
      );
    } catch (error) {
      // Only a missing object is "no such file"; a missing bucket or a refusal is a fault to report.
      if (error instanceof S3ServiceException && error.name === 'NoSuchKey') return undefined;
      throw error;
    }
    const body = answer.Body;
    if ((answer.ContentLength ?? 0) > this.maxObjectBytes) {
      (body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new Error(`blob ${key} is ${answer.ContentLength} bytes, more than any file Beckon stores`);
    }
    if (!body) return Buffer.alloc(0);
    const bytes = await body.transformToByteArray();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    try {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
      );
    } catch (error) {
      // S3 answers 204 for a missing key; a few compatible servers answer NoSuchKey instead.
      if (error instanceof S3ServiceException && error.name === 'NoSuchKey') return;
      throw error;
    }
  }

  /**
   * Throws unless the bucket exists and these credentials may write and delete under the prefix (`beckon
   * doctor`). The probe's key starts with a dot, which no file id does.
   */
  async checkBucket(abortSignal?: AbortSignal): Promise<void> {
    const Bucket = this.settings.bucket;
    await this.client.send(new HeadBucketCommand({ Bucket }), { abortSignal });
    const Key = this.objectKey(`.beckon-doctor-${randomBytes(4).toString('hex')}`);
    await this.client.send(new PutObjectCommand({ Bucket, Key, Body: new Uint8Array() }), { abortSignal });
    await this.client.send(new DeleteObjectCommand({ Bucket, Key }), { abortSignal });
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    return `${this.settings.prefix}${key}`;
  }
}
