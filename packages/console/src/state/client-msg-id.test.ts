import { expect, test } from 'vitest';
import { newClientMsgId } from './client-msg-id.ts';

// The transcript itself is the protocol's message ledger (packages/protocol/src/message-ledger.test.ts).
test('client message ids are unique', () => {
  expect(newClientMsgId()).not.toBe(newClientMsgId());
});
