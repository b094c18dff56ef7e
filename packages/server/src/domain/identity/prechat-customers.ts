import type { CustomerMatch } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { CustomerRow, Store } from '../../ports/store.ts';
import { matchOf, type ProposedCustomer } from './customer-matching.ts';

/**
 * Creates the proposed record and matches the conversation to it as `unverified`: what the visitor typed proves
 * nothing until an agent confirms the link.
 */
export async function createFromAnswers(
  deps: { store: Store; ids: Ids; clock: Clock },
  proposal: ProposedCustomer,
): Promise<CustomerMatch> {
  const row: CustomerRow = {
    ...proposal,
    active: true,
    id: deps.ids.next('cus'),
    createdAt: deps.clock.now(),
  };
  await deps.store.createCustomer(row);
  return matchOf([row], 'prechat', proposal);
}
