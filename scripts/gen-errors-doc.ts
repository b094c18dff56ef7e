// Writes docs/errors.md from packages/protocol/src/errors.ts (errors.test.ts fails when the two drift).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from './errors-doc.ts';

writeFileSync('docs/errors.md', renderErrorsDoc());
// Biome formats Markdown tables too; keep the generated file in its style so `npm run lint` stays clean.
execFileSync('npx', ['biome', 'format', '--write', 'docs/errors.md'], { stdio: 'inherit' });
