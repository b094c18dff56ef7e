import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from './store.ts';
import { describeAccounts } from './store-contract/accounts.contract.ts';
import { describeCapacity } from './store-contract/capacity.contract.ts';
import { describeConversations } from './store-contract/conversations.contract.ts';
import { describeCustomers } from './store-contract/customers.contract.ts';
import { describeJourney } from './store-contract/journey.contract.ts';
import { describeNodes } from './store-contract/nodes.contract.ts';
import { describeOffers } from './store-contract/offers.contract.ts';
import { describeOnceOnly } from './store-contract/once-only.contract.ts';
import { describePageViewCommit } from './store-contract/page-view-commit.contract.ts';
import { describeQueues } from './store-contract/queues.contract.ts';
import { describeRouting } from './store-contract/routing.contract.ts';
import { describeSurveys } from './store-contract/surveys.contract.ts';
import { describeVisitors } from './store-contract/visitors.contract.ts';
import { describeWidgets } from './store-contract/widgets.contract.ts';

/**
 * The behaviour every Store adapter must have (SQLite and PostgreSQL). Every method of the port is covered;
 * concurrency cases fire calls with `Promise.all` so an adapter with a connection pool really races them.
 *
 * `makeStore` returns an empty store (fresh database or truncated schema); the suite calls `migrate()` on it
 * (which must be idempotent) and `close()` after each test. Tests may create the owners of a row first (widget
 * before visitor, visitor before conversation), so adapters are free to enforce foreign keys.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;
    const getStore = (): Store => {
      if (!store) throw new Error('store not ready: used outside a test');
      return store;
    };

    beforeEach(async () => {
      store = await makeStore();
      await store.migrate();
    });

    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    describeAccounts(getStore);
    describeWidgets(getStore);
    describeVisitors(getStore);
    describeConversations(getStore);
    describeOffers(getStore);
    describeOnceOnly(getStore);
    describeCustomers(getStore);
    describeSurveys(getStore);
    describeQueues(getStore);
    describeRouting(getStore);
    describeNodes(getStore);
    describeJourney(getStore);
    describeCapacity(getStore);
    describePageViewCommit(getStore);
  });
}
