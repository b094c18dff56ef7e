// Over 300 lines: every way an account is locked out, each replayed against one real node.
import { type AgentServerFrame, closeCodes } from '@beckon/protocol';
import { login, TestSocket } from '@beckon/test-kit';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, userIdOf } from '../api.ts';
import { type Harness, password, startHarness, visitor } from '../harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

type AgentSocket = TestSocket<AgentServerFrame>;

async function socketOf(cookie: string): Promise<AgentSocket> {
  const socket = await TestSocket.connect<AgentServerFrame>(`${h.wsUrl}/v1/agent`, { cookie, origin: h.url });
  await socket.next('agent.state');
  return socket;
}

/** The close the server sent, failing when none came within a second (the bound the lockout promises). */
async function closedWithin(socket: AgentSocket): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('socket still open after 1 s')), 1000);
  });
  try {
    return (await Promise.race([socket.closed, late])).code;
  } finally {
    clearTimeout(timer);
  }
}

/** The socket still answers: a ping gets its pong. */
async function expectOpen(socket: AgentSocket): Promise<void> {
  socket.send({ type: 'ping' });
  await socket.next('pong');
}

async function refusedStatus(cookie: string): Promise<number | undefined> {
  try {
    const socket = await TestSocket.connect<AgentServerFrame>(`${h.wsUrl}/v1/agent`, {
      cookie,
      origin: h.url,
    });
    await socket.close();
    return undefined;
  } catch (error) {
    return (error as { status?: number }).status;
  }
}

