import { createHash } from 'node:crypto';
import { closeCodes, type VisitorServerFrame } from '@beckon/protocol';
import { TestSocket } from '@beckon/test-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, hello, startHarness, visitor } from '../harness.ts';

type Welcome = Extract<VisitorServerFrame, { type: 'welcome' }>;

/**
 * A visitor id is public (agents, logs, recorded URLs); only the secret issued in the first welcome, or a
 * single-use handover asked for by the page's own socket, makes a socket that visitor.
 */
describe('visitor credentials', () => {
  let h: Harness;
  const page = (): string => `${h.origin}/demo/pricing.html`;

  beforeAll(async () => {
    h = await startHarness();
    const demo = await h.node.store.getWidgetByKey('demo');
    if (!demo) throw new Error('no demo widget');
    await h.node.store.createWidget({ ...demo, id: 'wgt_other', key: 'other', name: 'Other' });
  });
  afterAll(async () => {
    await h.close();
  });

  /** A raw hello: no secret is added for the visitor it names unless given. */
  async function helloAs(fields: Record<string, unknown>): Promise<Welcome> {
    const socket = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo`, {
      origin: h.origin,
    });
    socket.send({ ...hello(page()), ...fields });
    const welcome = await socket.next('welcome');
    await socket.close();
    return welcome;
  }

  it('issues a random secret to a new visitor and stores only its hash', async () => {
    const first = await helloAs({});
    expect(first.secret).toMatch(/^[\w-]{43}$/);
    const stored = await h.node.store.getVisitorSecretHash(first.visitorId);
    expect(stored).toBe(
      createHash('sha256')
        .update(first.secret ?? '')
        .digest('hex'),
    );
    expect(stored).not.toContain(first.secret);
    const again = await helloAs({});
    expect(again.secret).not.toBe(first.secret);
  });

  it('resumes a visitor only with its secret, and never tells the secret again', async () => {
    const first = await helloAs({});
    const back = await helloAs({ visitorId: first.visitorId, secret: first.secret });
    expect(back.visitorId).toBe(first.visitorId);
    expect(back.secret).toBeUndefined();
  });

  it('makes a hello naming a visitor without its secret, or with a wrong one, a new visitor', async () => {
    const victim = await helloAs({});
    const bare = await helloAs({ visitorId: victim.visitorId });
    expect(bare.visitorId).not.toBe(victim.visitorId);
    expect(bare.secret).toBeDefined();
    const wrong = await helloAs({ visitorId: victim.visitorId, secret: 'A'.repeat(43) });
    expect(wrong.visitorId).not.toBe(victim.visitorId);
    // The victim's secret was not replaced by either attempt.
    const still = await helloAs({ visitorId: victim.visitorId, secret: victim.secret });
    expect(still.visitorId).toBe(victim.visitorId);
  });

  it('treats a visitor stored before credentials (no secret) as new, whoever names it first', async () => {
    const now = h.clock.now();
    await h.node.store.createVisitor({
      id: 'vis_before',
      widgetId: h.demoWidgetId,
      createdAt: now,
      lastSeenAt: now,
      visitCount: 1,
      visitStartedAt: now,
    });
    const claim = await helloAs({ visitorId: 'vis_before' });
    expect(claim.visitorId).not.toBe('vis_before');
    expect(await h.node.store.getVisitorSecretHash('vis_before')).toBeUndefined();
  });

  describe('chat window handover', () => {
    async function pageSocket(): Promise<{ socket: TestSocket<VisitorServerFrame>; visitorId: string }> {
      const socket = await visitor(h);
      return { socket, visitorId: socket.all('welcome')[0]?.visitorId ?? '' };
    }

    async function handover(socket: TestSocket<VisitorServerFrame>) {
      socket.send({ type: 'handover.request' });
      return socket.next('handover');
    }

    /** Beckon's chat window: its own origin, which the demo widget does not allow. */
    async function windowHello(token: string | undefined, key = 'demo', origin = h.origin) {
      const socket = await TestSocket.connect<VisitorServerFrame>(
        `${h.wsUrl}/v1/visitor?key=${key}&window=1`,
        { origin: h.url },
      );
      socket.send(
        hello(`${h.url}/widget/chat-window.html?key=${key}`, token ? { handover: { token, origin } } : {}),
      );
      const first = await Promise.race([socket.next('welcome'), socket.next('error')]);
      return { socket, first };
    }

    async function expectRefused(token: string | undefined, key?: string, origin?: string) {
      const { socket, first } = await windowHello(token, key, origin);
      expect(first).toMatchObject({ type: 'error', code: 'HANDOVER_INVALID' });
      expect((await socket.closed).code).toBe(closeCodes.notAllowed);
    }

    it("gives the window the opener's visitor once, for at most 60 s", async () => {
      const opener = await pageSocket();
      const issued = await handover(opener.socket);
      expect(issued.token).toMatch(/^[\w-]{43}$/);
      expect(issued.expiresAt - h.clock.now()).toBeLessThanOrEqual(60_000);
      const { socket, first } = await windowHello(issued.token);
      expect(first).toMatchObject({ type: 'welcome', visitorId: opener.visitorId });
      expect((first as Welcome).secret).toBeUndefined();
      await socket.close();
      // Replayed.
      await expectRefused(issued.token);
      await opener.socket.close();
    });

    it('refuses an expired handover (fake clock)', async () => {
      const opener = await pageSocket();
      const issued = await handover(opener.socket);
      await h.clock.advance(60_000);
      await expectRefused(issued.token);
      await opener.socket.close();
    });

    it("refuses a handover presented on another widget's window", async () => {
      const opener = await pageSocket();
      const issued = await handover(opener.socket);
      await expectRefused(issued.token, 'other');
      // Taken by that attempt: it does not work for its own widget afterwards either.
      await expectRefused(issued.token);
      await opener.socket.close();
    });

    it('refuses a handover posted to the window by a page of another origin', async () => {
      const opener = await pageSocket();
      const issued = await handover(opener.socket);
      await expectRefused(issued.token, 'demo', 'http://127.0.0.2:9');
      await opener.socket.close();
    });

    it("refuses a window that names a visitor id (the fixation) instead of a handover, so that visitor's chat stays private", async () => {
      const attacker = await pageSocket();
      const window = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo&window=1`, {
        origin: h.url,
      });
      window.send(hello(`${h.url}/widget/chat-window.html?key=demo`, { visitorId: attacker.visitorId }));
      expect((await window.next('error')).code).toBe('HANDOVER_INVALID');
      expect((await window.closed).code).toBe(closeCodes.notAllowed);
      // Whatever the window would have typed never reaches the attacker's socket.
      expect(window.all('welcome')).toHaveLength(0);
      await attacker.socket.close();
    });

    it('gives no handover to a socket whose origin the widget does not allow', async () => {
      const opener = await pageSocket();
      const first = await handover(opener.socket);
      const { socket } = await windowHello(first.token);
      socket.send({ type: 'handover.request' });
      await vi.waitFor(() =>
        expect(socket.all('error').map((error) => error.code)).toContain('ORIGIN_NOT_ALLOWED'),
      );
      expect(socket.all('handover')).toHaveLength(0);
      await socket.close();
      await opener.socket.close();
    });
  });
});
