import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { describeAcceptanceModels } from './store-contract/acceptance-models.contract.ts';
import { describeAccounts } from './store-contract/accounts.contract.ts';
import { describeAnalytics } from './store-contract/analytics.contract.ts';
import { describeApiTokens } from './store-contract/api-tokens.contract.ts';
import { describeAudit } from './store-contract/audit.contract.ts';
import { describeCapacity } from './store-contract/capacity.contract.ts';
import { describeConversations } from './store-contract/conversations.contract.ts';
import { describeCustomers } from './store-contract/customers.contract.ts';
import { describeFiles } from './store-contract/files.contract.ts';
import { user } from './store-contract/fixtures.ts';
import { describeHandovers } from './store-contract/handovers.contract.ts';
import { describeInstallationSecrets } from './store-contract/installation-secrets.contract.ts';
import { describeInvitations } from './store-contract/invitations.contract.ts';
import { describeJourneys } from './store-contract/journeys.contract.ts';
import { describeLeftMessages } from './store-contract/left-messages.contract.ts';
import { describeMailOutbox } from './store-contract/mail-outbox.contract.ts';
import { describeMessageBatch } from './store-contract/message-batch.contract.ts';
import { describeMessages } from './store-contract/messages.contract.ts';
import { describeNodes } from './store-contract/nodes.contract.ts';
import { describeOffers } from './store-contract/offers.contract.ts';
import { describePersonalData } from './store-contract/personal-data.contract.ts';
import { describePresence } from './store-contract/presence.contract.ts';
import { describeQueueMemberLoads } from './store-contract/queue-member-loads.contract.ts';
import { describeQueueStanding } from './store-contract/queue-standing.contract.ts';
import { describeQueues } from './store-contract/queues.contract.ts';
import { describeQuickReplies } from './store-contract/quick-replies.contract.ts';
import { describeReceipts } from './store-contract/receipts.contract.ts';
import { describeRetention } from './store-contract/retention.contract.ts';
import { describeRuleChecks } from './store-contract/rule-checks.contract.ts';
import { describeRules } from './store-contract/rules.contract.ts';
import { describeSingleSignOn } from './store-contract/single-sign-on.contract.ts';
import { describeSurveys } from './store-contract/surveys.contract.ts';
import { describeVisitorMessages } from './store-contract/visitor-messages.contract.ts';
import { describeVisitors } from './store-contract/visitors.contract.ts';
import { describeWebhooks } from './store-contract/webhooks.contract.ts';
import { describeWidgets } from './store-contract/widgets.contract.ts';
import { describeWrapUps } from './store-contract/wrap-ups.contract.ts';

/**
 * The behaviour every Store adapter must have (SQLite and PostgreSQL): one suite per port, in
 * store-contract/<concept>.contract.ts beside store/<concept>.ts. Every method of the ports is covered;
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

    describe('lifecycle', () => {
      it('migrate() again is harmless and keeps the data', async () => {
        const store = getStore();
        await store.createUser(user());
        await store.migrate();
        await store.migrate();
        expect(await store.countUsers()).toBe(1);
      });
    });

    describeAcceptanceModels(getStore);
    describeAccounts(getStore);
    describePresence(getStore);
    describeNodes(getStore);
    describeInstallationSecrets(getStore);
    describeSingleSignOn(getStore);
    describeWidgets(getStore);
    describeQueues(getStore);
    describeQueueMemberLoads(getStore);
    describeQueueStanding(getStore);
    describeRules(getStore);
    describeRuleChecks(getStore);
    describeVisitors(getStore);
    describeHandovers(getStore);
    describeJourneys(getStore);
    describeInvitations(getStore);
    describeConversations(getStore);
    describeMessages(getStore);
    describeMailOutbox(getStore);
    describeVisitorMessages(getStore);
    describeMessageBatch(getStore);
    describeReceipts(getStore);
    describeOffers(getStore);
    describeCapacity(getStore);
    describeCustomers(getStore);
    describeSurveys(getStore);
    describeLeftMessages(getStore);
    describeFiles(getStore);
    describeQuickReplies(getStore);
    describeWrapUps(getStore);
    describeAnalytics(getStore);
    describeAudit(getStore);
    describePersonalData(getStore);
    describeRetention(getStore);
    describeApiTokens(getStore);
    describeWebhooks(getStore);
  });
}
