import { describe, expect, it } from 'vitest';
import { fillQuickReply } from './quick-reply-text.ts';

describe('fillQuickReply', () => {
  it('fills the known variables', () => {
    expect(
      fillQuickReply('Hello {visitor.name}, I am {agent.name}. We will write to {visitor.email}.', {
        visitorName: 'Alice',
        visitorEmail: 'alice@example.com',
        agentName: 'Alex',
      }),
    ).toBe('Hello Alice, I am Alex. We will write to alice@example.com.');
  });

  it('reads naturally when a value is unknown, and leaves unknown variables alone', () => {
    expect(fillQuickReply('Hi { visitor.name }!', {})).toBe('Hi there!');
    expect(fillQuickReply('Mail: {visitor.email}.', {})).toBe('Mail: .');
    expect(fillQuickReply('Order {order.id}', { visitorName: 'A' })).toBe('Order {order.id}');
  });
});
