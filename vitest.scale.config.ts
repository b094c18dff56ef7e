import { defineConfig } from 'vitest/config';

/**
 * `npm run test:scale`: the tests that need the PostgreSQL and Redis services (adapter contracts on them, several
 * nodes sharing them). Plain `npm test` never runs these, so it keeps working with zero setup.
 */
export default defineConfig({
  test: {
    include: ['packages/*/test-scale/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One file at a time: the chaos test runs three server processes and loads this 2-core machine fully, which
    // would starve the timing of the multi-node tests running beside it.
    fileParallelism: false,
  },
});
