import { describe, expect, it } from 'vitest';
import { paneStrings } from '../i18n.ts';
import { statusText } from './status.ts';

describe('statusText', () => {
  const en = paneStrings.en;

  it('says waiting before an agent joins', () => {
    expect(statusText(undefined, en)).toBe('Waiting for an agent…');
    expect(statusText({ id: 'c', status: 'waiting' }, en)).toBe('Waiting for an agent…');
  });

  it('gives the place in the queue while waiting, in French too', () => {
    const waiting = { id: 'c', status: 'waiting' } as const;
    expect(statusText(waiting, en, 2)).toBe('You are number 2 in the queue');
    expect(statusText(waiting, paneStrings.fr, 1)).toBe('Vous êtes numéro 1 dans la file d’attente');
    expect(statusText({ id: 'c', status: 'active', agentName: 'Ada' }, en, 1)).toBe(
      'You are chatting with Ada',
    );
  });

  it('adds the estimated wait in whole minutes, at least one', () => {
    const waiting = { id: 'c', status: 'waiting' } as const;
    expect(statusText(waiting, en, 2, 300)).toBe('You are number 2 in the queue (about 5 min)');
    expect(statusText(waiting, en, 1, 20)).toBe('You are number 1 in the queue (about 1 min)');
    expect(statusText(waiting, paneStrings.fr, 3, 61)).toBe(
      'Vous êtes numéro 3 dans la file d’attente (environ 2 min)',
    );
  });

  it('names the agent once active', () => {
    expect(statusText({ id: 'c', status: 'active', agentName: 'Ada' }, en)).toBe('You are chatting with Ada');
    expect(statusText({ id: 'c', status: 'active' }, en)).toBe('You are chatting with an agent');
  });

  it('says when the chat has ended, in French too', () => {
    expect(statusText({ id: 'c', status: 'ended' }, en)).toBe('The chat has ended');
    expect(statusText({ id: 'c', status: 'ended' }, paneStrings.fr)).toBe('La discussion est terminée');
  });
});
