import { startHarness } from '../test/harness.ts';
import { describeVisitorMessagesAcrossNodes } from '../test/visitor-messages-across-nodes.ts';
import { createTestDatabase } from './services.ts';

// A database per case: each node start seeds the demo installation.
describeVisitorMessagesAcrossNodes('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const h = await startHarness({ env: { DATABASE_URL: database.url } });
  return {
    ...h,
    async close() {
      await h.close();
      await database.drop();
    },
  };
});
