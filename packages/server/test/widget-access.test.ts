import { closeCodes, type VisitorServerFrame } from '@beckon/protocol';
import { login, TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { type Harness, hello, password, startHarness, visitor } from './harness.ts';

let h: Harness;
let admin: string;
beforeEach(async () => {
  h = await startHarness();
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterEach(async () => {
  await h.close();
});

const shop = 'https://shop.example';

async function visitorFrom(origin: string): Promise<TestSocket<VisitorServerFrame>> {
  const socket = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo`, { origin });
  socket.send(hello(`${origin}/pricing`));
  await socket.next('welcome');
  return socket;
}

async function stillOpen(socket: TestSocket<VisitorServerFrame>): Promise<void> {
  socket.send({ type: 'ping' });
  await socket.next('pong');
  expect(socket.isOpen).toBe(true);
}

describe('widget access narrowed while visitors are connected', () => {
  it('switching the widget off closes its open sockets with notAllowed', async () => {
    const v = await visitor(h);
    const patched = await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { enabled: false });
    expect(patched.status).toBe(200);
    expect((await v.closed).code).toBe(closeCodes.notAllowed);
  });

  it('removing an origin closes the sockets opened from it, not the others', async () => {
    await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { allowedOrigins: [h.origin, shop] });
    const fromDemo = await visitor(h);
    const fromShop = await visitorFrom(shop);
    await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { allowedOrigins: [shop] });
    expect((await fromDemo.closed).code).toBe(closeCodes.notAllowed);
    await stillOpen(fromShop);
    await fromShop.close();
  });

  it('a change that narrows nothing leaves sockets open', async () => {
    const v = await visitor(h);
    await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, {
      title: 'Ask us',
      allowedOrigins: [h.origin, shop],
    });
    await stillOpen(v);
    await v.close();
  });
});
