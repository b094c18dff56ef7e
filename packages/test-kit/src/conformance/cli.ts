/**
 * `npm run conformance -- --url https://chat.example.com --widget-key KEY --origin https://shop.example.com
 * --agent-email a@example.com --agent-password …` plays the protocol's golden transcripts against any server
 * (each flag may come from the environment instead; see docs/protocol.md, "Conformance"). Exit code 1 when one
 * fails. Transcripts that need to drive the server's clock or shut it down are skipped, with the reason.
 */
import { parseArgs } from 'node:util';
import { runConformance } from './runner.ts';

const inputs = {
  url: 'BECKON_CONFORMANCE_URL',
  'widget-key': 'BECKON_CONFORMANCE_WIDGET_KEY',
  origin: 'BECKON_CONFORMANCE_ORIGIN',
  'agent-email': 'BECKON_CONFORMANCE_AGENT_EMAIL',
  'agent-password': 'BECKON_CONFORMANCE_AGENT_PASSWORD',
} as const;

const { values } = parseArgs({
  options: {
    ...Object.fromEntries(Object.keys(inputs).map((name) => [name, { type: 'string' as const }])),
    'timeout-ms': { type: 'string' },
  },
});
const value = (name: keyof typeof inputs): string => {
  const found = (values as Record<string, string | undefined>)[name] ?? process.env[inputs[name]];
  if (!found) {
    process.stderr.write(`missing --${name} (or ${inputs[name]})\n`);
    process.exit(2);
  }
  return found;
};

const results = await runConformance(
  {
    url: value('url'),
    widgetKey: value('widget-key'),
    origin: value('origin'),
    agent: { email: value('agent-email'), password: value('agent-password') },
    timeoutMs: values['timeout-ms'] ? Number(values['timeout-ms']) : undefined,
  },
  (result) =>
    process.stdout.write(
      `${result.status.padEnd(7)} ${result.name}${result.reason ? ` — ${result.reason}` : ''}\n`,
    ),
);
const failed = results.filter((r) => r.status === 'failed').length;
const skipped = results.filter((r) => r.status === 'skipped').length;
process.stdout.write(`${results.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
