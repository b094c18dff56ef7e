import { describe, expect, test } from 'vitest';
import { useHarness } from './support/lifecycle.ts';
import { visitWith } from './support/visit-with.ts';
import { widget } from './support/visitor.ts';
import { normalize, waitForText } from './support/wait.ts';

/** Languages: a browser in French gets the widget in French, and the rule's French translation. */
describe('the widget in French', () => {
  const harness = useHarness();

  test('a fr-FR browser sees French UI text and the French invitation message', async () => {
    const h = harness();
    const visitor = await visitWith(h, '/demo/pricing.html', { locale: 'fr-FR' });
    const w = widget(visitor);

    expect(await w.launcher.getAttribute('aria-label')).toBe('Ouvrir la discussion');

    // The seeded rule "30 s on a pricing page" carries a French translation; the server picks it from the
    // language the widget reports in its hello.
    await h.advance(30_000);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toBe(
      'Besoin d’aide pour choisir une offre ?',
    );
    expect(await w.invitation.getAttribute('aria-label')).toBe('Invitation à discuter');
    expect(normalize((await w.invitationAccept.textContent()) ?? '')).toBe('Discuter');
    expect(await w.invitationClose.getAttribute('aria-label')).toBe('Fermer');

    // The rule asks for the pre-chat survey: its chrome is French too.
    await w.invitationAccept.click();
    await w.prechat.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.prechat.textContent()) ?? '')).toContain(
      'Avant de commencer, présentez-vous en quelques mots.',
    );
    expect(normalize((await w.prechatSubmit.textContent()) ?? '')).toBe('Commencer');
    await w.prechatSubmit.click();

    // Alone in the queue: the waiting line becomes the French queue position.
    await waitForText(w.status, 'Vous êtes numéro 1 dans la file d’attente');
    expect(await w.input.getAttribute('placeholder')).toBe('Écrivez votre message…');
    expect(normalize((await w.send.textContent()) ?? '')).toBe('Envoyer');
    expect(normalize((await w.end.textContent()) ?? '')).toBe('Terminer');
    expect(await w.launcher.getAttribute('aria-label')).toBe('Réduire la discussion');
  });
});
