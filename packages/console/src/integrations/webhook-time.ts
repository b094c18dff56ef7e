import { consoleLocale } from '../locale.ts';

/** A moment of the webhooks screen in the console's language. */
export const webhookTime = (at: number) =>
  new Date(at).toLocaleString(consoleLocale === 'fr' ? 'fr-FR' : 'en-GB');
