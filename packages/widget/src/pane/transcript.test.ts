import { describe, expect, it } from 'vitest';
import { paneStrings } from '../i18n.ts';
import type { DisplayMessage } from '../pane-api.ts';
import { transcriptText } from './transcript.ts';

const at = Date.UTC(2026, 10, 24, 10, 5);
const message = (overrides: Partial<DisplayMessage>): DisplayMessage => ({
  key: 'k',
  author: 'visitor',
  text: 'Hello',
  status: 'sent',
  createdAt: at,
  ...overrides,
});

describe('transcriptText', () => {
  it('lists stored messages with time and author, leaving out unsent ones', () => {
    const text = transcriptText(
      'Nimbus support',
      [
        message({ author: 'bot', authorName: 'Nimbus', text: 'Need help choosing a plan?' }),
        message({ text: 'Hi, <b>is</b> the Team plan monthly?' }),
        message({ author: 'agent', authorName: 'Alex', text: 'Yes, or yearly.' }),
        message({ author: 'system', text: 'The visitor ended the chat.' }),
        message({ text: 'draft', status: 'pending' }),
        message({ text: 'lost', status: 'failed' }),
      ],
      paneStrings.en,
      'en-GB',
    );
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('Chat transcript — Nimbus support');
    expect(lines.slice(2)).toEqual([
      // The invitation that opened the chat, in the name it spoke as.
      expect.stringMatching(/\] Nimbus: Need help choosing a plan\?$/),
      expect.stringMatching(/^\[24\/11\/2026, \d\d:05\] You: Hi, <b>is<\/b> the Team plan monthly\?$/),
      expect.stringMatching(/\] Alex: Yes, or yearly\.$/),
      expect.stringMatching(/\] —: The visitor ended the chat\.$/),
    ]);
  });

  it('is in French for a French widget', () => {
    const text = transcriptText('', [message({ author: 'agent' })], paneStrings.fr, 'fr-FR');
    expect(text).toContain('Transcription de la discussion');
    expect(text).toContain('] Conseiller: Hello');
  });
});
