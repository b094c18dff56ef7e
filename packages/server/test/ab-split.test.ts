import { assignSplit } from '@beckon/rules';
import { settle, visitorSecrets } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret, newSecret } from '../src/domain/visitors/visitor-credentials.ts';
import { type Harness, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** The demo rule ("30 s on a pricing page") with an A/B split. */
async function splitDemoRule(split: Record<string, unknown>): Promise<string> {
  const [demo] = await h.node.services.widgets.rules(h.demoWidgetId);
  if (!demo) throw new Error('the demo seed has no rule');
  const { id, widgetId: _w, updatedAt: _u, ...input } = demo;
  await h.node.services.widgets.updateRule(id, { ...input, split } as never);
  return id;
}

describe('A/B split and holdout, live', () => {
  it('holdout visitors get no invitation but a held record; the others get their variant', async () => {
    const ruleId = await splitDemoRule({
      holdoutPercent: 50,
      variants: [
        { id: 'A', message: { text: 'Variant A' }, weight: 1 },
        { id: 'B', message: { text: 'Variant B' }, weight: 1 },
      ],
    });
    // Known visitors chosen so that every side is covered: two of each (ids are random otherwise).
    const rule = (await h.node.store.getRule(ruleId))!;
    const wanted = new Map<string, number>([
      ['holdout', 2],
      ['A', 2],
      ['B', 2],
    ]);
    const sockets = [];
    for (let index = 0; [...wanted.values()].some((left) => left > 0); index++) {
      const id = `vis_split_${index}`;
      const drawn = assignSplit(rule, id);
      const side = drawn.kind === 'holdout' ? 'holdout' : drawn.variantId;
      if ((wanted.get(side) ?? 0) === 0) continue;
      wanted.set(side, wanted.get(side)! - 1);
      const now = h.clock.now();
      await h.node.store.createVisitor({
        id,
        widgetId: h.demoWidgetId,
        createdAt: now,
        lastSeenAt: now,
        visitCount: 1,
        visitStartedAt: now,
      });
      // A stored visitor is resumed only with its secret, as the widget would present it.
      const secret = newSecret();
      await h.node.store.setVisitorSecretHash(id, hashSecret(secret), now);
      visitorSecrets.set(id, secret);
      sockets.push(await visitor(h, undefined, { visitorId: id }));
    }
    await h.clock.advance(30_000);
    await settle();
    const sides = new Set<string>();
    for (const socket of sockets) {
      const visitorId = socket.all('welcome')[0]!.visitorId;
      const [record] = await h.node.store.listInvitations(visitorId, 0);
      expect(record?.ruleId).toBe(ruleId);
      sides.add(record!.variant!);
      const shown = socket.all('invitation.show');
      if (record!.variant === 'holdout') {
        expect(record!.status).toBe('held');
        expect(shown).toHaveLength(0);
      } else {
        expect(shown.map((frame) => frame.invitation.message)).toEqual([`Variant ${record!.variant}`]);
      }
      await socket.close();
    }
    expect([...sides].sort()).toEqual(['A', 'B', 'holdout']);
  });

  it('a 100 % holdout never invites, even after more page views', async () => {
    await splitDemoRule({ holdoutPercent: 100, variants: [] });
    const v = await visitor(h);
    await h.clock.advance(30_000);
    v.send({ type: 'page', page: { url: `${h.origin}/demo/pricing.html?2`, title: 'Pricing' } });
    await settle();
    await h.clock.advance(60_000);
    expect(v.all('invitation.show')).toHaveLength(0);
    const records = await h.node.store.listInvitations(v.all('welcome')[0]!.visitorId, 0);
    expect(records.map((record) => record.status)).toEqual(['held']);
    await v.close();
  });
});
