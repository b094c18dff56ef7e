import { createServer } from 'node:net';
import { samplePdf } from '@beckon/test-kit';
import { beforeAll, describe, expect, test } from 'vitest';
import { acceptOffer, accounts, signInAvailable } from './support/console.ts';
import { useHarnessWithSmtp } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { waitForText } from './support/wait.ts';

const pdf = samplePdf();

/** A port free now, so the node's public URL can name it before it listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A file in the e-mailed transcript: the agent sends a PDF, the visitor ends the chat and asks for the transcript,
 * the mail reaching a real SMTP server carries the messages and the file's link, and that link, opened with no
 * session at all, returns the file's bytes.
 */
describe('file links in the transcript e-mail', () => {
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
  });
  const { harness, smtp: testSmtp } = useHarnessWithSmtp('Nimbus <help@nimbus.example>', () => ({
    env: {
      PORT: String(port),
      BECKON_PUBLIC_URL: `http://localhost:${port}`,
      BECKON_FILE_LINK_SECRET: 'an-e2e-secret-of-at-least-thirty-two-characters',
    },
  }));

  test('the mail links the file, and the link opens it without signing in', {
    timeout: 120_000,
  }, async () => {
    const h = harness();
    const smtp = testSmtp();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    const part = (id: string) => visitor.locator(`#beckon-root [data-testid=${id}]`);

    await visitor.evaluate(() => window.Beckon?.startChat());
    await w.prechatName.fill('Grace');
    await w.prechatSubmit.click();
    await w.input.fill('Can you send me the quote?');
    await w.send.click();
    await acceptOffer(agent);
    await waitForText(w.status, 'Alex');
    const chooser = agent.waitForEvent('filechooser');
    await agent.locator('[data-testid=attach]').press('Enter');
    await (await chooser).setFiles({ name: 'devis.pdf', mimeType: 'application/pdf', buffer: pdf });
    await waitForText(agent.locator('[data-testid=attach-status]'), 'devis.pdf sent.');
    await widgetMessage(visitor, 'agent', 'devis.pdf').waitFor({ state: 'visible' });

    await part('beckon-end').click();
    const address = part('beckon-mail-address');
    await address.waitFor({ state: 'visible', timeout: 10_000 });
    await address.fill('grace@example.com');
    await part('beckon-mail-submit').click();
    await waitForText(part('beckon-mail-sent'), 'The transcript is on its way to grace@example.com.');

    const [mail] = await smtp.waitFor(1, 10_000);
    expect(mail!.text).toContain('You: Can you send me the quote?');
    const link = new RegExp(
      `  devis\\.pdf \\(${pdf.length} B\\): (http://localhost:${port}/v1/file-links/\\S+)`,
    ).exec(mail!.text ?? '')?.[1];
    expect(link).toBeDefined();
    expect(String(mail!.html)).toContain('>devis.pdf</a>');

    // Fetched from the test itself: no cookie, no visitor credential.
    const response = await fetch(link!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="devis.pdf"');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
  });
});
