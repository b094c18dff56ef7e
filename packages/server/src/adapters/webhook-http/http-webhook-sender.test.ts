import { TestWebhookReceiver } from '@beckon/test-kit/webhook-receiver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookAddressRefused } from '../../ports/webhook-sender.ts';
import { isPublicAddress } from './address-guard.ts';
import { HttpWebhookSender } from './http-webhook-sender.ts';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['not an address', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('HttpWebhookSender', () => {
  let receiver: TestWebhookReceiver;
  beforeEach(async () => {
    receiver = await TestWebhookReceiver.start();
  });
  afterEach(() => receiver.close());

  const request = (url: string) => ({
    url,
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
  });

  it('refuses at send time a host that resolves to loopback, though the URL passed no check', async () => {
    const sender = new HttpWebhookSender({ allowPrivate: false, timeoutMs: 2_000 });
    // `localhost` goes through the connect-time lookup, as a rebinding host would.
    await expect(sender.send(request(`https://localhost:${receiver.port}/hooks`))).rejects.toBeInstanceOf(
      WebhookAddressRefused,
    );
    await expect(sender.send(request(`https://127.0.0.1:${receiver.port}/hooks`))).rejects.toBeInstanceOf(
      WebhookAddressRefused,
    );
    await expect(sender.send(request(receiver.url))).rejects.toThrow('https://');
    expect(receiver.received).toHaveLength(0);
  });

  it('posts the body with its headers when private addresses are allowed, and reports the status', async () => {
    const sender = new HttpWebhookSender({ allowPrivate: true, timeoutMs: 2_000 });
    receiver.answerNext(500);
    expect(await sender.send(request(receiver.url))).toEqual({ status: 500, body: 'receiver says no' });
    expect(receiver.received[0]).toMatchObject({ body: '{"a":1}' });
    expect(receiver.received[0]!.headers['content-type']).toBe('application/json');
  });

  it('gives up an attempt that gets no answer within its timeout', async () => {
    const sender = new HttpWebhookSender({ allowPrivate: true, timeoutMs: 1_000 });
    receiver.hang();
    await expect(sender.send(request(receiver.url))).rejects.toThrow('No answer within 1000 ms.');
  });
});
