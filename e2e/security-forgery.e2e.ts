import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openScreen, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';

/**
 * The attacks a page on another port of the same host can make on a signed-in console (the same site, so the
 * SameSite=Lax session cookie rides along): no-cors POSTs and a form post that would change state, and framing
 * the console to trick clicks. The attacking page is served by a real HTTP server on its own port (Chromium
 * applies its local-network rules to real servers, not to intercepted routes).
 */
describe('forgery from a page on another port', () => {
  const harness = useHarness();
  let attacker: Server;
  let attackerOrigin: string;

  beforeAll(async () => {
    attacker = createServer((request, response) => {
      const target = new URL(request.url ?? '/', 'http://attacker.invalid').searchParams.get('target') ?? '';
      const body =
        request.url?.startsWith('/frame.html') && /^http:\/\/localhost:\d+$/.test(target)
          ? `<!doctype html><title>Win a prize</title><iframe src="${target}/console/" width="800" height="600"></iframe>`
          : '<!doctype html><title>Win a prize</title><p>Nothing to see here.</p>';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(body);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => attacker.close(resolve));
  });

  test("no-cors POSTs and a form post with the console's cookie change nothing", async () => {
    const h = harness();
    const admin = await signIn(h, 'admin@beckon.local');
    // The console runs under its policy: nothing it needs is refused.
    const violations: string[] = [];
    admin.on('console', (message: ConsoleMessage) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await openScreen(admin, 'Rules');
    await admin.locator('[data-testid=rule-item]').first().waitFor({ state: 'visible' });

    const widget = await h.store.getWidgetByKey('demo');
    const published = async () =>
      (await h.node.services.widgets.rules(widget!.id)).filter(
        (r) => (r.status ?? 'published') === 'published',
      );
    const before = (await published()).map((r) => r.id);
    expect(before.length).toBeGreaterThan(0);

    // The attacker's page, opened in the signed-in browser (same cookie jar).
    const page = await admin.context().newPage();
    await page.goto(`${attackerOrigin}/`);
    // Which forged requests reached the server and got an answer (opaque to the page, or withheld from it by the
    // answer's Cross-Origin-Resource-Policy): so a refusal below is the server's, not the browser's.
    const answered: string[] = [];
    page.on('response', (response) => answered.push(new URL(response.url()).pathname));
    page.on('requestfailed', (request) => {
      if (/ERR_BLOCKED_BY_RESPONSE/.test(request.failure()?.errorText ?? '')) {
        answered.push(new URL(request.url()).pathname);
      }
    });
    const outcomes = await page.evaluate(
      async ({ target, ruleId }) => {
        const results: string[] = [];
        for (const path of [
          `/v1/rules/${ruleId}/unpublish`,
          `/v1/rules/${ruleId}/preview`,
          '/v1/auth/logout',
        ]) {
          try {
            const answer = await fetch(`${target}${path}`, {
              method: 'POST',
              mode: 'no-cors',
              credentials: 'include',
            });
            results.push(answer.type);
          } catch (error) {
            results.push(`failed: ${String(error)}`);
          }
        }
        return results;
      },
      { target: h.origin, ruleId: before[0]! },
    );
    expect(outcomes).toHaveLength(3);
    expect(answered).toEqual([
      `/v1/rules/${before[0]}/unpublish`,
      `/v1/rules/${before[0]}/preview`,
      '/v1/auth/logout',
    ]);

    // A classic auto-submitted form: a top-level POST navigation, which Lax cookies also accompany.
    const [formAnswer] = await Promise.all([
      page.waitForResponse((response) => response.url() === `${h.origin}/v1/auth/logout`),
      page.evaluate((target) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = `${target}/v1/auth/logout`;
        document.body.append(form);
        form.submit();
      }, h.origin),
    ]);
    expect(formAnswer.status()).toBe(403);
    expect((await formAnswer.json()).error.code).toBe('FORBIDDEN_ORIGIN');

    expect((await published()).map((r) => r.id)).toEqual(before);
    // Still signed in: the console's own requests go on working.
    const me = await admin.evaluate(async () => (await fetch('/v1/auth/me')).status);
    expect(me).toBe(200);
    expect(violations).toEqual([]);
  });

  test('the console cannot be framed by another page', async () => {
    const h = harness();
    const context = await h.newContext();
    const page = await context.newPage();
    const refused = page.waitForEvent('console', {
      predicate: (message) => /frame-ancestors/.test(message.text()),
    });
    await page.goto(`${attackerOrigin}/frame.html?target=${encodeURIComponent(h.origin)}`);
    await refused;
    const framed = page.frames().filter((frame) => frame !== page.mainFrame());
    expect(framed).toHaveLength(1);
    expect(await framed[0]!.locator('input[name=email]').count()).toBe(0);
  });
});
