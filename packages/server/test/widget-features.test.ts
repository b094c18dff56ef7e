import { closeCodes, type VisitorServerFrame } from '@beckon/protocol';
import { login, TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type Harness, hello, password, startHarness, visitor } from './harness.ts';

/** Consent mode, operating hours, availability, the post-chat survey, typing, track. */

let h: Harness;
let admin: string;
beforeEach(async () => {
  h = await startHarness();
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterEach(async () => {
  await h.close();
});

async function patchWidget(body: unknown): Promise<number> {
  const response = await fetch(`${h.url}/v1/widgets/${h.demoWidgetId}`, {
    method: 'PATCH',
    headers: { cookie: admin, origin: h.url, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}

const welcomeOf = (v: TestSocket<VisitorServerFrame>) => v.all('welcome')[0]!;

/** The harness clock starts on Tuesday 24 November 2026, 10:00 UTC (10:00 in London). */
const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);
const noonInLondon = { timeZone: 'Europe/London', periods: [{ day: 2, start: '12:00', end: '18:00' }] };

describe('consent mode', () => {
  it('keeps no journey and invites nobody before consent; tracks from the moment consent is given', async () => {
    expect(await patchWidget({ consentRequired: true })).toBe(200);
    const v = await visitor(h);
    const { visitorId, widget } = welcomeOf(v);
    expect(widget.consentRequired).toBe(true);
    expect(await h.node.store.listPageViews(visitorId, 0)).toEqual([]);

    v.send({ type: 'page', page: { url: `${h.origin}/demo/pricing.html?again`, title: 'Pricing' } });
    v.send({ type: 'track', name: 'added_to_cart', props: { sku: 'A-1', price: 12, gift: false } });
    await h.clock.advance(60_000);
    expect(await h.node.store.listPageViews(visitorId, 0)).toEqual([]);
    expect(v.all('invitation.show')).toHaveLength(0);
    expect(v.all('error')).toHaveLength(0);

    v.send({ type: 'consent', granted: true });
    await expect.poll(async () => (await h.node.store.listPageViews(visitorId, 0)).length).toBe(1);
    // The seeded rule needs 30 s on a pricing page, counted from consent.
    await h.clock.advance(29_000);
    expect(v.all('invitation.show')).toHaveLength(0);
    await h.clock.advance(1_000);
    await v.next('invitation.show');
    await v.close();
  });

  it('a hello that carries consent tracks at once; a widget without consent mode always tracks', async () => {
    await patchWidget({ consentRequired: true });
    const consented = await visitor(h, undefined, { consent: true });
    expect(await h.node.store.listPageViews(welcomeOf(consented).visitorId, 0)).toHaveLength(1);
    await patchWidget({ consentRequired: false });
    const plain = await visitor(h);
    expect(welcomeOf(plain).widget.consentRequired).toBeUndefined();
    expect(await h.node.store.listPageViews(welcomeOf(plain).visitorId, 0)).toHaveLength(1);
    await Promise.all([consented.close(), plain.close()]);
  });

  it('an explicit chat works without consent', async () => {
    await patchWidget({ consentRequired: true });
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    await v.next('conversation.update', (f) => f.conversation.status === 'waiting');
    await v.close();
  });
});

describe('operating hours', () => {
  it('tells the widget it is closed, refuses a new chat and invites nobody until the widget opens', async () => {
    expect(await patchWidget({ operatingHours: { ...noonInLondon, offlineMessage: 'Back at noon.' } })).toBe(
      200,
    );
    const v = await visitor(h);
    expect(welcomeOf(v).widget.hours).toEqual({
      open: false,
      nextChangeAt: T0 + 2 * 3_600_000,
      offlineMessage: 'Back at noon.',
    });
    v.send({ type: 'chat.start' });
    expect((await v.next('error')).code).toBe('OUTSIDE_OPERATING_HOURS');
    v.send({ type: 'invitation.request', message: 'Hello?' });
    expect((await v.next('error')).code).toBe('INVITATION_SUPPRESSED');

    // 30 s on the pricing page would fire the seeded rule; the hours gate holds it until 12:00.
    await h.clock.advance(60_000);
    expect(v.all('invitation.show')).toHaveLength(0);
    const explain = await fetch(
      `${h.url}/v1/widgets/${h.demoWidgetId}/explain?visitorId=${welcomeOf(v).visitorId}`,
      { headers: { cookie: admin } },
    );
    expect(JSON.stringify(await explain.json())).toContain('closed-hours');
    await h.clock.advance(2 * 3_600_000 - 60_000);
    await v.next('invitation.show');
    await v.close();
  });

  it('rejects an invalid schedule and accepts null (always open)', async () => {
    expect(await patchWidget({ operatingHours: { timeZone: 'Mars/Base', periods: [] } })).toBe(400);
    expect(
      await patchWidget({
        operatingHours: { timeZone: 'UTC', periods: [{ day: 1, start: '18:00', end: '09:00' }] },
      }),
    ).toBe(400);
    expect(await patchWidget({ operatingHours: noonInLondon })).toBe(200);
    expect(await patchWidget({ operatingHours: null })).toBe(200);
    const v = await visitor(h);
    expect(welcomeOf(v).widget.hours).toBeUndefined();
    await v.close();
  });

  it('carries the offline message per language to the widget; an empty one is refused', async () => {
    const offlineMessages = { en: 'Back at noon.', fr: 'De retour à midi.' };
    expect(await patchWidget({ operatingHours: { ...noonInLondon, offlineMessages } })).toBe(200);
    const v = await visitor(h);
    expect(welcomeOf(v).widget.hours).toEqual({
      open: false,
      nextChangeAt: T0 + 2 * 3_600_000,
      offlineMessages,
    });
    await v.close();
    expect(await patchWidget({ operatingHours: { ...noonInLondon, offlineMessages: { fr: '' } } })).toBe(400);
    const stored = await h.node.store.getWidget(h.demoWidgetId);
    expect(stored?.operatingHours?.offlineMessages).toEqual(offlineMessages);
  });
});

describe('getAgentAvailability', () => {
  it('reports free agents, the queue position and the wait estimate', async () => {
    await patchWidget({
      operatingHours: { timeZone: 'Europe/London', periods: [{ day: 2, start: '08:00', end: '17:00' }] },
    });
    const v = await visitor(h);
    v.send({ type: 'availability.request' });
    expect(await v.next('availability')).toEqual({
      type: 'availability',
      queueId: expect.any(String),
      isQueueAvailable: true,
      isAgentAvailable: false,
      positionInQueue: 0,
      averageWaitTime: 120,
      startTimeOfNextOperatingHour: '2026-11-24T08:00:00.000Z',
      endTimeOfNextOperatingHour: '2026-11-24T17:00:00.000Z',
    });
    v.send({ type: 'chat.start' });
    await v.next('queue.position');
    v.send({ type: 'availability.request' });
    expect(await v.next('availability')).toMatchObject({ positionInQueue: 1, averageWaitTime: 120 });

    const a = await agent(h);
    await a.next('offer.new');
    const other = await visitor(h);
    other.send({ type: 'availability.request' });
    // The agent's capacity (3) minus the pending offer leaves room: a new chat would be offered at once.
    expect(await other.next('availability')).toMatchObject({ isAgentAvailable: true, averageWaitTime: 0 });
    await Promise.all([v.close(), a.close(), other.close()]);
  });
});

describe('post-chat survey and typing', () => {
  it('typing goes both ways in an active chat; the survey is stored once and shown to the agent', async () => {
    const a = await agent(h);
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    const { conversation } = await a.next('conversation.opened');
    await v.next('conversation.update', (f) => f.conversation.status === 'active');

    v.send({ type: 'typing', typing: true });
    expect(await a.next('typing')).toEqual({ type: 'typing', conversationId: conversation.id, typing: true });
    a.send({ type: 'typing', conversationId: conversation.id, typing: true });
    expect(await v.next('typing')).toEqual({ type: 'typing', conversationId: conversation.id, typing: true });

    v.send({ type: 'survey.submit', conversationId: conversation.id, rating: 5 });
    expect((await v.next('error')).code).toBe('SURVEY_NOT_ALLOWED');

    a.send({ type: 'conversation.end', conversationId: conversation.id });
    await v.next('conversation.update', (f) => f.conversation.status === 'ended');
    v.send({ type: 'survey.submit', conversationId: conversation.id, rating: 6 });
    expect((await v.next('error')).code).toBe('VALIDATION_FAILED');
    v.send({ type: 'survey.submit', conversationId: conversation.id, rating: 4, comment: '  Helpful  ' });
    await v.next('survey.saved');
    expect(await a.next('survey')).toMatchObject({
      conversationId: conversation.id,
      rating: 4,
      comment: 'Helpful',
    });
    v.send({ type: 'survey.submit', conversationId: conversation.id, rating: 1 });
    expect((await v.next('error', (f) => f.code === 'SURVEY_NOT_ALLOWED')).code).toBe('SURVEY_NOT_ALLOWED');

    const read = async (cookie: string) => {
      const response = await fetch(`${h.url}/v1/conversations/${conversation.id}/survey`, {
        headers: { cookie },
      });
      return { status: response.status, body: (await response.json()) as { survey?: { rating: number } } };
    };
    expect(await read(admin)).toMatchObject({
      status: 200,
      body: { survey: { rating: 4, comment: 'Helpful' } },
    });
    expect((await read(await login(h.url, 'agent@beckon.local', password))).status).toBe(200);
    expect((await read(await login(h.url, 'agent2@beckon.local', password))).status).toBe(404);
    expect((await fetch(`${h.url}/v1/conversations/${conversation.id}/survey`)).status).toBe(401);
    await Promise.all([a.close(), v.close()]);
  });

  it('a survey for someone else’s conversation is refused', async () => {
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    const { conversation } = await v.next('conversation.update');
    v.send({ type: 'chat.close' });
    await v.next('conversation.update', (f) => f.conversation.status === 'ended');
    const other = await visitor(h);
    other.send({ type: 'survey.submit', conversationId: conversation.id, rating: 3 });
    expect((await other.next('error')).code).toBe('CONVERSATION_NOT_FOUND');
    await Promise.all([v.close(), other.close()]);
  });
});

describe('the chat window Beckon serves itself', () => {
  it('lets a socket from a page of this very node (startChat inNewWindow) say hello only with a handover', async () => {
    // The demo widget allows http://localhost:PORT only; the harness talks to 127.0.0.1:PORT.
    // Without the window marker the node's own host is just another origin.
    const plain = await TestSocket.connect(`${h.wsUrl}/v1/visitor?key=demo`, { origin: h.url }).catch(
      (error: unknown) => error,
    );
    expect(plain).toBeInstanceOf(Error);
    const own = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo&window=1`, {
      origin: h.url,
    });
    own.send(hello(`${h.url}/widget/chat-window.html?key=demo`));
    expect((await own.next('error')).code).toBe('HANDOVER_INVALID');
    expect((await own.closed).code).toBe(closeCodes.notAllowed);
    expect(own.all('welcome')).toHaveLength(0);
    const other = await TestSocket.connect(`${h.wsUrl}/v1/visitor?key=demo`, {
      origin: 'http://127.0.0.2:1',
    }).catch((error: unknown) => error);
    expect(other).toBeInstanceOf(Error);
    const served = await fetch(`${h.url}/widget/chat-window.html`);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('chat-window.js');
  });
});
