import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { login } from '@beckon/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticRoots } from '../../src/transport/http/static-routes.ts';
import { type Harness, password, startHarness } from '../harness.ts';

/** Security headers on every kind of response: the API, the console, the widget's assets and the demo shop. */

function built(root: string, what: string): void {
  if (!existsSync(root)) throw new Error(`${what} is not built: run npm run build first`);
}

function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('security headers', () => {
  let h: Harness;
  let consoleScript: string;
  beforeAll(async () => {
    built(staticRoots.console, 'The console');
    built(staticRoots.widget, 'The widget');
    const script = readdirSync(path.join(staticRoots.console, 'assets')).find((f) => f.endsWith('.js'));
    consoleScript = `/console/assets/${script}`;
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  const get = async (p: string, headers: Record<string, string> = {}) => {
    const answer = await fetch(`${h.url}${p}`, { headers });
    // Every body is read: an unread 750 KB script keeps its connection busy, and closing the node waits for it.
    const body = await answer.text();
    return { status: answer.status, headers: answer.headers, text: async () => body };
  };

  it('every kind of response says nosniff and no-referrer-or-stricter, with no HSTS over plain HTTP', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const paths = [
      '/v1/widgets',
      '/v1/auth/me',
      '/healthz',
      '/nope',
      '/console/',
      '/console/workspace',
      consoleScript,
      '/widget.js',
      '/widget/pane.js',
      '/widget/chat-window.html',
      '/demo/pricing.html',
      '/demo/demo.js',
      '/v1/%E0%A4%A',
      '/widget/..%2f..%2fpackage.json',
    ];
    for (const p of paths) {
      const answer = await get(p, { cookie: admin });
      expect(answer.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(answer.headers.get('referrer-policy'), p).toMatch(
        /^(no-referrer|strict-origin-when-cross-origin)$/,
      );
      expect(answer.headers.get('content-security-policy'), p).toBeTruthy();
      expect(answer.headers.get('strict-transport-security'), p).toBeNull();
      const csp = directives(answer.headers.get('content-security-policy'));
      // No page may run inline or evaluated script.
      for (const source of csp.get('script-src') ?? csp.get('default-src') ?? []) {
        expect(source, p).not.toMatch(/unsafe/);
      }
    }
  });

  it('the API: nothing may load, run or frame it, and it is not readable cross-origin', async () => {
    for (const p of ['/v1/auth/me', '/healthz', '/nope']) {
      const answer = await get(p);
      const csp = directives(answer.headers.get('content-security-policy'));
      expect(csp.get('default-src'), p).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), p).toEqual(["'none'"]);
      expect(answer.headers.get('x-frame-options'), p).toBe('DENY');
      expect(answer.headers.get('cross-origin-resource-policy'), p).toBe('same-origin');
      expect(answer.headers.get('access-control-allow-origin'), p).toBeNull();
    }
  });

  it('the console: a strict policy, never framed, not shared with other origins', async () => {
    for (const p of ['/console/', '/console/admin/rules', consoleScript]) {
      const answer = await get(p);
      expect(answer.status, p).toBe(200);
      const csp = directives(answer.headers.get('content-security-policy'));
      expect(csp.get('default-src'), p).toEqual(["'self'"]);
      expect(csp.get('script-src'), p).toEqual(["'self'"]);
      expect(csp.get('style-src'), p).toEqual(["'self'"]);
      expect(csp.get('object-src'), p).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), p).toEqual(["'none'"]);
      expect(csp.get('connect-src'), p).toContain(`ws://${new URL(h.url).host}`);
      expect(csp.has('upgrade-insecure-requests'), p).toBe(false);
      expect(answer.headers.get('x-frame-options'), p).toBe('DENY');
      expect(answer.headers.get('cross-origin-opener-policy'), p).toBe('same-origin');
      expect(answer.headers.get('cross-origin-resource-policy'), p).toBe('same-origin');
      expect(answer.headers.get('access-control-allow-origin'), p).toBeNull();
    }
    // The built page has no inline script or style for the policy to block.
    const html = await (await get('/console/')).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    // A missing built file is a 404, not the page under a script's name (which nosniff would then refuse).
    expect((await get('/console/assets/missing.js')).status).toBe(404);
  });

  it("the widget's assets: loadable by any customer's site, the chat window may open from one", async () => {
    for (const p of ['/widget.js', '/widget/pane.js', '/widget/chat-window.html', '/widget/chat-window.js']) {
      const answer = await get(p, { origin: 'https://shop.example' });
      expect(answer.status, p).toBe(200);
      expect(answer.headers.get('cross-origin-resource-policy'), p).toBe('cross-origin');
      expect(answer.headers.get('access-control-allow-origin'), p).toBe('*');
      expect(answer.headers.get('cross-origin-opener-policy'), p).toBe('unsafe-none');
    }
    const csp = directives((await get('/widget/chat-window.html')).headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    // The widget's CSS is a <style> in its shadow root.
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toContain(`ws://${new URL(h.url).host}`);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the demo shop: its own scripts and the widget only', async () => {
    const answer = await get('/demo/pricing.html');
    const csp = directives(answer.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toContain(`ws://${new URL(h.url).host}`);
    expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
  });

  it('a Host that is not a plain host name writes nothing into the policy', async () => {
    const { request } = await import('node:http');
    const url = new URL(h.url);
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/console/',
          headers: { host: "x;script-src 'unsafe-inline'" },
        },
        (res) => {
          res.resume();
          resolve(String(res.headers['content-security-policy']));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(directives(csp).get('script-src')).toEqual(["'self'"]);
    expect(directives(csp).get('connect-src')).toEqual(["'self'"]);
  });
});

describe('HSTS', () => {
  it('is sent when BECKON_PUBLIC_URL is https', async () => {
    const h = await startHarness({ env: { BECKON_PUBLIC_URL: 'https://chat.example.com' } });
    try {
      for (const p of ['/v1/auth/me', '/console/', '/widget.js', '/demo/pricing.html']) {
        const answer = await fetch(`${h.url}${p}`);
        expect(answer.headers.get('strict-transport-security'), p).toMatch(
          /^max-age=31536000; includeSubDomains$/,
        );
      }
      const csp = directives((await fetch(`${h.url}/console/`)).headers.get('content-security-policy'));
      expect(csp.has('upgrade-insecure-requests')).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('is sent for requests that came in over TLS through a trusted proxy, and only those', async () => {
    const h = await startHarness({ env: { BECKON_TRUST_PROXY: 'loopback' } });
    try {
      const secure = await fetch(`${h.url}/console/`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(secure.headers.get('strict-transport-security')).toMatch(/^max-age=/);
      const plain = await fetch(`${h.url}/console/`);
      expect(plain.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await h.close();
    }
  });
});
