import { readFileSync } from 'node:fs';
import { samplePdf } from '@beckon/test-kit';
import { describe, expect, test } from 'vitest';
import { pageViolations, widgetViolations } from './support/a11y.ts';
import { accounts, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitWith } from './support/visit-with.ts';
import { visitDemoPage, widget } from './support/visitor.ts';
import { normalize, waitForText } from './support/wait.ts';

const pdf = samplePdf();

/**
 * Files both ways: the agent attaches a PDF from the composer with the keyboard, the visitor's widget (which shows
 * files as their text line) gets it and the visitor's browser downloads it with its own credential; the visitor's
 * page sends a screenshot it drew, which the agent sees as a thumbnail; an executable named .png is refused in
 * words; the workspace stays axe-clean throughout.
 */
describe('files in a conversation', () => {
  const harness = useHarness();

  test('agent sends a PDF, visitor sends a screenshot, a disguised executable is refused', async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    await w.launcher.click();
    await w.prechat.waitFor({ state: 'visible' });
    await w.prechatName.fill('Zoé');
    await w.prechatSubmit.click();
    await agent.locator('[data-testid=offer-accept]').click();
    await agent.locator('[data-testid=composer]').waitFor({ state: 'visible' });

    // The keyboard way: focus Attach, press Enter, pick the file.
    const attach = agent.locator('[data-testid=attach]');
    const chooser = agent.waitForEvent('filechooser');
    await attach.press('Enter');
    await (await chooser).setFiles({ name: 'devis.pdf', mimeType: 'application/pdf', buffer: pdf });
    const sent = agent.locator('[data-testid=message][data-author=agent] [data-testid=attachment]', {
      hasText: 'devis.pdf',
    });
    await sent.waitFor({ state: 'visible', timeout: 10_000 });
    await waitForText(agent.locator('[data-testid=attach-status]'), 'devis.pdf sent.');
    expect(await agent.locator('[data-testid=composer]').isEnabled()).toBe(true);

    // The widget shows it as a download link with its name and size; the visitor's browser saves it.
    const link = visitor.locator('#beckon-root [data-testid=beckon-attachment-file]', {
      hasText: 'devis.pdf',
    });
    await link.waitFor({ state: 'visible', timeout: 10_000 });
    await visitor.waitForFunction(
      () =>
        document
          .querySelector('#beckon-root')
          ?.shadowRoot?.querySelector('[data-testid=beckon-attachment-file]')
          ?.getAttribute('href')
          ?.startsWith('blob:') === true,
    );
    const saved = visitor.waitForEvent('download');
    await link.click();
    expect((await saved).suggestedFilename()).toBe('devis.pdf');
    const fileId = (await h.store.listMessages(await openConversationId(h), 0)).find((m) => m.attachment)
      ?.attachment?.id;
    expect(fileId).toBeDefined();
    // The route itself answers the visitor's credential with a download, never a page.
    const fetched = await visitor.evaluate(async (id) => {
      const credential =
        localStorage.getItem('beckon:demo:visitor') ?? sessionStorage.getItem('beckon:demo:visitor');
      const response = await fetch(`/v1/visitor/files/${id}?key=demo`, {
        headers: { authorization: `Bearer ${credential}` },
      });
      return {
        status: response.status,
        disposition: response.headers.get('content-disposition'),
        bytes: (await response.arrayBuffer()).byteLength,
      };
    }, fileId!);
    expect(fetched).toEqual({
      status: 200,
      disposition: 'attachment; filename="devis.pdf"',
      bytes: pdf.length,
    });

    // The agent downloads it: a download, never a page on the console's origin.
    const download = agent.waitForEvent('download');
    await sent.click();
    expect((await download).suggestedFilename()).toBe('devis.pdf');

    // The visitor pastes a screenshot into the chat, adds a caption and sends it; the agent sees its thumbnail.
    await visitor.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 200;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#c33';
      context.fillRect(0, 0, 320, 200);
      const png = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/png'));
      const clipboardData = new DataTransfer();
      clipboardData.items.add(new File([png], 'image.png', { type: 'image/png' }));
      const input = document
        .querySelector('#beckon-root')!
        .shadowRoot!.querySelector<HTMLTextAreaElement>('[data-testid=beckon-input]')!;
      input.focus();
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, composed: true }));
    });
    await w.root.locator('[data-testid=beckon-attach-caption]').fill('The error page');
    await w.root.locator('[data-testid=beckon-attach-send]').click();
    const thumbnail = agent.locator('[data-testid=message][data-author=visitor] img[alt="Pasted image.png"]');
    await thumbnail.waitFor({ state: 'visible', timeout: 10_000 });
    await agent.waitForFunction(
      () =>
        (document.querySelector('[data-testid=message][data-author=visitor] img') as HTMLImageElement | null)
          ?.naturalWidth === 320,
    );
    await waitForText(agent.locator('[data-testid=message][data-author=visitor]').last(), 'The error page');
    // The visitor's own copy is a thumbnail too, opening the full image.
    await w.root.locator('[data-testid=beckon-attachment-image] img').waitFor({ state: 'visible' });
    await w.root.locator('[data-testid=beckon-attachment-image]').click();
    await w.root.locator('[data-testid=beckon-attachment-full] img').waitFor({ state: 'visible' });
    await visitor.keyboard.press('Escape');

    // The widget refuses a disguised program in words.
    const widgetChooser = visitor.waitForEvent('filechooser');
    await w.root.locator('[data-testid=beckon-attach-button]').click();
    await (await widgetChooser).setFiles({
      name: 'invoice.pdf',
      mimeType: 'application/pdf',
      buffer: readFileSync(process.execPath).subarray(0, 8192),
    });
    await w.root.locator('[data-testid=beckon-attach-send]').click();
    await waitForText(
      w.root.locator('[data-testid=beckon-attach-error]'),
      'This kind of file cannot be sent here. Try an image, a PDF or a text file.',
    );
    expect(await widgetViolations(visitor)).toEqual([]);

    // A program named like a picture is refused, in words, and can be dismissed.
    const refused = agent.waitForEvent('filechooser');
    await attach.click();
    await (await refused).setFiles({
      name: 'cat.png',
      mimeType: 'image/png',
      buffer: readFileSync(process.execPath).subarray(0, 8192),
    });
    const problem = agent.locator('[data-testid=attach-error]');
    await problem.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await problem.textContent()) ?? '')).toBe(
      'cat.png was not sent: this widget does not accept files of this type (its settings list the ones it does).',
    );

    expect(await pageViolations(agent)).toEqual([]);
  }, 150_000);

  test('French words for a refused file; an HTML page with a script stays inert when the agent opens it', async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitWith(h, '/demo/index.html', { locale: 'fr-FR' });
    const w = widget(visitor);
    await w.launcher.click();
    await w.prechat.waitFor({ state: 'visible' });
    await w.prechatName.fill('Zoé');
    await w.prechatSubmit.click();
    await agent.locator('[data-testid=offer-accept]').click();
    await agent.locator('[data-testid=composer]').waitFor({ state: 'visible' });

    const choose = async (name: string, buffer: Buffer) => {
      const chooser = visitor.waitForEvent('filechooser');
      await w.root.locator('[data-testid=beckon-attach-button]').click();
      await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer });
      await w.root.locator('[data-testid=beckon-attach-send]').click();
    };
    await choose('facture.pdf', readFileSync(process.execPath).subarray(0, 8192));
    await waitForText(
      w.root.locator('[data-testid=beckon-attach-error]'),
      'Ce type de fichier ne peut pas être envoyé ici. Essayez une image, un PDF ou un fichier texte.',
    );
    await w.root.locator('[data-testid=beckon-attach-error] ~ button', { hasText: 'Fermer' }).click();

    // An HTML page is text to the server: stored as plain text, and served so that it can never run.
    const html = '<html><body><script>document.title = "ran"; alert("ran")</script>Hi</body></html>';
    await choose('page.html', Buffer.from(html));
    const link = agent.locator('[data-testid=message][data-author=visitor] [data-testid=attachment]', {
      hasText: 'page.html',
    });
    await link.waitFor({ state: 'visible', timeout: 10_000 });
    let dialogs = 0;
    agent.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const download = agent.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toBe('page.html');
    // The console's own link to it, fetched to read how it is served.
    const href = await link.getAttribute('href');
    const headers = await agent.evaluate(async (url) => {
      const response = await fetch(url);
      return {
        type: response.headers.get('content-type'),
        disposition: response.headers.get('content-disposition'),
        policy: response.headers.get('content-security-policy'),
        sniff: response.headers.get('x-content-type-options'),
      };
    }, href!);
    expect(headers).toEqual({
      type: 'text/plain; charset=utf-8',
      disposition: 'attachment; filename="page.html"',
      policy: "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'",
      sniff: 'nosniff',
    });
    expect(dialogs).toBe(0);
    expect(await agent.title()).not.toBe('ran');
    expect(await widgetViolations(visitor)).toEqual([]);
    expect(await pageViolations(agent)).toEqual([]);
  }, 150_000);

  async function openConversationId(h: ReturnType<typeof harness>): Promise<string> {
    const agent = await h.store.findUserByEmail(accounts.agent.email);
    const [conversation] = await h.store.listAgentConversations(agent!.id, ['active']);
    return conversation!.id;
  }
});
