// docs/errors.md as generated from packages/protocol/src/errors.ts: written by gen-errors-doc.ts, compared whole by
// packages/protocol/src/errors.test.ts.
import { errorCodeList, errorCodes } from '../packages/protocol/src/errors.ts';

export function renderErrorsDoc(): string {
  const rows = errorCodeList.map(
    (code) => `| \`${code}\` | ${errorCodes[code].status} | ${errorCodes[code].description} |`,
  );
  return `# Error codes

Every error Beckon returns carries a stable code: in HTTP bodies as \`{ "error": { "code", "message", "details"? } }\`
with the status below, in realtime \`error\` frames as \`{ "type": "error", "code", "message", "ref"?, "details"? }\`
(the socket stays open), and on the host page as \`lcw:error\` events with \`detail.errorCode\`. Codes never
change meaning; new ones are added at the end of a section. Generated from \`packages/protocol/src/errors.ts\`
by \`npx tsx scripts/gen-errors-doc.ts\`; a test keeps this file and the code in step.

| code | HTTP status | meaning |
|---|---|---|
${rows.join('\n')}
`;
}

/** The same text with the table padding that the formatter adds or removes taken out. */
export function withoutTablePadding(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/ *\| */g, '|').replace(/-{3,}/g, '---') : line))
    .join('\n')
    .trimEnd();
}
