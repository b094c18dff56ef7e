import { describe, expect, it } from 'vitest';
import { paneStrings } from '../i18n.ts';
import { statusText } from './status.ts';

describe('statusText', () => {
  const en = paneStrings.en;

  it('says waiting before an agent joins', () => {
    expect(statusText(undefined, en)).toBe('Waiting for an agent…');
    expect(statusText({ id: 'c', status: 'waiting' }, en)).toBe('Waiting for an agent…');
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
