// Writes docs/errors.md from packages/protocol/src/errors.ts (errors.test.ts fails when the two drift).
import { writeFileSync } from 'node:fs';
import { errorCodeList, errorCodes, sdkAuthErrorNumbers } from '../packages/protocol/src/errors.ts';

const rows = errorCodeList.map((code) => {
  const sdk = sdkAuthErrorNumbers[code];
  return `| \`${code}\` | ${errorCodes[code].status} | ${errorCodes[code].description}${sdk ? ` (page SDK error ${sdk})` : ''} |`;
});
writeFileSync(
  'docs/errors.md',
  `# Error codes

Every error Beckon returns carries a stable code: in HTTP bodies as \`{ "error": { "code", "message", "details"? } }\`
with the status below, in realtime \`error\` frames as \`{ "type": "error", "code", "message", "ref"?, "details"? }\`
(the socket stays open), and on the host page as \`lcw:error\` events with \`detail.errorCode\`. Codes never
change meaning; new ones are added at the end of a section. Generated from \`packages/protocol/src/errors.ts\`
by \`npx tsx scripts/gen-errors-doc.ts\`; a test keeps this file and the code in step.

| code | HTTP status | meaning |
|---|---|---|
${rows.join('\n')}
`,
);