async function signInAnswer(email: string, pass: string) {
  const response = await fetch(`${h.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: pass }),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
}

describe('sessions and sockets', () => {
  it('sign-out closes the sockets of that session only', async () => {
    const first = await login(h.url, 'agent@beckon.local', password);
    const second = await login(h.url, 'agent@beckon.local', password);
    const [a, b] = [await socketOf(first), await socketOf(second)];
    expect((await api(h, first, 'POST', '/v1/auth/logout')).status).toBe(204);
    expect(await closedWithin(a)).toBe(closeCodes.sessionEnded);
    await expectOpen(b);
    // The signed-out socket can no longer set presence: it is gone, and its cookie opens no new one.
    expect(await refusedStatus(first)).toBe(401);
    await b.close();
  });

  it('an expiring session closes its sockets at its expiry, on the node clock', async () => {
    // Sweeps and heartbeats as rare as allowed, so twelve hours of fake time run few timers.
    await h.close();
    h = await startHarness({
      env: { BECKON_SWEEP_INTERVAL_MS: '600000', BECKON_NODE_TTL_MS: '3600000' },
    });
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const socket = await socketOf(cookie);
    await h.clock.advance(12 * 60 * 60 * 1000 - 1);
    await expectOpen(socket);
    await h.clock.advance(1);
    expect(await closedWithin(socket)).toBe(closeCodes.sessionEnded);
    expect((await api(h, cookie, 'GET', '/v1/auth/me')).status).toBe(401);
  });
});

describe('admin lockouts', () => {
  it('a disabled user is signed out everywhere, cannot sign in or use an old cookie, until enabled', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const socket = await socketOf(cookie);
    socket.send({ type: 'presence.set', status: 'available' });
    await socket.next('presence');
    const id = await userIdOf(h, 'agent@beckon.local');

    const disabled = await api(h, admin, 'PUT', `/v1/users/${id}/status`, { status: 'disabled' });
    expect(disabled).toMatchObject({ status: 200, body: { id, status: 'disabled' } });
    expect(await closedWithin(socket)).toBe(closeCodes.sessionEnded);
    expect(await h.node.store.getPresence(id)).toBe('offline');
    expect((await api(h, cookie, 'GET', '/v1/auth/me')).status).toBe(401);
    expect(await refusedStatus(cookie)).toBe(401);
    // The same answer as a wrong password: nothing tells a stranger the account exists.
    expect(await signInAnswer('agent@beckon.local', password)).toMatchObject({
      status: 401,
      body: { error: { code: 'INVALID_CREDENTIALS' } },
    });

    await api(h, admin, 'PUT', `/v1/users/${id}/status`, { status: 'active' });
    const again = await login(h.url, 'agent@beckon.local', password);
    await (await socketOf(again)).close();
  });

  it('a role change ends the sessions; the user signs in again with the new role', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const socket = await socketOf(cookie);
    const id = await userIdOf(h, 'agent@beckon.local');
    const changed = await api(h, admin, 'PUT', `/v1/users/${id}/role`, { role: 'supervisor' });
    expect(changed.body).toMatchObject({ role: 'supervisor' });
    expect(await closedWithin(socket)).toBe(closeCodes.sessionEnded);
    expect((await api(h, cookie, 'GET', '/v1/auth/me')).status).toBe(401);
    const again = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, again, 'GET', '/v1/supervisor/overview')).status).toBe(200);
  });

  it('a password reset ends the sessions and makes the user change the temporary password first', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const socket = await socketOf(cookie);
    const id = await userIdOf(h, 'agent@beckon.local');
    const reset = await api(h, admin, 'POST', `/v1/users/${id}/password-reset`, {
      temporaryPassword: 'temporary-pass-1',
    });
    expect(reset.body).toMatchObject({ passwordChangeRequired: true });
    expect(await closedWithin(socket)).toBe(closeCodes.sessionEnded);
    await expect(login(h.url, 'agent@beckon.local', password)).rejects.toThrow(/401/);

    const temporary = await login(h.url, 'agent@beckon.local', 'temporary-pass-1');
    expect((await api(h, temporary, 'GET', '/v1/widgets')).body.error?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await refusedStatus(temporary)).toBe(403);
    expect((await api(h, temporary, 'GET', '/v1/account')).body).toMatchObject({
      passwordChangeRequired: true,
    });
    const changed = await api(h, temporary, 'POST', '/v1/account/password', {
      currentPassword: 'temporary-pass-1',
      newPassword: 'my-own-password',
    });
    expect(changed.status).toBe(204);
    expect((await api(h, temporary, 'GET', '/v1/widgets')).status).toBe(200);
    await (await socketOf(temporary)).close();
  });

  it('a deleted user is anonymised: messages keep their text without the name, and routing data stays', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const socket = await socketOf(cookie);
    socket.send({ type: 'presence.set', status: 'available' });
    await socket.next('presence');
    const id = await userIdOf(h, 'agent@beckon.local');
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    const { offer } = await socket.next('offer.new');
    socket.send({ type: 'offer.accept', offerId: offer.id });
    await socket.next('conversation.opened');
    socket.send({
      type: 'message.send',
      conversationId: offer.conversationId,
      clientMsgId: 'm-1',
      text: 'Hello from the agent',
    });
    await socket.next('message.ack');

    expect((await api(h, admin, 'DELETE', `/v1/users/${id}`)).status).toBe(204);
    expect(await closedWithin(socket)).toBe(closeCodes.sessionEnded);
    const row = await h.node.store.getUser(id);
    expect(row).toMatchObject({ status: 'deleted', name: '' });
    expect(row?.email).not.toContain('agent@beckon.local');
    expect(await h.node.store.findUserByEmail('agent@beckon.local')).toBeUndefined();
    const messages = await h.node.store.listMessages(offer.conversationId, 0);
    const written = messages.find((m) => m.text === 'Hello from the agent');
    expect(written).toMatchObject({ author: 'agent' });
    expect(written?.authorName).toBeUndefined();
    expect((await h.node.store.getConversation(offer.conversationId))?.agentId).toBe(id);
    for (const queue of await h.node.store.listQueues())
      expect(await h.node.store.listQueueMembers(queue.id)).not.toContain(id);
    const listed = await api<{ users: { id: string }[] }>(h, admin, 'GET', '/v1/users');
    expect(listed.body.users.map((u) => u.id)).not.toContain(id);
    expect((await api(h, admin, 'DELETE', `/v1/users/${id}`)).body.error?.code).toBe('NOT_FOUND');
    expect((await signInAnswer('agent@beckon.local', password)).status).toBe(401);
    await v.close();
  });

  it('never leaves the installation without an active admin', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const id = await userIdOf(h, 'admin@beckon.local');
    for (const [method, path, body] of [
      ['PUT', `/v1/users/${id}/status`, { status: 'disabled' }],
      ['PUT', `/v1/users/${id}/role`, { role: 'agent' }],
      ['DELETE', `/v1/users/${id}`, undefined],
    ] as const) {
      const answer = await api(h, admin, method, path, body);
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'LAST_ADMIN' } } });
    }
    expect(await h.node.store.getUser(id)).toMatchObject({ role: 'admin', status: 'active' });
    expect((await api(h, admin, 'GET', '/v1/auth/me')).status).toBe(200);

    // With a second admin, the first may step down.
    const second = await api<{ id: string }>(h, admin, 'POST', '/v1/users', {
      email: 'second@beckon.local',
      name: 'Second Admin',
      role: 'admin',
      password: 'second-password',
    });
    expect(second.status).toBe(201);
    expect((await api(h, admin, 'PUT', `/v1/users/${id}/role`, { role: 'agent' })).status).toBe(200);
    const other = await login(h.url, 'second@beckon.local', 'second-password');
    const last = await api(h, other, 'PUT', `/v1/users/${second.body.id}/status`, { status: 'disabled' });
    expect(last.body.error?.code).toBe('LAST_ADMIN');
  });

  it('only admins lock people out, and bodies are checked', async () => {
    const agent = await login(h.url, 'agent@beckon.local', password);
    const admin = await login(h.url, 'admin@beckon.local', password);
    const id = await userIdOf(h, 'agent2@beckon.local');
    expect((await api(h, agent, 'PUT', `/v1/users/${id}/status`, { status: 'disabled' })).status).toBe(403);
    expect((await api(h, admin, 'PUT', `/v1/users/${id}/status`, { status: 'deleted' })).status).toBe(400);
    expect((await api(h, admin, 'PUT', `/v1/users/${id}/role`, { role: 'root' })).status).toBe(400);
    const short = await api(h, admin, 'POST', `/v1/users/${id}/password-reset`, {
      temporaryPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect((await api(h, admin, 'PUT', '/v1/users/usr_missing/status', { status: 'disabled' })).status).toBe(
      404,
    );
  });
});

describe('own password', () => {
  it('needs the current password and ends the other sessions, keeping this one', async () => {
    const here = await login(h.url, 'agent@beckon.local', password);
    const elsewhere = await login(h.url, 'agent@beckon.local', password);
    const [mine, theirs] = [await socketOf(here), await socketOf(elsewhere)];
    const wrong = await api(h, here, 'POST', '/v1/account/password', {
      currentPassword: 'not-the-password',
      newPassword: 'a-new-password',
    });
    expect(wrong).toMatchObject({ status: 403, body: { error: { code: 'WRONG_PASSWORD' } } });
    const tooShort = await api(h, here, 'POST', '/v1/account/password', {
      currentPassword: password,
      newPassword: 'short',
    });
    expect(tooShort.status).toBe(400);
    await expectOpen(theirs);

    const changed = await api(h, here, 'POST', '/v1/account/password', {
      currentPassword: password,
      newPassword: 'a-new-password',
    });
    expect(changed.status).toBe(204);
    expect(await closedWithin(theirs)).toBe(closeCodes.sessionEnded);
    await expectOpen(mine);
    expect((await api(h, here, 'GET', '/v1/auth/me')).status).toBe(200);
    expect((await api(h, elsewhere, 'GET', '/v1/auth/me')).status).toBe(401);
    await expect(login(h.url, 'agent@beckon.local', password)).rejects.toThrow(/401/);
    await login(h.url, 'agent@beckon.local', 'a-new-password');
    await mine.close();
  });

  it('signs out the other sessions on request', async () => {
    const here = await login(h.url, 'agent@beckon.local', password);
    const elsewhere = await login(h.url, 'agent@beckon.local', password);
    const [mine, theirs] = [await socketOf(here), await socketOf(elsewhere)];
    expect((await api(h, here, 'POST', '/v1/account/sign-out-others')).status).toBe(204);
    expect(await closedWithin(theirs)).toBe(closeCodes.sessionEnded);
    await expectOpen(mine);
    await mine.close();
  });
});

describe('two-factor sign-in', () => {
  const fixedSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const codeAt = (timestamp: number) => TOTP.generate({ secret: Secret.fromBase32(fixedSecret), timestamp });

  /** Enrols agent@ with the fixed secret; answers the recovery codes. */
  async function enrol(cookie: string): Promise<string[]> {
    const setup = await api<{ uri: string; secret: string }>(
      h,
      cookie,
      'POST',
      '/v1/account/two-factor/setup',
    );
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Beckon:agent%40beckon\.local\?/);
    expect(setup.body.uri).toContain(`secret=${setup.body.secret}`);
    // The secret the test can compute codes for.
    await h.node.store.updateUser(await userIdOf(h, 'agent@beckon.local'), {
      totpPendingSecret: fixedSecret,
    });
    const wrong = await api(h, cookie, 'POST', '/v1/account/two-factor/confirm', { code: '000000' });
    expect(wrong.body.error?.code).toBe('INVALID_TWO_FACTOR_CODE');
    const confirmed = await api<{ recoveryCodes: string[] }>(
      h,
      cookie,
      'POST',
      '/v1/account/two-factor/confirm',
      {
        code: codeAt(h.clock.now()),
      },
    );
    expect(confirmed.status).toBe(200);
    return confirmed.body.recoveryCodes;
  }

  async function step(path: string, body: unknown) {
    const response = await fetch(`${h.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return {
      status: response.status,
      cookie,
      body: (await response.json()) as { challenge?: string; user?: unknown; error?: { code: string } },
    };
  }

  it('asks for a code after the right password only; a current code signs in, an old one does not', async () => {
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const codes = await enrol(cookie);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    // A wrong password answers as before: nothing says the account has a second factor.
    const wrongPassword = await step('/v1/auth/login', {
      email: 'agent@beckon.local',
      password: 'nope-nope',
    });
    expect(wrongPassword).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
    const first = await step('/v1/auth/login', { email: 'agent@beckon.local', password });
    expect(first.status).toBe(200);
    expect(first.cookie).toBe('');
    expect(first.body).toMatchObject({ twoFactorRequired: true });
    const stale = codeAt(h.clock.now());
    await h.clock.advance(120_000);
    const old = await step('/v1/auth/login/two-factor', { challenge: first.body.challenge, code: stale });
    expect(old.body.error?.code).toBe('INVALID_TWO_FACTOR_CODE');
    const ok = await step('/v1/auth/login/two-factor', {
      challenge: first.body.challenge,
      code: codeAt(h.clock.now()),
    });
    expect(ok.status).toBe(200);
    expect(ok.cookie).toMatch(/^beckon_session=/);
    expect((await api(h, ok.cookie, 'GET', '/v1/auth/me')).status).toBe(200);
    // The challenge is spent.
    const again = await step('/v1/auth/login/two-factor', {
      challenge: first.body.challenge,
      code: codeAt(h.clock.now()),
    });
    expect(again.body.error?.code).toBe('INVALID_TWO_FACTOR_CODE');
  });

  it('takes each recovery code once, and a challenge dies after five wrong codes or five minutes', async () => {
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const [recovery] = await enrol(cookie);
    const first = await step('/v1/auth/login', { email: 'agent@beckon.local', password });
    const used = await step('/v1/auth/login/two-factor', { challenge: first.body.challenge, code: recovery });
    expect(used.status).toBe(200);
    const second = await step('/v1/auth/login', { email: 'agent@beckon.local', password });
    const reused = await step('/v1/auth/login/two-factor', {
      challenge: second.body.challenge,
      code: recovery,
    });
    expect(reused.body.error?.code).toBe('INVALID_TWO_FACTOR_CODE');
    expect((await api(h, used.cookie, 'GET', '/v1/account')).body).toMatchObject({
      twoFactorEnabled: true,
      recoveryCodesLeft: 9,
    });

    for (let i = 0; i < 4; i++)
      await step('/v1/auth/login/two-factor', { challenge: second.body.challenge, code: '111111' });
    const spent = await step('/v1/auth/login/two-factor', {
      challenge: second.body.challenge,
      code: codeAt(h.clock.now()),
    });
    expect(spent.body.error?.code).toBe('INVALID_TWO_FACTOR_CODE');

    const third = await step('/v1/auth/login', { email: 'agent@beckon.local', password });
    await h.clock.advance(5 * 60_000);
    const late = await step('/v1/auth/login/two-factor', {
      challenge: third.body.challenge,
      code: codeAt(h.clock.now()),
    });
    expect(late.body.error?.code).toBe('INVALID_TWO_FACTOR_CODE');
  });

  it('a role that requires it makes its users enrol before anything else', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const policy = await api(h, admin, 'PUT', '/v1/users/two-factor-policy', { roles: ['agent'] });
    expect(policy.body).toEqual({ roles: ['agent'] });
    expect((await api(h, admin, 'GET', '/v1/widgets')).status).toBe(200);

    const cookie = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, cookie, 'GET', '/v1/widgets')).body.error?.code).toBe(
      'TWO_FACTOR_ENROLMENT_REQUIRED',
    );
    expect(await refusedStatus(cookie)).toBe(403);
    expect((await api(h, cookie, 'GET', '/v1/account')).body).toMatchObject({
      twoFactorEnrolmentRequired: true,
    });
    await enrol(cookie);
    expect((await api(h, cookie, 'GET', '/v1/widgets')).status).toBe(200);
    // The role requires it: it cannot be turned off.
    const off = await api(h, cookie, 'POST', '/v1/account/two-factor/disable', { password });
    expect(off.body.error?.code).toBe('FORBIDDEN');
    await api(h, admin, 'PUT', '/v1/users/two-factor-policy', { roles: [] });
    expect(
      (await api(h, cookie, 'POST', '/v1/account/two-factor/disable', { password: 'wrong' })).status,
    ).toBe(403);
    expect((await api(h, cookie, 'POST', '/v1/account/two-factor/disable', { password })).status).toBe(204);
    await login(h.url, 'agent@beckon.local', password);
  });
});
