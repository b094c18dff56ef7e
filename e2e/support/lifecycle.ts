import { TestSmtp } from '@beckon/test-kit/smtp';
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

/**
 * A node that sends its mail to a real SMTP server started for the test file (`smtp()` is that server), from
 * `from`.
 */
export function useHarnessWithSmtp(
  from: string,
  options: () => HarnessOptions = () => ({}),
): { harness: () => Harness; smtp: () => TestSmtp } {
  let smtp: TestSmtp | undefined;
  beforeAll(async () => {
    smtp = await TestSmtp.start();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const harness = useHarness(() => {
    const given = options();
    return { ...given, env: { ...given.env, BECKON_SMTP_URL: smtp!.url, BECKON_MAIL_FROM: from } };
  });
  return {
    harness,
    smtp: () => {
      if (!smtp) throw new Error('the test SMTP server did not start');
      return smtp;
    },
  };
}
