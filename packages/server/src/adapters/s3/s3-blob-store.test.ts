import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalS3Server } from '../../../test/s3-server.ts';
import { describeBlobStoreContract } from '../../ports/blob-store.contract.ts';
import { S3BlobStore } from './s3-blob-store.ts';

let s3: LocalS3Server | undefined;
const server = () => s3 ?? fail();
let n = 0;

beforeAll(async () => {
  s3 = await LocalS3Server.start(['beckon', 'other']);
});

afterAll(async () => {
  await s3?.close();
});

// Two nodes with a client each on one bucket, each case under a prefix of its own. s3rver writes an object in
// place, so two PUTs racing on one key can interleave there; S3 and the servers Beckon supports replace an
// object whole, which is all the adapter relies on (one PUT per write).
describeBlobStoreContract(
  'S3 (s3rver)',
  async () => {
    const settings = server().settings('beckon', `case-${++n}/`);
    return [new S3BlobStore(settings), new S3BlobStore(settings)];
  },
  { racingWrites: false },
);

describe('S3BlobStore', () => {
  it('keeps each key as one object under the prefix, and installations with other prefixes apart', async () => {
    const one = new S3BlobStore(server().settings('other', 'site-one/files/'));
    const two = new S3BlobStore(server().settings('other', 'site-two/'));
    const client = rawClient();
    try {
      await one.put('fil_a', Buffer.from('one'));
      await two.put('fil_a', Buffer.from('two'));
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'other' }));
      expect(listed.Contents?.map((object) => object.Key).sort()).toEqual([
        'site-one/files/fil_a',
        'site-two/fil_a',
      ]);
      expect((await one.get('fil_a'))?.toString()).toBe('one');
      await two.delete('fil_a');
      expect((await one.get('fil_a'))?.toString()).toBe('one');
      expect(await two.get('fil_a')).toBeUndefined();
    } finally {
      client.destroy();
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('reports a missing bucket as a fault, never as a missing file', async () => {
    const store = new S3BlobStore(server().settings('no-such-bucket'));
    try {
      await expect(store.get('fil_a')).rejects.toThrow(/bucket/i);
      await expect(store.put('fil_a', Buffer.from('x'))).rejects.toThrow(/bucket/i);
      await expect(store.checkBucket()).rejects.toThrow();
      await new S3BlobStore(server().settings('beckon')).checkBucket();
    } finally {
      await store.close();
    }
  });

  it('refuses to read an object larger than any file Beckon stores', async () => {
    const client = rawClient();
    const store = new S3BlobStore(server().settings('other', 'big/'), 1000);
    try {
      await client.send(
        new PutObjectCommand({ Bucket: 'other', Key: 'big/fil_big', Body: Buffer.alloc(1001) }),
      );
      await expect(store.get('fil_big')).rejects.toThrow(/more than any file/);
      await store.put('fil_fits', Buffer.alloc(1000));
      expect((await store.get('fil_fits'))?.byteLength).toBe(1000);
    } finally {
      client.destroy();
      await store.close();
    }
  });

  it('fails, rather than waiting, when the server refuses connections', async () => {
    const store = new S3BlobStore({ ...server().settings('beckon'), endpoint: 'http://127.0.0.1:9' });
    try {
      await expect(store.get('fil_a')).rejects.toThrow();
    } finally {
      await store.close();
    }
  });
});

function rawClient(): S3Client {
  const { endpoint, region, forcePathStyle, credentials } = server().settings('other');
  return new S3Client({ endpoint, region, forcePathStyle, credentials });
}

function fail(): never {
  throw new Error('the S3 server is not running: used outside a test');
}
