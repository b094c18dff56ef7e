import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { ErasureResult } from '@beckon/protocol';
import { FakeClock, login, samplePdf, visitorSecrets } from '@beckon/test-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../test/api.ts';
import { agent, password, visitor } from '../test/harness.ts';
import { LocalS3Server } from '../test/s3-server.ts';
import { SharedClockNodes } from './shared-clock-nodes.ts';

/**
 * Two nodes on one PostgreSQL and one Redis whose files go to one S3 bucket (a local s3rver), chosen by
 * configuration alone: a file sent through one node is served by the other from the bucket, and erasing the
 * visitor deletes the object.
 */
let s3: LocalS3Server;
let nodes: SharedClockNodes | undefined;

beforeAll(async () => {
  s3 = await LocalS3Server.start(['beckon']);
});

afterAll(async () => {
  await s3?.close();
});

afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
});

describe('two nodes sharing an S3 bucket', () => {
  it('serves through A the file sent through B, keeps its bytes in the bucket, and erasure deletes them', async () => {
    nodes = await SharedClockNodes.create(new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0)));
    const env = {
      BECKON_BLOBS: 's3',
      BECKON_S3_ENDPOINT: s3.endpoint,
      BECKON_S3_BUCKET: 'beckon',
      BECKON_S3_PREFIX: 'two-nodes/',
      BECKON_S3_ACCESS_KEY_ID: 'S3RVER',
      BECKON_S3_SECRET_ACCESS_KEY: 'S3RVER',
    };
    const nodeA = await nodes.start(env);
    const nodeB = await nodes.start(env);

    const a = await agent(nodeB);
    await nodeA.clock.advance(1000);
    const v = await visitor(nodeA);
    const visitorId = v.all('welcome')[0]!.visitorId;
    v.send({ type: 'chat.start' });
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await v.next('conversation.update', (f) => f.conversation.status === 'active');

    const cookie = await login(nodeB.url, 'agent@beckon.local', password);
    const pdf = samplePdf();
    const sent = await fetch(`${nodeB.url}/v1/conversations/${offer.conversationId}/files`, {
      method: 'POST',
      headers: {
        cookie,
        origin: nodeB.url,
        'beckon-file-name': 'quote.pdf',
        'idempotency-key': 'q-1',
        'content-type': 'application/octet-stream',
      },
      body: pdf,
    });
    expect(sent.status).toBe(201);
    const { file } = (await sent.json()) as { file: { id: string } };
    await v.next('message', (f) => f.message.attachment?.id === file.id);

    const onA = await fetch(`${nodeA.url}/v1/visitor/files/${file.id}?key=demo`, {
      headers: { authorization: `Bearer ${visitorId}.${visitorSecrets.get(visitorId)}` },
    });
    expect(onA.status).toBe(200);
    expect(Buffer.from(await onA.arrayBuffer())).toEqual(pdf);
    const staffOnA = await fetch(`${nodeA.url}/v1/files/${file.id}`, { headers: { cookie } });
    expect(Buffer.from(await staffOnA.arrayBuffer())).toEqual(pdf);

    // The bytes are an object in the bucket, under the installation's prefix.
    expect(await objectKeys()).toEqual([`two-nodes/${file.id}`]);

    await Promise.all([a.close(), v.close()]);
    const admin = await login(nodeA.url, 'admin@beckon.local', password);
    const erased = await api<ErasureResult>(nodeA, admin, 'DELETE', `/v1/visitors/${visitorId}`);
    expect(erased.status).toBe(200);
    expect(await objectKeys()).toEqual([]);
  });
});

async function objectKeys(): Promise<string[]> {
  const client = new S3Client(s3.settings('beckon'));
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'beckon', Prefix: 'two-nodes/' }));
    return (listed.Contents ?? []).map((object) => object.Key ?? '');
  } finally {
    client.destroy();
  }
}
