import { afterAll, afterEach, beforeAll } from 'vitest';
import { Harness, type HarnessOptions } from '../harness.ts';

/**
 * Gives a test file its own Beckon node (fresh data directory) and browser for all its tests, closes the browser
 * contexts after each test (with screenshots to test-results/ when it failed) and everything after the file.
 */
export function useHarness(options: () => HarnessOptions = () => ({})): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await Harness.start(options());
  });
  afterEach(async (context) => {
    if (!harness) return;
    if (context.task.result?.state === 'fail') await harness.screenshotAll(context.task.name);
    await harness.closeContexts();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('the Beckon harness did not start (see the beforeAll error)');
    return harness;
  };
}
