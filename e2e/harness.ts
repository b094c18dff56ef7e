import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BeckonNode, createBeckon, loadConfig } from '@beckon/server';
import { FakeClock } from '@beckon/test-kit';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

/**
 * One Beckon node in-process on a fake clock, plus one headless Chromium. Every time-based behaviour (rule
 * deadlines, invitation expiry, offer countdowns) moves only through `advance`, so no test sleeps for it.
 */

export const demoPassword = 'e2e-password-1';

const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

/**
 * Runs in every page before its own scripts: records the SDK events the tests wait for, so that an event fired
 * before the test looks (the loader is async) is not missed. A string, so no transpiler helper leaks into it.
 */
const recordBeckonEvents = `
  window.__beckonReady = false;
  window.__beckonErrors = [];
  window.__beckonEvents = [];
  window.addEventListener('lcw:ready', () => { window.__beckonReady = true; });
  window.addEventListener('lcw:error', (event) => {
    const detail = event.detail || {};
    window.__beckonErrors.push({ errorCode: detail.errorCode, errorDescription: detail.errorDescription });
  });
  for (const name of ['lcw:startChat', 'lcw:closeChat', 'beckon:invitationShown', 'beckon:invitationAccepted',
    'beckon:invitationDismissed', 'beckon:invitationExpired']) {
    window.addEventListener(name, () => { window.__beckonEvents.push(name); });
  }
`;

export interface HarnessOptions {
  keepDemoPresence?: boolean;
  keepAnswerableGate?: boolean;
  /** More settings for the node (e.g. `BECKON_SMTP_URL` of a test mail server). */
  env?: Record<string, string>;
}

export class Harness {
  private contexts: BrowserContext[] = [];

  private constructor(
    readonly clock: FakeClock,
    readonly node: BeckonNode,
    readonly browser: Browser,
    /** The origin the seeded demo widget allows: `http://localhost:${port}`. */
    readonly origin: string,
    readonly port: number,
    readonly dataDir: string,
  ) {}

  /**
   * The seed makes the demo agent Available; tests start with everyone Offline unless they keep that. With
   * everyone Offline the demo widget's "invite only when someone can answer" would veto every invitation, so it
   * is switched off unless a test keeps it (`keepAnswerableGate`).
   */
  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'beckon-e2e-'));
    const clock = new FakeClock(Date.now());
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BECKON_DEMO_PASSWORD: demoPassword,
      LOG_LEVEL: 'warn',
      ...options.env,
    });
    const node = await createBeckon({ config, clock });
    let browser: Browser | undefined;
    try {
      const { port } = await node.listen();
      const demoAgent = await node.store.findUserByEmail('agent@beckon.local');
      if (!options.keepDemoPresence && demoAgent)
        await node.store.setPresence(demoAgent.id, 'offline', clock.now());
      const demoWidget = await node.store.getWidgetByKey('demo');
      if (!options.keepAnswerableGate && demoWidget)
        await node.store.updateWidget({ ...demoWidget, inviteOnlyWhenAnswerable: false });
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      return new Harness(clock, node, browser, `http://localhost:${port}`, port, dataDir);
    } catch (error) {
      await browser?.close().catch(() => {});
      await node.close().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  get store(): BeckonNode['store'] {
    return this.node.store;
  }

  /**
   * A fresh browser profile (its own cookies and localStorage: one visitor, or one signed-in user); `options`
   * override the defaults (e.g. a `locale`, a phone `viewport`, `reducedMotion`).
   */
  async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 860 },
      ...options,
    });
    context.setDefaultTimeout(15_000);
    await context.addInitScript({ content: recordBeckonEvents });
    this.contexts.push(context);
    return context;
  }

  /** Moves the server's clock, then gives the resulting frames a moment of real time to reach the pages. */
  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms);
    await realDelay(150);
  }

  /** Saves a screenshot of every open page to test-results/ (called when a test failed). */
  async screenshotAll(testName: string): Promise<void> {
    await mkdir(resultsDir, { recursive: true });
    const slug = testName
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80);
    let index = 0;
    for (const context of this.contexts) {
      for (const page of context.pages()) {
        index++;
        await page
          .screenshot({ path: path.join(resultsDir, `${slug}-${index}.png`), fullPage: true })
          .catch(() => {});
      }
    }
  }

  /** Closes the browser contexts opened by the current test; the server and the browser stay up. */
  async closeContexts(): Promise<void> {
    const contexts = this.contexts;
    this.contexts = [];
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
  }

  async close(): Promise<void> {
    await this.closeContexts();
    await this.browser.close().catch(() => {});
    await this.node.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

export function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
