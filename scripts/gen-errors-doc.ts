// Writes docs/errors.md from packages/protocol/src/errors.ts (errors.test.ts fails when the two drift).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { errorCodeList, errorCodes } from '../packages/protocol/src/errors.ts';

const rows = errorCodeList.map((code) => {
  return `| \`${code}\` | ${errorCodes[code].status} | ${errorCodes[code].description} |`;
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
// Biome formats Markdown tables too; keep the generated file in its style so `npm run lint` stays clean.
execFileSync('npx', ['biome', 'format', '--write', 'docs/errors.md'], { stdio: 'inherit' });
