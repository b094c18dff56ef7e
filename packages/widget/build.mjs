// Builds the loader (classic IIFE script, /widget.js) and the lazily loaded chat pane (ES module, /widget/pane.js),
// prints their sizes and fails when a budget is exceeded or zod slipped into a bundle.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const budgets = { 'widget.js': 8 * 1024, 'pane.js': 30 * 1024 };

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  // es2022 keeps `#private` members native, and esbuild shortens their names; dynamic import needs es2020 anyway.
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  // Lets esbuild drop the unused `errorCodeList = Object.keys(errorCodes)` from '@beckon/protocol/errors', and with
  // it the whole error table: the loader needs only `sdkAuthErrorNumbers`.
  pure: ['Object.keys'],
};

const results = await Promise.all([
  build({
    ...common,
    entryPoints: [join(root, 'src/loader/main.ts')],
    outfile: join(dist, 'widget.js'),
    format: 'iife',
  }),
  build({
    ...common,
    entryPoints: [join(root, 'src/pane/main.tsx')],
    outfile: join(dist, 'pane.js'),
    format: 'esm',
  }),
  // The page `startChat({ inNewWindow: true })` opens (served from this node, next to the pane).
  build({
    ...common,
    entryPoints: [join(root, 'src/window/main.ts')],
    outfile: join(dist, 'chat-window.js'),
    format: 'esm',
  }),
]);
copyFileSync(join(root, 'src/window/chat-window.html'), join(dist, 'chat-window.html'));

let failed = false;
for (const result of results) {
  for (const input of Object.keys(result.metafile.inputs)) {
    if (/node_modules\/zod\//.test(input)) {
      process.stderr.write(`zod must not be bundled into the widget (found ${input})\n`);
      failed = true;
    }
  }
}

for (const [file, budget] of Object.entries(budgets)) {
  const code = readFileSync(join(dist, file));
  const gzip = gzipSync(code, { level: 9 }).length;
  const ok = gzip < budget;
  process.stdout.write(
    `${file.padEnd(10)} ${String(code.length).padStart(7)} B raw  ${String(gzip).padStart(6)} B gzip  ` +
      `(budget ${budget} B) ${ok ? 'ok' : 'OVER BUDGET'}\n`,
  );
  if (!ok) failed = true;
}
if (failed) process.exit(1);
